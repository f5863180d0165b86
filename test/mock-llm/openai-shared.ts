/** Pieces shared by OpenAI's chat and legacy completions: usage, request options, the stream's closing events. */
import type { JsonObject } from './json';
import { asNumber, asString, isObject } from './json';
import type { Finish, Generation } from './generation';
import { MockHttpError } from './http-error';
import type { StreamEvent } from './sse';

export interface OpenAiOptions {
  /** Azure: the deployment, which replaces the body's model. */
  model?: string;
}

export const SYSTEM_FINGERPRINT = 'fp_mock';

export const FINISH_REASONS: Record<Finish, string> = { stop: 'stop', length: 'length', tool: 'tool_calls' };

export function requestModel(body: JsonObject, options: OpenAiOptions): string {
  const model = options.model ?? asString(body.model);
  if (!model) throw new MockHttpError(400, 'you must provide a model parameter', { param: 'model' });
  return model;
}

export function maxTokens(body: JsonObject): number | undefined {
  return asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens);
}

export function includeUsage(body: JsonObject): boolean {
  return body.stream === true && isObject(body.stream_options) && body.stream_options.include_usage === true;
}

export function basicUsage(generation: Generation): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return {
    prompt_tokens: generation.promptTokens,
    completion_tokens: generation.completionTokens,
    total_tokens: generation.promptTokens + generation.completionTokens,
  };
}

/** After the finish chunk: the usage chunk (`choices: []`) when asked for, then `[DONE]`. */
export function streamEnd(base: JsonObject, usage: unknown | undefined): StreamEvent[] {
  return [...(usage === undefined ? [] : [{ data: { ...base, choices: [], usage } }]), { data: '[DONE]' }];
}
