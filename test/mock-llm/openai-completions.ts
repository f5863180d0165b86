/** OpenAI legacy `POST /v1/completions`: `text_completion` objects, plain and streamed. */
import { bodyObject, type EndpointInput, type Prepared } from './endpoint';
import { prepareGeneration, type Generation } from './generation';
import { MockHttpError } from './http-error';
import { randomId, unixSeconds } from './ids';
import { type JsonObject } from './json';
import {
  basicUsage, FINISH_REASONS, includeUsage, maxTokens, requestModel, streamEnd, SYSTEM_FINGERPRINT, type OpenAiOptions,
} from './openai-shared';
import { sseEncoder } from './sse';

export function prepareCompletion(input: EndpointInput, options: OpenAiOptions = {}): Prepared {
  const body = bodyObject(input);
  const model = requestModel(body, options);
  const prompt = promptText(body.prompt);
  if (prompt === undefined) throw new MockHttpError(400, "Missing required parameter: 'prompt'.", { param: 'prompt', code: 'missing_required_parameter' });
  const withUsage = includeUsage(body);
  return prepareGeneration(
    { model, lastUserText: prompt, promptTexts: [prompt], tools: [], toolChoice: { mode: 'none' }, endsWithUserTurn: true, maxTokens: maxTokens(body) },
    body.stream === true,
    {
      json: (generation) => ({
        id: randomId('cmpl-', 29),
        object: 'text_completion',
        created: unixSeconds(),
        model,
        choices: [{ text: generation.text, index: 0, logprobs: null, finish_reason: FINISH_REASONS[generation.finish] }],
        usage: basicUsage(generation),
        system_fingerprint: SYSTEM_FINGERPRINT,
      }),
      stream: (generation) => ({ kind: 'stream', encoder: sseEncoder(), plan: chunks(model, generation, withUsage) }),
    },
  );
}

/** The prompt as text: a string, strings, or token arrays (ids joined by spaces). */
function promptText(prompt: unknown): string | undefined {
  if (typeof prompt === 'string') return prompt;
  if (!Array.isArray(prompt)) return undefined;
  if (prompt.every((p) => typeof p === 'number')) return prompt.join(' ');
  return prompt.map((p) => (Array.isArray(p) ? p.join(' ') : String(p))).join('\n');
}

function chunks(model: string, generation: Generation, withUsage: boolean) {
  const base: JsonObject = { id: randomId('cmpl-', 29), object: 'text_completion', created: unixSeconds(), model, system_fingerprint: SYSTEM_FINGERPRINT };
  const chunk = (text: string, finishReason: string | null) => ({
    data: { ...base, choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] },
  });
  return {
    head: [],
    content: generation.pieces.map((piece) => chunk(piece, null)),
    tail: [chunk('', FINISH_REASONS[generation.finish]), ...streamEnd(base, withUsage ? basicUsage(generation) : undefined)],
  };
}
