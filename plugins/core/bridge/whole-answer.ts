import type { Readable } from 'node:stream';
import { PROVIDERS, type RouteType } from '../providers';
import type { ChatResponse } from '../providers/openai-types';
import { NotAnAnswer } from '../providers/types';
import { AttemptError, type AttemptFailure } from './attempt-failure';
import { readUpTo } from '../bounded-body';
import type { PlannedTarget } from './plan';

/** The provider's whole answer as a JSON object; anything else (a proxy's HTML page, a cut body) is its error, not the network's. */
export async function jsonAnswer(body: Readable, target: PlannedTarget, limit: number): Promise<Record<string, unknown>> {
  const { text, complete } = await readUpTo(body, limit);
  if (!complete) {
    throw new AttemptError({ kind: 'protocol', status: 502, message: `The provider (${target.name}) answered with more than max_response_body_size (${limit} bytes).`, retryable: true, code: 'provider_error' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AttemptError({ kind: 'protocol', status: 502, message: `The provider (${target.name}) answered with something that is not a JSON object.`, retryable: true, code: 'provider_error' });
  }
  return raw as Record<string, unknown>;
}

/** The array a route's answer holds its results in (chat answers are each provider's to judge). */
const RESULTS: Record<Exclude<RouteType, 'llm/v1/chat'>, string> = { 'llm/v1/completions': 'choices', 'llm/v1/embeddings': 'data' };

/**
 * A 200 that is not an answer (the provider's error under a 200, or a body without the answer's shape) is the
 * provider's error: never relayed as an answer, and another attempt or target may still answer.
 */
function notAnAnswer(target: PlannedTarget, raw: Record<string, unknown>): AttemptFailure {
  const says = (raw.error !== undefined && raw.error !== null) || typeof raw.message === 'string';
  const message = says
    ? `The provider (${target.name}) answered with an error: ${PROVIDERS[target.provider].errorMessage(200, raw)}`
    : `The provider (${target.name}) answered with something that is not an answer.`;
  return { kind: 'protocol', status: 502, message, retryable: true, code: 'provider_error' };
}

/** A chat answer in OpenAI's form, whichever provider wrote it. */
export function chatAnswer(target: PlannedTarget, raw: Record<string, unknown>): ChatResponse {
  try {
    return PROVIDERS[target.provider].parseChat(raw, target);
  } catch (err) {
    if (err instanceof NotAnAnswer) throw new AttemptError(notAnAnswer(target, raw));
    throw err;
  }
}

/** A legacy completion or embeddings answer, in OpenAI's own form. */
export function openAIAnswer(routeType: Exclude<RouteType, 'llm/v1/chat'>, target: PlannedTarget, raw: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(raw[RESULTS[routeType]])) throw new AttemptError(notAnAnswer(target, raw));
  return raw;
}
