import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Usage } from '../providers/openai-types';
import { estimatedUsage, writtenText } from './accounting';
import { scansAnswers, transformMessage, transformWhole } from './transform-chain';
import { sendJson } from './client-writer';
import { chatAnswer, jsonAnswer, openAIAnswer } from './whole-answer';
import type { AttemptContext, AttemptResult } from './call-target';

/** A message or a delta with OpenAI's legacy `function_call` (requests that name `functions`). */
export type LegacyCall = { function_call?: { name?: string; arguments?: string } };

export async function relayWhole(a: AttemptContext, body: Readable, started: number): Promise<AttemptResult> {
  const { plan, target } = a;
  const json = await jsonAnswer(body, target, plan.maxResponseBodyBytes);
  const raw = plan.routeType === 'llm/v1/chat' ? json : openAIAnswer(plan.routeType, target, json);
  const upstreamWaitMs = performance.now() - started;
  let response: Record<string, unknown> = raw;
  let recordedResponse: Record<string, unknown> = raw;
  let completionText = '';
  const transformed = a.transforms.length > 0 || a.toolTransforms.length > 0;
  if (plan.routeType === 'llm/v1/chat') {
    const chat = chatAnswer(target, raw);
    // What is recorded differs from what the client gets only when a transform restores originals.
    const recorded = transformed ? structuredClone(chat) : chat;
    const scans = scansAnswers(a.transforms);
    chat.choices.forEach((choice, i) => {
      transformMessage(choice.message as unknown as Record<string, unknown>, a.transforms, recorded.choices[i].message as unknown as Record<string, unknown>);
      if (scans && choice.logprobs) choice.logprobs = recorded.choices[i].logprobs = null;
      choice.message.tool_calls?.forEach((call, j) => {
        const args = transformWhole(a.toolTransforms, call.function.arguments);
        recorded.choices[i].message.tool_calls![j].function.arguments = args.recorded;
        call.function.arguments = args.client;
      });
      // A legacy function call's arguments, as a tool call's.
      const legacy = (choice.message as LegacyCall).function_call;
      if (typeof legacy?.arguments === 'string') {
        const args = transformWhole(a.toolTransforms, legacy.arguments);
        (recorded.choices[i].message as LegacyCall).function_call!.arguments = args.recorded;
        legacy.arguments = args.client;
      }
      completionText += writtenText(recorded.choices[i].message as unknown as Record<string, unknown>);
    });
    response = chat as unknown as Record<string, unknown>;
    recordedResponse = recorded as unknown as Record<string, unknown>;
  } else if (plan.routeType === 'llm/v1/completions') {
    recordedResponse = transformed ? structuredClone(raw) : raw;
    const scans = scansAnswers(a.transforms);
    (raw.choices as Array<{ text?: unknown; logprobs?: unknown }>).forEach((choice, i) => {
      // Token log probabilities spell the answer out token by token: never sent when the answer is scanned.
      if (scans && choice.logprobs) choice.logprobs = (recordedResponse.choices as Array<{ logprobs?: unknown }>)[i]!.logprobs = null;
      if (typeof choice.text !== 'string') return;
      const text = transformWhole(a.transforms, choice.text);
      (recordedResponse.choices as Array<{ text?: unknown }>)[i]!.text = text.recorded;
      choice.text = text.client;
      completionText += text.client;
    });
  }
  let usage = response.usage as Usage | undefined;
  const usageEstimated = !usage;
  if (!usage && plan.routeType !== 'llm/v1/embeddings') {
    usage = estimatedUsage(plan.request, completionText);
    response.usage = usage;
    recordedResponse.usage = usage;
  }
  const headers: Record<string, string> = {};
  if (usage) {
    await a.spend(usage);
    headers['x-ai-usage-prompt-tokens'] = String(usage.prompt_tokens);
    headers['x-ai-usage-completion-tokens'] = String(usage.completion_tokens ?? 0);
    headers['x-ai-usage-total-tokens'] = String(usage.total_tokens);
    if (usageEstimated) headers['x-ai-usage-estimated'] = 'true';
  }
  sendJson(a.res, 200, response, a.headers(headers));
  return { status: 200, usage, usageEstimated, truncated: false, response: recordedResponse, upstreamWaitMs };
}
