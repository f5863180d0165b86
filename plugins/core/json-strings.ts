/**
 * Every string inside a JSON value (tool definitions, a response schema, a provider's own request fields such as
 * vLLM's `documents`), read or rewritten by the checks that must see what the model reads. Nesting past 64 levels is
 * left as it is: no request a model reads goes deeper.
 */
type Json = Record<string, unknown>;

const MAX_DEPTH = 64;

/** Keys of a JSON schema whose strings are no words the model reads. */
export const SCHEMA_KEYWORDS = new Set(['type', '$schema', '$ref', 'format', 'strict']);

export function jsonStrings(value: unknown, skipKeys: ReadonlySet<string> = new Set(), out: string[] = [], key = '', depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  if (typeof value === 'string') {
    if (!skipKeys.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) jsonStrings(item, skipKeys, out, key, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) jsonStrings(v, skipKeys, out, k, depth + 1);
  }
  return out;
}

/** The value with each string (but those under `skipKeys`) rewritten; the same object where nothing changed. */
export function mapJsonStrings(value: unknown, rewrite: (text: string, key: string) => string, skipKeys: ReadonlySet<string> = new Set(), key = '', depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === 'string') return skipKeys.has(key) ? value : rewrite(value, key);
  if (Array.isArray(value)) {
    const next = value.map((item) => mapJsonStrings(item, rewrite, skipKeys, key, depth + 1));
    return next.some((item, i) => item !== value[i]) ? next : value;
  }
  if (value && typeof value === 'object') {
    let copy: Json | undefined;
    for (const [k, v] of Object.entries(value)) {
      const next = mapJsonStrings(v, rewrite, skipKeys, k, depth + 1);
      if (next !== v) (copy ??= { ...(value as Json) })[k] = next;
    }
    return copy ?? value;
  }
  return value;
}
