import type { Sanitize } from './sanitize-text';

/**
 * JSON text (tool-call arguments) sanitized where its values are, and nowhere else byte for byte: each string, key
 * or value, is read as the text it decodes to ("j\u00f6rg@…" is an email, "221B Baker Street\nLondon" one address),
 * a value after its key ("password: …"), and written back encoded when it changed; a long number (a card, a phone,
 * an SSN given as a number) likewise, and then as a string. The walk is flat: no depth of nesting overflows it.
 * Text that is no JSON is sanitized as text.
 */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const KEY_AFTER = /^\s*:/;
/** Numbers of fewer digits are counts, amounts and ids, not a card's, a phone's or an SSN's. */
const LONG_NUMBER = /^\d{7,}$/;

export function sanitizeJsonText(json: string, sanitize: Sanitize): string {
  try {
    JSON.parse(json);
  } catch {
    return sanitize(json);
  }
  let out = '';
  let cursor = 0;
  let key = '';
  for (const m of json.matchAll(TOKEN)) {
    const token = m[0];
    const end = m.index + token.length;
    let next: string | undefined;
    if (token.startsWith('"')) {
      const text = JSON.parse(token) as string;
      const isKey = KEY_AFTER.test(json.slice(end, end + 64));
      const cleaned = isKey ? sanitize(text) : sanitize(text, key ? `${key}: ` : '');
      if (isKey) key = text;
      if (cleaned !== text) next = JSON.stringify(cleaned);
    } else if (LONG_NUMBER.test(token)) {
      const cleaned = sanitize(token, key ? `${key}: ` : '');
      if (cleaned !== token) next = JSON.stringify(cleaned);
    }
    if (next === undefined) continue;
    out += json.slice(cursor, m.index) + next;
    cursor = end;
  }
  return cursor === 0 ? json : out + json.slice(cursor);
}
