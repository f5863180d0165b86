import type { Sanitize } from './sanitize-text';

/**
 * JSON text (tool-call arguments) sanitized where its values are, and nowhere else byte for byte: each string, key
 * or value, is read as the text it decodes to ("j\u00f6rg@…" is an email, "221B Baker Street\nLondon" one address),
 * a value as it stands after the key it belongs to ('"password": "…"', an array's items after the array's key, a
 * name/value pair's value after its name: {"name": "DB_PASSWORD", "value": "…"}), and written back encoded when it
 * changed; a long number (a card, a phone, an SSN given as a number) likewise, and then as a string. The walk is flat,
 * with a stack of the containers it is in: no depth of nesting overflows it. Text that is no JSON is sanitized as text.
 */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]/g;
/** Numbers of fewer digits are counts, amounts and ids, not a card's, a phone's or an SSN's. */
const LONG_NUMBER = /^\d{7,}$/;
/** Only a key's end is read before its value: a key of 20 KB is not scanned again before each of its values. */
const KEY_CONTEXT = 64;
/** A name/value pair's members (Kubernetes' env, ECS's secrets, CI variables): the value is read after the name. */
const PAIR_NAME = /^(?:name|key|variable|param|parameter)$/i;
const PAIR_VALUE = /^(?:value|val|secret|default)$/i;

interface Container {
  object: boolean;
  /** The key this container's values belong to: a member's own key in an object, the array's key in an array. */
  key: string;
  expectsKey: boolean;
  /** A name/value pair's name, once read. */
  pairName?: string;
}

export function sanitizeJsonText(json: string, sanitize: Sanitize): string {
  try {
    JSON.parse(json);
  } catch {
    return sanitize(json);
  }
  const stack: Container[] = [{ object: false, key: '', expectsKey: false }];
  let out = '';
  let cursor = 0;
  for (const m of json.matchAll(TOKEN)) {
    const token = m[0];
    const top = stack[stack.length - 1]!;
    if (token === '{' || token === '[') {
      stack.push({ object: token === '{', key: top.key, expectsKey: token === '{' });
      continue;
    }
    if (token === '}' || token === ']') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (token === ':' || token === ',') {
      top.expectsKey = top.object && token === ',';
      continue;
    }
    const key = top.object && top.pairName !== undefined && PAIR_VALUE.test(top.key) ? top.pairName : top.key;
    const context = key ? `${JSON.stringify(key.slice(-KEY_CONTEXT))}: ` : '';
    let next: string | undefined;
    if (token.startsWith('"')) {
      const text = JSON.parse(token) as string;
      const isKey = top.object && top.expectsKey;
      const cleaned = isKey ? sanitize(text) : sanitize(text, `${context}"`, '"');
      if (isKey) top.key = text;
      else if (top.object && PAIR_NAME.test(top.key)) top.pairName = text;
      if (cleaned !== text) next = JSON.stringify(cleaned);
    } else if (LONG_NUMBER.test(token)) {
      const cleaned = sanitize(token, context);
      if (cleaned !== token) next = JSON.stringify(cleaned);
    }
    if (next === undefined) continue;
    out += json.slice(cursor, m.index) + next;
    cursor = m.index + token.length;
  }
  return cursor === 0 ? json : out + json.slice(cursor);
}
