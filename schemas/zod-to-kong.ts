import { z } from 'zod';
import type { KongField, KongFieldDef } from './kong-field';

export type { KongField, KongFieldDef } from './kong-field';

/**
 * Converts a plugin's zod config schema (the single source of truth) into the
 * Kong `Schema` export: zod → JSON Schema (zod's own, input side, so defaults are
 * visible) → Kong fields. Anything Kong cannot express is refused here, at build
 * time, with the field's path, rather than discovered when Kong loads the plugin.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  referenceable?: boolean;
  encrypted?: boolean;
  [key: string]: unknown;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function fail(path: string, why: string): never {
  throw new Error(`cannot express config field '${path}' in Kong's schema: ${why}`);
}

function withoutNull(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (!variants) return schema;
  const rest = variants.filter((v) => v.type !== 'null');
  if (rest.length === 1) return { ...rest[0], ...pick(schema, ['default', 'description', 'referenceable', 'encrypted']) };
  return { ...schema, anyOf: rest, oneOf: undefined };
}

function pick(schema: JsonSchema, keys: string[]): JsonSchema {
  const out: JsonSchema = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return out;
}

/** A union of literals becomes a string (or number) field with `one_of`. */
function literalUnion(schema: JsonSchema): Array<string | number> | undefined {
  if (schema.enum) return schema.enum as Array<string | number>;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.every((v) => v.const !== undefined || v.enum)) {
    return variants.flatMap((v) => (v.enum ?? [v.const]) as Array<string | number>);
  }
  return undefined;
}

function convert(raw: JsonSchema, path: string): KongFieldDef {
  const schema = withoutNull(raw);
  const def: Partial<KongFieldDef> = {};
  const literals = literalUnion(schema);
  const type = Array.isArray(schema.type) ? fail(path, 'several types') : schema.type;

  if (literals) {
    const kinds = new Set(literals.map((l) => typeof l));
    if (kinds.size !== 1 || !(kinds.has('string') || kinds.has('number'))) fail(path, 'a union of mixed literals');
    def.type = kinds.has('string') ? 'string' : literals.every(Number.isInteger) ? 'integer' : 'number';
    def.one_of = literals;
  } else if (schema.anyOf || schema.oneOf) {
    fail(path, 'a union of shapes (use an enum or separate fields)');
  } else if (type === 'string' || type === 'boolean') {
    def.type = type;
  } else if (type === 'integer' || type === 'number') {
    def.type = type;
    // zod's .int() adds the safe-integer range; that is no constraint worth telling Kong.
    const lower = schema.minimum === -MAX_SAFE ? undefined : schema.minimum;
    const upper = schema.maximum === MAX_SAFE ? undefined : schema.maximum;
    if (lower !== undefined || upper !== undefined) def.between = [lower ?? -MAX_SAFE, upper ?? MAX_SAFE];
    if (schema.exclusiveMinimum !== undefined) def.gt = schema.exclusiveMinimum;
  } else if (type === 'array') {
    if (!schema.items) fail(path, 'an array without an element type');
    def.type = 'array';
    def.elements = convert(schema.items, `${path}[]`);
    // Kong checks an array's length as a string's (`#value`): at least one target, at most 50 patterns.
    if (typeof schema.minItems === 'number' && schema.minItems > 0) def.len_min = schema.minItems;
    if (typeof schema.maxItems === 'number') def.len_max = schema.maxItems;
  } else if (type === 'object' && schema.properties) {
    def.type = 'record';
    def.fields = toFields(schema, path);
  } else if (type === 'object' && typeof schema.additionalProperties === 'object') {
    def.type = 'map';
    def.keys = { type: 'string' };
    def.values = convert(schema.additionalProperties, `${path}.*`);
  } else {
    fail(path, `unsupported kind ${JSON.stringify(schema.type ?? 'unknown')}`);
  }

  if (def.type === 'string') {
    if (schema.minLength !== undefined) def.len_min = schema.minLength;
    if (schema.maxLength !== undefined) def.len_max = schema.maxLength;
  }
  if (schema.description !== undefined) {
    const length = Buffer.byteLength(schema.description);
    if (length < 10 || length > 500) fail(path, `Kong needs a description of 10 to 500 bytes, got ${length}`);
    def.description = schema.description;
  }
  if (schema.referenceable) {
    if (def.type !== 'string') fail(path, 'only strings can be referenceable');
    def.referenceable = true;
  }
  if (schema.encrypted) def.encrypted = true;
  if (schema.default !== undefined) def.default = schema.default;
  return def as KongFieldDef;
}

function toFields(schema: JsonSchema, path: string): KongField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const def = convert(property, path ? `${path}.${name}` : name);
    if (required.has(name) && def.default === undefined) def.required = true;
    return { [name]: def };
  });
}

export function toKongFields(schema: z.ZodObject<z.ZodRawShape>): KongField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  return toFields(json, '');
}
