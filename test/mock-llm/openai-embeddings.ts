/** OpenAI `POST /v1/embeddings`: deterministic unit vectors, float or base64. */
import { countTokens } from './answer';
import { embed, toBase64 } from './embedding';
import { bodyObject, jsonReply, type EndpointInput, type Prepared } from './endpoint';
import { MockHttpError } from './http-error';
import { asNumber } from './json';
import { requestModel, type OpenAiOptions } from './openai-shared';

export const DEFAULT_OPENAI_DIMENSIONS = 256;
const MAX_DIMENSIONS = 8192;

interface EmbeddingInput {
  text: string;
  tokens: number;
}

export function prepareEmbeddings(input: EndpointInput, options: OpenAiOptions = {}): Prepared {
  const body = bodyObject(input);
  const model = requestModel(body, options);
  const inputs = embeddingInputs(body.input);
  const dimensions = asNumber(body.dimensions) ?? DEFAULT_OPENAI_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw new MockHttpError(400, `Invalid value for 'dimensions': must be an integer between 1 and ${MAX_DIMENSIONS}.`, { param: 'dimensions' });
  }
  const base64 = body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, i) => sum + i.tokens, 0);
  return {
    model,
    directiveText: inputs.map((i) => i.text).join('\n'),
    reply: () =>
      jsonReply({
        object: 'list',
        data: inputs.map((item, index) => {
          const vector = embed(item.text, dimensions);
          return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
        }),
        model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      }),
  };
}

/** A string, strings, a token array, or token arrays; token ids are embedded as words. */
function embeddingInputs(input: unknown): EmbeddingInput[] {
  const invalid = () => new MockHttpError(400, "'input' is a required property and must be a non-empty string or array.", { param: 'input' });
  const fromText = (text: string): EmbeddingInput => ({ text, tokens: countTokens(text) });
  const fromTokens = (ids: unknown[]): EmbeddingInput => {
    if (!ids.every((id) => typeof id === 'number')) throw invalid();
    return { text: ids.join(' '), tokens: ids.length };
  };
  if (typeof input === 'string') {
    if (input === '') throw invalid();
    return [fromText(input)];
  }
  if (!Array.isArray(input) || input.length === 0) throw invalid();
  if (input.every((item) => typeof item === 'number')) return [fromTokens(input)];
  return input.map((item) => {
    if (typeof item === 'string' && item !== '') return fromText(item);
    if (Array.isArray(item) && item.length > 0) return fromTokens(item);
    throw invalid();
  });
}
