import { isTextPart } from '../core/providers/openai-types';
import type { PiiConfig } from './config';
import { sanitizeJsonText } from './sanitize-json-text';
import type { Sanitize } from './sanitize-text';

/**
 * Walks an OpenAI-format body and sanitizes every text the config names: message
 * contents (a string, or parts: strings and text parts of every shape the providers
 * read) of the configured roles, tool-call and legacy function-call arguments, tool
 * results, legacy `prompt` and embeddings `input`. Returns whether anything changed;
 * the body is edited in place.
 */
type Json = Record<string, unknown>;

function sanitizeContent(content: unknown, sanitize: Sanitize): { value: unknown; changed: boolean } {
  if (typeof content === 'string') {
    const value = sanitize(content);
    return { value, changed: value !== content };
  }
  if (Array.isArray(content)) {
    let changed = false;
    const value = content.map((part: unknown) => {
      if (typeof part === 'string') {
        const text = sanitize(part);
        changed ||= text !== part;
        return text;
      }
      if (isTextPart(part)) {
        const text = sanitize(part.text);
        if (text !== part.text) {
          changed = true;
          return { ...part, text };
        }
      }
      return part;
    });
    return { value, changed };
  }
  return { value: content, changed: false };
}

function sanitizeCall(fn: Json | undefined, sanitize: Sanitize): boolean {
  if (!fn || typeof fn.arguments !== 'string') return false;
  const args = sanitizeJsonText(fn.arguments, sanitize);
  if (args === fn.arguments) return false;
  fn.arguments = args;
  return true;
}

export function sanitizeBody(body: Json, config: PiiConfig, sanitize: Sanitize): boolean {
  let changed = false;
  const roles = new Set<string>(config.roles);
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as Json[]) {
      if (!message || !roles.has(String(message.role === 'function' ? 'tool' : message.role))) continue;
      const content = sanitizeContent(message.content, sanitize);
      if (content.changed) {
        message.content = content.value;
        changed = true;
      }
      if (!config.scan_tool_calls) continue;
      if (Array.isArray(message.tool_calls)) for (const call of message.tool_calls as Json[]) changed = sanitizeCall(call?.function as Json | undefined, sanitize) || changed;
      changed = sanitizeCall(message.function_call as Json | undefined, sanitize) || changed;
    }
  }
  for (const key of ['prompt', 'input'] as const) {
    const value = body[key];
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      const next = typeof value === 'string' ? sanitize(value) : (value as string[]).map((item) => sanitize(item));
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        body[key] = next;
        changed = true;
      }
    }
  }
  return changed;
}
