import type { Usage } from '../providers/openai-types';
import type { RequestContext } from '../request-context';

/**
 * How other plugins take part in an answer the bridge streams: a text transform
 * (made afresh for each text of the answer: its content, each tool call's
 * arguments) sees every piece of that text on its way to the client (the PII sanitizer
 * restores placeholders there, even when one is split across chunks), spend
 * listeners count what the answer used before its last bytes reach the client
 * (budgets), and answer listeners learn how the call ended, once it has (the
 * semantic cache writes back complete answers, tracing finishes its trace).
 */
export interface TextTransform {
  push(text: string): string;
  /** Whatever the transform still holds when the answer ends. */
  flush(): string;
  /** A whole text (an answer not streamed), read in one pass: what `push` then `flush` give, or better. */
  whole?(text: string): string;
  /**
   * Puts original (sensitive) values back for the client. What the cache and the
   * traces record is the text before the first such transform.
   */
  restoresOriginals?: boolean;
}

/**
 * Makes a transform for one text of one answer (its content, or one tool call's arguments). `field` names the message's
 * field when the text is another than its content (`reasoning_content`, `refusal`, a provider's own field), which is
 * prose even where the content is JSON (`response_format`).
 */
export type TextTransformFactory = (field?: string) => TextTransform;

/** The header that names who answered, as Kong's ai-proxy names it, and its value: `<provider>/<model>`. */
export const LLM_MODEL_HEADER = 'x-kong-llm-model';
export const answeredBy = (provider: string, model: string): string => `${provider}/${model}`;

export interface AnswerRecord {
  status: number;
  provider?: string;
  model?: string;
  target?: string;
  usage?: Usage;
  usageEstimated: boolean;
  costUsd?: number;
  /** The answering attempt's time to first token, from that attempt's start (the provider's own). */
  ttftMs?: number;
  /** From the plan to the first token the client got: earlier attempts, backoff and retry-after included. */
  firstTokenMs?: number;
  durationMs: number;
  tokensPerSecond?: number;
  attempts: number;
  streamed: boolean;
  /** The answer ended normally (a complete 200), not cut, failed or abandoned. */
  complete: boolean;
  truncated: boolean;
  /** The client went away before the answer ended (not the provider's failure). */
  cancelled?: boolean;
  errorMessage?: string;
  /** The full OpenAI response (non-streamed) or the assembled one (streamed), in its sanitized form (before placeholders are restored). */
  response?: Record<string, unknown>;
}

export type AnswerListener = (record: AnswerRecord, ctx: RequestContext) => void | Promise<void>;

/** What an answer used: its usage (the provider's or estimated) and its cost, when the target has a price. */
export interface Spend {
  usage?: Usage;
  costUsd?: number;
}

/**
 * Counts an answer's spend before the client has all of it, so that a request the client sends once it has read
 * the answer is checked against it. The answer's end waits for it: it must be quick (a counter's increment).
 */
export type SpendListener = (spend: Spend) => Promise<void>;

/** Answer text (message content) or the JSON text of tool-call arguments. */
export type TextChannel = 'content' | 'tool_arguments';

const TRANSFORMS = 'bridge.transforms';
const LISTENERS = 'bridge.listeners';
const SPEND_LISTENERS = 'bridge.spend-listeners';

export function addTextTransform(ctx: RequestContext, create: TextTransformFactory, channel: TextChannel = 'content'): void {
  const key = `${TRANSFORMS}.${channel}`;
  const list = ctx.get<TextTransformFactory[]>(key) ?? [];
  list.push(create);
  ctx.set(key, list);
}

export function addAnswerListener(ctx: RequestContext, listener: AnswerListener): void {
  const list = ctx.get<AnswerListener[]>(LISTENERS) ?? [];
  list.push(listener);
  ctx.set(LISTENERS, list);
}

export function addSpendListener(ctx: RequestContext, listener: SpendListener): void {
  const list = ctx.get<SpendListener[]>(SPEND_LISTENERS) ?? [];
  list.push(listener);
  ctx.set(SPEND_LISTENERS, list);
}

export function textTransforms(ctx: RequestContext, channel: TextChannel = 'content'): TextTransformFactory[] {
  return ctx.get<TextTransformFactory[]>(`${TRANSFORMS}.${channel}`) ?? [];
}

export function answerListeners(ctx: RequestContext): AnswerListener[] {
  return ctx.get<AnswerListener[]>(LISTENERS) ?? [];
}

export function spendListeners(ctx: RequestContext): SpendListener[] {
  return ctx.get<SpendListener[]>(SPEND_LISTENERS) ?? [];
}
