import { isTextPart } from '../core/providers/openai-types';
import type { PiiConfig } from './config';
import { sanitizeJsonText } from './sanitize-json-text';
import type { Sanitize } from './sanitize-text';

/**
 * Walks an OpenAI-format body and sanitizes every text the config names: message
 * contents (a string, or parts: strings and text parts of every shape the providers
 * read) and participants' names of the configured roles, tool-call and legacy
 * function-call arguments, tool results, Predicted Outputs' content, legacy `prompt`,
 * embeddings `input` and the end user's id (`user`). Returns whether anything changed;
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

function sanitizeName(name: string, sanitize: Sanitize): string {
  const words = name.replace(/[_-]+/g, ' ');
  const cleaned = sanitize(words, 'Name: ');
  if (cleaned === words) return name;
  return cleaned.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64) || 'participant';
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
      // A participant's name ("Ada_Lovelace") is read as words after a name's label; a name found is sent as its
      // placeholder's label ("PERSON_1"), in the characters a name may have.
      if (typeof message.name === 'string' && message.role !== 'tool' && message.role !== 'function') {
        const name = sanitizeName(message.name, sanitize);
        if (name !== message.name) {
          message.name = name;
          changed = true;
        }
      }
      if (!config.scan_tool_calls) continue;
      if (Array.isArray(message.tool_calls)) for (const call of message.tool_calls as Json[]) changed = sanitizeCall(call?.function as Json | undefined, sanitize) || changed;
      changed = sanitizeCall(message.function_call as Json | undefined, sanitize) || changed;
    }
  }
  // Predicted Outputs carry the document being edited, as content does.
  const prediction = body.prediction as Json | undefined;
  if (prediction && typeof prediction === 'object') {
    const content = sanitizeContent(prediction.content, sanitize);
    if (content.changed) {
      prediction.content = content.value;
      changed = true;
    }
  }
  for (const key of ['prompt', 'input', 'user'] as const) {
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
