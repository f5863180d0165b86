import { fieldEntry, type KongFieldDef } from './kong-field';

/**
 * Validates one value against one Kong field definition, the way Kong validates a
 * plugin config: type, one_of, between, gt, lengths, elements, map keys/values and
 * nested records (unknown keys refused). Returns the error messages, with paths.
 */
function typeError(def: KongFieldDef, value: unknown): string | undefined {
  switch (def.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'expected a string';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'expected an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected a boolean';
    case 'array':
    case 'set':
      return Array.isArray(value) ? undefined : `expected ${def.type === 'set' ? 'a set' : 'an array'}`;
    case 'map':
    case 'record':
      // Lua has one table type: an empty table may arrive as [] for a map or record.
      return isTable(value) ? undefined : `expected a ${def.type}`;
    default:
      return undefined;
  }
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return (
    (typeof value === 'object' && value !== null && !Array.isArray(value)) || (Array.isArray(value) && value.length === 0)
  );
}

export function checkValue(def: KongFieldDef, value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  const wrongType = typeError(def, value);
  if (wrongType) return [`${path}: ${wrongType}`];
  const out: string[] = [];
  if (def.one_of && !def.one_of.includes(value as string | number)) {
    out.push(`${path}: expected one of: ${def.one_of.join(', ')}`);
  }
  if (def.between && typeof value === 'number' && (value < def.between[0] || value > def.between[1])) {
    out.push(`${path}: value should be between ${def.between[0]} and ${def.between[1]}`);
  }
  if (def.gt !== undefined && typeof value === 'number' && !(value > def.gt)) {
    out.push(`${path}: value must be greater than ${def.gt}`);
  }
  // Lua's # counts a string's bytes, not its characters.
  const length = typeof value === 'string' ? Buffer.byteLength(value) : Array.isArray(value) ? value.length : undefined;
  // Kong refuses an empty string unless the field says len_min = 0 (validate_field in kong/db/schema/init.lua).
  const lenMin = def.type === 'string' && def.len_min === undefined ? 1 : def.len_min;
  if (length !== undefined && lenMin !== undefined && length < lenMin) {
    out.push(`${path}: length must be at least ${lenMin}`);
  }
  if (length !== undefined && def.len_max !== undefined && length > def.len_max) {
    out.push(`${path}: length must be at most ${def.len_max}`);
  }
  if (Array.isArray(value) && def.elements) {
    value.forEach((item, i) => out.push(...checkValue(def.elements!, item, `${path}[${i + 1}]`)));
  }
  if (def.type === 'map' && isTable(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (def.keys) out.push(...checkValue(def.keys, key, `${path}.${key} (key)`));
      if (def.values) out.push(...checkValue(def.values, inner, `${path}.${key}`));
    }
  }
  if (def.type === 'record' && def.fields && isTable(value)) {
    const known = new Map(def.fields.map(fieldEntry));
    for (const [key, inner] of Object.entries(value)) {
      const sub = known.get(key);
      if (!sub) out.push(`${path}.${key}: unknown field`);
      else out.push(...checkValue(sub, inner, `${path}.${key}`));
    }
  }
  return out;
}
