/** Deterministic tool-call arguments synthesised from a JSON schema (OpenAPI-style upper-case types included). */
import { asArray, isObject } from './json';

const MAX_DEPTH = 5;

export function sampleArguments(schema: unknown): Record<string, unknown> {
  const value = sample(schema, 'value', 0);
  return isObject(value) ? value : {};
}

function sample(schema: unknown, key: string, depth: number): unknown {
  if (!isObject(schema)) return depth === 0 ? {} : `mock-${key}`;
  const choices = asArray(schema.enum);
  if (choices.length > 0) return choices[0];
  if ('const' in schema) return schema.const;
  const variant = asArray(schema.anyOf ?? schema.oneOf)[0];
  if (variant !== undefined) return sample(variant, key, depth);

  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t): t is string => typeof t === 'string' && t.toLowerCase() !== 'null')?.toLowerCase();
  switch (type ?? (isObject(schema.properties) ? 'object' : 'string')) {
    case 'object': {
      if (depth >= MAX_DEPTH || !isObject(schema.properties)) return {};
      return Object.fromEntries(Object.entries(schema.properties).map(([name, sub]) => [name, sample(sub, name, depth + 1)]));
    }
    case 'array':
      return depth >= MAX_DEPTH ? [] : [sample(schema.items, key, depth + 1)];
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    default:
      return `mock-${key}`;
  }
}
