import { fieldEntry, type KongField, type KongFieldDef } from './kong-field';
import { checkValue, isTable } from './kong-value';

/**
 * A plugin `config` processed the way Kong processes it when it loads kong.yml or
 * takes it from the Admin API: defaults filled (nested records too), unset
 * optional fields set to null (Kong sends them to the plugin server as JSON null),
 * unknown fields, wrong types, missing required fields and validators refused.
 */
export type KongConfigResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

function fill(def: KongFieldDef, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (def.default !== undefined) {
      const copy = structuredClone(def.default);
      return def.type === 'record' && def.fields && isTable(copy) ? fillRecord(def.fields, copy) : copy;
    }
    // Kong fills a missing record with its subfields' defaults unless it must be given.
    if (def.type === 'record' && def.fields && !def.required) return fillRecord(def.fields, {});
    return null;
  }
  if (def.type === 'record' && def.fields && isTable(value)) return fillRecord(def.fields, value);
  if ((def.type === 'array' || def.type === 'set') && Array.isArray(value) && def.elements) {
    return value.map((item) => fill(def.elements!, item));
  }
  return value;
}

function fillRecord(fields: KongField[], value: Record<string, unknown> | unknown[]): Record<string, unknown> {
  const source = Array.isArray(value) ? {} : value;
  const out: Record<string, unknown> = { ...source };
  for (const field of fields) {
    const [name, def] = fieldEntry(field);
    out[name] = fill(def, source[name]);
  }
  return out;
}

function missingRequired(fields: KongField[], value: Record<string, unknown>, path: string, out: string[]): void {
  for (const field of fields) {
    const [name, def] = fieldEntry(field);
    const inner = value[name];
    if (def.required && (inner === null || inner === undefined)) out.push(`${path}.${name}: required field missing`);
    if (def.type === 'record' && def.fields && isTable(inner)) {
      missingRequired(def.fields, Array.isArray(inner) ? {} : inner, `${path}.${name}`, out);
    }
  }
}

export function applyKongSchema(fields: KongField[], config: unknown): KongConfigResult {
  const given = config === undefined || config === null ? {} : config;
  const record: KongFieldDef = { type: 'record', fields };
  const problems = checkValue(record, given, 'config');
  if (problems.length === 0) {
    const value = fillRecord(fields, given as Record<string, unknown>);
    missingRequired(fields, value, 'config', problems);
    if (problems.length === 0) return { ok: true, value };
  }
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const split = problem.indexOf(': ');
    errors[problem.slice(0, split)] = problem.slice(split + 2);
  }
  return { ok: false, errors };
}
