import { fieldEntry, type KongField, type KongFieldDef } from '../../schemas/kong-field';

/**
 * Kong's secret references in referenceable fields (`{vault://env/cache-redis-url}`), resolved before the plugin sees
 * its config, as Kong 3.x does. The stand-in has Kong's `env` vault: the name upper-cased with dashes as underscores
 * (CACHE_REDIS_URL), and `{vault://env/name/key}` reads a key of a JSON value. A reference it cannot resolve (another
 * vault, an unset variable) is logged and the field becomes "" (3.4.2 kong/db/schema/init.lua process_auto_fields).
 * Each record holding references also gets a "$refs" key naming them (an array's references at their positions),
 * and Kong's StartInstance sends the config with it.
 */
const REFERENCE = /^\{vault:\/\/([^/}]+)\/([^/}]+)(?:\/([^}]+))?\}$/;

function resolve(reference: string, env: NodeJS.ProcessEnv): string | undefined {
  const [, vault, name, key] = REFERENCE.exec(reference)!;
  if (vault !== 'env') return undefined;
  const value = env[name!.toUpperCase().replace(/-/g, '_')];
  if (value === undefined || key === undefined) return value;
  try {
    const inner = (JSON.parse(value) as Record<string, unknown>)[key];
    return typeof inner === 'string' ? inner : undefined;
  } catch {
    return undefined;
  }
}

const isReference = (def: KongFieldDef | undefined, value: unknown): value is string =>
  def?.referenceable === true && typeof value === 'string' && REFERENCE.test(value);

function dereference(reference: string, path: string, env: NodeJS.ProcessEnv, log: (line: string) => void): string {
  const resolved = resolve(reference, env);
  // The reference names no secret: the line says which field, never a value.
  if (resolved === undefined) log(`[warn] unable to resolve the secret reference in ${path}`);
  return resolved ?? '';
}

function resolveValue(def: KongFieldDef, value: unknown, path: string, env: NodeJS.ProcessEnv, log: (line: string) => void): unknown {
  if (isReference(def, value)) return dereference(value, path, env, log);
  if (def.type === 'record' && def.fields && value && typeof value === 'object' && !Array.isArray(value)) {
    return resolveReferences(def.fields, value as Record<string, unknown>, env, log, path);
  }
  if ((def.type === 'array' || def.type === 'set') && def.elements && Array.isArray(value)) {
    return value.map((item, i) => resolveValue(def.elements!, item, `${path}[${i + 1}]`, env, log));
  }
  return value;
}

/** What Kong keeps in "$refs" for a field: its reference, or for an array the references at their positions. */
function referencesOf(def: KongFieldDef, value: unknown): unknown {
  if (isReference(def, value)) return value;
  if ((def.type === 'array' || def.type === 'set') && Array.isArray(value) && value.some((item) => isReference(def.elements, item))) {
    return value.map((item) => (isReference(def.elements, item) ? item : null));
  }
  return undefined;
}

export function resolveReferences(fields: KongField[], config: Record<string, unknown>, env: NodeJS.ProcessEnv, log: (line: string) => void, path = 'config'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  const refs: Record<string, unknown> = {};
  for (const field of fields) {
    const [name, def] = fieldEntry(field);
    if (!(name in out)) continue;
    const references = referencesOf(def, out[name]);
    if (references !== undefined) refs[name] = references;
    out[name] = resolveValue(def, out[name], `${path}.${name}`, env, log);
  }
  if (Object.keys(refs).length > 0) out.$refs = refs;
  return out;
}
