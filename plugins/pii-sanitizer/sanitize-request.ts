import type { PiiConfig } from './config';

/**
 * Walks an OpenAI-format body and sanitizes every text the config names: message
 * contents (string or text parts) of the configured roles, tool-call arguments,
 * tool results, legacy `prompt` and embeddings `input`. Returns whether anything
 * changed; the body is edited in place.
 */
export type Sanitize = (text: string) => string;

type Json = Record<string, unknown>;

function sanitizeContent(content: unknown, sanitize: Sanitize): { value: unknown; changed: boolean } {
  if (typeof content === 'string') {
    const value = sanitize(content);
    return { value, changed: value !== content };
  }
  if (Array.isArray(content)) {
    let changed = false;
    const value = content.map((part: unknown) => {
      const p = part as Json;
      if (p && p.type === 'text' && typeof p.text === 'string') {
        const text = sanitize(p.text);
        if (text !== p.text) {
          changed = true;
          return { ...p, text };
        }
      }
      return part;
    });
    return { value, changed };
  }
  return { value: content, changed: false };
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
      if (config.scan_tool_calls && Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls as Json[]) {
          const fn = call?.function as Json | undefined;
          if (fn && typeof fn.arguments === 'string') {
            const args = sanitize(fn.arguments);
            if (args !== fn.arguments) {
              fn.arguments = args;
              changed = true;
            }
          }
        }
      }
    }
  }
  for (const key of ['prompt', 'input'] as const) {
    const value = body[key];
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      const next = typeof value === 'string' ? sanitize(value) : (value as string[]).map(sanitize);
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        body[key] = next;
        changed = true;
      }
    }
  }
  return changed;
}
