import { contentText, makeUsage, OTHER_ANSWER_TEXTS, type ChatMessage, type Usage } from '../providers/openai-types';
import type { PlannedTarget } from './plan';
import { countTokens } from '../token-count';

/**
 * Tokens and cost of a call. Providers' own counts are used when they send them;
 * otherwise the figure is counted with a tokenizer (core/token-count.ts) and marked estimated.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, countTokens(text));
}

export function promptText(request: Record<string, unknown>): string {
  const messages = request.messages as ChatMessage[] | undefined;
  // The guard counts bodies nothing has validated yet: skip what is not a message.
  if (Array.isArray(messages)) return messages.map((m) => (m && typeof m === 'object' ? contentText(m.content) : '')).join('\n');
  const prompt = request.prompt ?? request.input;
  return Array.isArray(prompt) ? prompt.filter((p) => typeof p === 'string').join('\n') : String(prompt ?? '');
}

/**
 * All a model wrote in an answer's message, as a provider counts completion tokens: its content, reasoning and
 * refusal, and the names and arguments of its tool calls and legacy function call.
 */
export function writtenText(message: Record<string, unknown>): string {
  const texts = [contentText(message.content)];
  for (const field of OTHER_ANSWER_TEXTS) if (typeof message[field] === 'string') texts.push(message[field]);
  const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Array<{ function?: unknown }>).map((call) => call?.function) : [];
  for (const call of [...calls, message.function_call] as Array<{ name?: unknown; arguments?: unknown } | undefined>) {
    if (typeof call?.name === 'string') texts.push(call.name);
    if (typeof call?.arguments === 'string') texts.push(call.arguments);
  }
  return texts.filter(Boolean).join('\n');
}

export function estimatedUsage(request: Record<string, unknown>, completion: string): Usage {
  return makeUsage(estimateTokens(promptText(request)), estimateTokens(completion));
}

/**
 * USD for the usage at the target's prices, the prompt tokens the provider read from its cache at the cached price
 * and those it wrote to it at the write price (Claude: 1.25x input, 2x for its 1-hour cache), or undefined when the model has no price, so
 * that Langfuse prices it from its own table.
 */
export function costOf(usage: Usage, target: PlannedTarget): number | undefined {
  if (!target.priced) return undefined;
  // The usage is the provider's as it came: an embeddings answer's has no completion_tokens.
  const prompt = usage.prompt_tokens ?? 0;
  const cached = Math.min(prompt, usage.prompt_tokens_details?.cached_tokens ?? 0);
  const written = Math.min(prompt - cached, usage.prompt_tokens_details?.cache_creation_tokens ?? 0);
  const hour = Math.min(written, usage.prompt_tokens_details?.cache_creation_1h_tokens ?? 0);
  const plain = prompt - cached - written;
  const writes = (written - hour) * target.cacheWriteCost + hour * target.hourCacheWriteCost;
  return (plain * target.inputCost + cached * target.cachedInputCost + writes + (usage.completion_tokens ?? 0) * target.outputCost) / 1_000_000;
}
