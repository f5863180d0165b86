import { OTHER_ANSWER_TEXTS } from './openai-types';

/**
 * The fields of a message (of a request, an answer or a stream's delta) by what they hold. Providers add their own
 * (OpenRouter's `reasoning_details`, its reasoning as `[{type: "reasoning.text", text}]`), which pass on as they are:
 * whatever checks what a model reads or writes must read those too. The fields here hold settings and ids only, or
 * each check reads them by name.
 */
const MESSAGE_SETTINGS = ['role', 'tool_call_id', 'call_id', 'id', 'type', 'status', 'audio', 'prefix', 'cache_control', 'index'];
const MESSAGE_READ_BY_NAME = ['content', 'name', 'tool_calls', 'function_call', ...OTHER_ANSWER_TEXTS];

const KNOWN = new Set([...MESSAGE_SETTINGS, ...MESSAGE_READ_BY_NAME]);

/**
 * Keys inside such a field whose strings are no words: a kind, a format, an id, and the opaque payloads of encrypted
 * or signed reasoning (changed, the provider refuses them).
 */
export const OPAQUE_KEYS: ReadonlySet<string> = new Set(['type', 'format', 'id', 'signature', 'data', 'encrypted_content']);

/** The fields of a message this gateway knows nothing of. */
export function otherMessageFields(message: Record<string, unknown>): string[] {
  return Object.keys(message).filter((key) => !KNOWN.has(key));
}
