import { fieldEntry, type KongField, type KongFieldDef } from './kong-field';
import { checkValue } from './kong-value';

/**
 * The rules of Kong's MetaSubSchema (kong/db/schema/metaschema.lua) that a plugin
 * schema from an external plugin server must pass before Kong loads the plugin
 * (reference §11). Returns the violations; empty means Kong would accept it.
 */
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'set', 'map', 'record', 'foreign', 'json']);

/** Kong 3.4.2's list: `examples`, `deprecation`, `nullable` and `translate_backwards` came later and are refused there. */
const GENERIC = new Set([
  'type', 'required', 'default', 'description', 'err', 'referenceable', 'encrypted', 'immutable',
  'unique', 'unique_across_ws', 'auto', 'eq', 'ne',
]);

/** Attributes that only make sense, and are only accepted, on some types. */
const BY_TYPE: Record<string, Set<string>> = {
  string: new Set(['one_of', 'not_one_of', 'len_eq', 'len_min', 'len_max', 'match', 'not_match', 'match_all', 'match_none', 'match_any', 'starts_with', 'is_regex', 'uuid']),
  number: new Set(['between', 'gt', 'timestamp', 'one_of', 'not_one_of']),
  integer: new Set(['between', 'gt', 'timestamp', 'one_of', 'not_one_of']),
  boolean: new Set(),
  array: new Set(['elements', 'contains', 'len_eq', 'len_min', 'len_max']),
  set: new Set(['elements', 'contains', 'len_eq', 'len_min', 'len_max']),
  map: new Set(['keys', 'values', 'len_eq', 'len_min', 'len_max']),
  record: new Set(['fields']),
  foreign: new Set(['reference', 'on_delete']),
  json: new Set(['json_schema']),
};

const COMPANIONS: Record<string, string[]> = {
  array: ['elements'],
  set: ['elements'],
  map: ['keys', 'values'],
  record: ['fields'],
  json: ['json_schema'],
};

function checkDef(def: unknown, path: string, out: string[]): void {
  if (!def || typeof def !== 'object' || Array.isArray(def)) {
    out.push(`${path}: a field definition must be a table`);
    return;
  }
  const field = def as KongFieldDef;
  if (!TYPES.has(field.type)) {
    out.push(`${path}: unknown type ${JSON.stringify(field.type)}`);
    return;
  }
  for (const attribute of Object.keys(field)) {
    if (!GENERIC.has(attribute) && !BY_TYPE[field.type].has(attribute)) {
      out.push(`${path}: attribute '${attribute}' is not allowed on a ${field.type} field`);
    }
  }
  for (const companion of COMPANIONS[field.type] ?? []) {
    if (field[companion] === undefined) out.push(`${path}: a ${field.type} field needs '${companion}'`);
  }
  if (field.description !== undefined) {
    const length = typeof field.description === 'string' ? Buffer.byteLength(field.description) : -1;
    if (length < 10 || length > 500) out.push(`${path}: description must be a string of 10 to 500 bytes`);
  }
  if (field.referenceable !== undefined && field.type !== 'string') out.push(`${path}: only strings can be referenceable`);
  if (field.between !== undefined) {
    const b = field.between;
    if (!Array.isArray(b) || b.length !== 2 || b.some((n) => typeof n !== 'number') || b[0] > b[1]) {
      out.push(`${path}: between must be [low, high] numbers with low <= high`);
    }
  }
  if (field.one_of !== undefined && (!Array.isArray(field.one_of) || field.one_of.length === 0)) {
    out.push(`${path}: one_of must be a non-empty array`);
  }
  if (field.elements !== undefined) checkDef(field.elements, `${path}.elements`, out);
  if (field.keys !== undefined) checkDef(field.keys, `${path}.keys`, out);
  if (field.values !== undefined) checkDef(field.values, `${path}.values`, out);
  if (field.fields !== undefined) checkFields(field.fields, path, out);
  if (field.default !== undefined && out.length === 0) {
    const problem = checkValue(field, field.default, `${path}.default`);
    for (const message of problem) out.push(`${path}: default does not validate (${message})`);
  }
}

function checkFields(fields: unknown, path: string, out: string[]): void {
  if (!Array.isArray(fields)) {
    out.push(`${path}: fields must be an array`);
    return;
  }
  const seen = new Set<string>();
  fields.forEach((entry, index) => {
    if (!entry || typeof entry !== 'object' || Object.keys(entry).length !== 1) {
      out.push(`${path}.fields[${index}]: each field must be a map with exactly one key`);
      return;
    }
    const [name, def] = fieldEntry(entry as KongField);
    if (seen.has(name)) out.push(`${path}.${name}: duplicate field name`);
    seen.add(name);
    checkDef(def, path ? `${path}.${name}` : name, out);
  });
}

export function validateKongSchema(schema: { name: string; fields: unknown[] }): string[] {
  const out: string[] = [];
  if (typeof schema?.name !== 'string' || schema.name.length === 0) out.push('schema: name must be a non-empty string');
  checkFields(schema?.fields, '', out);
  return out;
}
