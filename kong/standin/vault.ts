import { fieldEntry, type KongField, type KongFieldDef } from '../../schemas/kong-field';

/**
 * Kong's secret references in referenceable fields (`{vault://env/cache-redis-url}`), resolved before the plugin sees
 * its config, as Kong 3.x does. The stand-in has Kong's `env` vault: the name upper-cased with dashes as underscores
 * (CACHE_REDIS_URL), and `{vault://env/name/key}` reads a key of a JSON value. A reference it cannot resolve (another
 * vault, an unset variable) is logged and the field left unset, as Kong leaves it.
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

function resolveValue(def: KongFieldDef, value: unknown, path: string, env: NodeJS.ProcessEnv, log: (line: string) => void): unknown {
  if (def.referenceable && typeof value === 'string' && REFERENCE.test(value)) {
    const resolved = resolve(value, env);
    // The reference names no secret: the line says which field, never a value.
    if (resolved === undefined) log(`[warn] unable to resolve the secret reference in ${path}`);
    return resolved ?? null;
  }
  if (def.type === 'record' && def.fields && value && typeof value === 'object' && !Array.isArray(value)) {
    return resolveReferences(def.fields, value as Record<string, unknown>, env, log, path);
  }
  if ((def.type === 'array' || def.type === 'set') && def.elements && Array.isArray(value)) {
    return value.map((item, i) => resolveValue(def.elements!, item, `${path}[${i + 1}]`, env, log));
  }
  return value;
}

export function resolveReferences(fields: KongField[], config: Record<string, unknown>, env: NodeJS.ProcessEnv, log: (line: string) => void, path = 'config'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const field of fields) {
    const [name, def] = fieldEntry(field);
    if (name in out) out[name] = resolveValue(def, out[name], `${path}.${name}`, env, log);
  }
  return out;
}
