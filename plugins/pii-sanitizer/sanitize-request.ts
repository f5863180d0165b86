import { isTextPart } from '../core/providers/openai-types';
import type { PiiConfig } from './config';

/**
 * Walks an OpenAI-format body and sanitizes every text the config names: message
 * contents (a string, or parts: strings and text parts of every shape the providers
 * read) of the configured roles, tool-call and legacy function-call arguments, tool
 * results, legacy `prompt` and embeddings `input`. Returns whether anything changed;
 * the body is edited in place.
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

/**
 * Every string inside a JSON value sanitized, keys left as they are. A string is read after its key, as the detectors
 * would see it in a config ("password: s3cr3t-Value!", "first_name: Laakso"): the key is what says it is a secret
 * or a name.
 */
function sanitizeStrings(value: unknown, sanitize: Sanitize, key?: string): unknown {
  if (typeof value === 'string') {
    if (key === undefined) return sanitize(value);
    const label = `${key}: `;
    const out = sanitize(label + value);
    return out.startsWith(label) ? out.slice(label.length) : sanitize(value);
  }
  if (Array.isArray(value)) return value.map((item) => sanitizeStrings(item, sanitize, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeStrings(v, sanitize, k)]));
  return value;
}

/**
 * Arguments are JSON text: its string values are sanitized as the strings they decode to ("j\u00f6rg@…" is an email,
 * "221B Baker Street\nLondon" one address) and encoded again, so the provider still gets valid JSON. Arguments that
 * are no JSON are sanitized as text.
 */
function sanitizeArguments(args: string, sanitize: Sanitize): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return sanitize(args);
  }
  const cleaned = sanitizeStrings(parsed, sanitize);
  return JSON.stringify(cleaned) === JSON.stringify(parsed) ? args : JSON.stringify(cleaned);
}

function sanitizeCall(fn: Json | undefined, sanitize: Sanitize): boolean {
  if (!fn || typeof fn.arguments !== 'string') return false;
  const args = sanitizeArguments(fn.arguments, sanitize);
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
      const next = typeof value === 'string' ? sanitize(value) : (value as string[]).map(sanitize);
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        body[key] = next;
        changed = true;
      }
    }
  }
  return changed;
}
