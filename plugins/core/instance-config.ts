import { z } from 'zod';

/**
 * Kong hands a plugin instance its validated config as JSON, with `null` for every
 * unset optional field and a few internal keys of its own. This turns that into
 * the plugin's zod-typed config plus the instance's identity.
 */
export interface InstanceMeta {
  pluginId: string | null;
  routeId: string | null;
  serviceId: string | null;
  consumerId: string | null;
  instanceName: string | null;
}

const INTERNAL_KEYS = [
  'route_id',
  'service_id',
  'consumer_id',
  'plugin_instance_name',
  '__plugin_id',
  '__ws_id',
  '__key__',
  '__seq__',
] as const;

/**
 * Kong encodes unset fields as null (and empty tables as []); zod defaults apply to undefined. A vault reference Kong
 * could not resolve arrives as "", listed in its record's "$refs": its path is gathered in `unresolved`, and the
 * instance is refused (fail closed): read as unset, a provider's key would fall back to the node's own credentials
 * (Bedrock's AWS keys) or to none, and a budget's Redis URL to counting on each node alone.
 */
function dropNulls(value: unknown, unresolved: string[], path = ''): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((item, i) => dropNulls(item, unresolved, `${path}.${i}`));
  if (typeof value === 'object') {
    const { $refs: refs, ...fields } = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(fields)) {
      const at = path ? `${path}.${key}` : key;
      for (const failed of unresolvedIn(inner, (refs as Record<string, unknown> | undefined)?.[key])) unresolved.push(failed === undefined ? at : `${at}.${failed}`);
      const cleaned = dropNulls(inner, unresolved, at);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  }
  return value;
}

/**
 * Where a field whose "$refs" entry is `reference` holds a reference Kong could not resolve: the field itself
 * (`undefined`), or positions of an array (references by position: Lua's 1-based keys once cjson makes it an object).
 */
function unresolvedIn(value: unknown, reference: unknown): Array<number | undefined> {
  if (typeof reference === 'string') return value === '' ? [undefined] : [];
  if (!Array.isArray(value) || !reference || typeof reference !== 'object') return [];
  const at = (i: number): unknown => (Array.isArray(reference) ? reference[i] : (reference as Record<string, unknown>)[String(i + 1)]);
  return value.flatMap((item, i) => (item === '' && typeof at(i) === 'string' ? [i] : []));
}

function asId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export class ConfigError extends Error {
  constructor(plugin: string, issues: string[]) {
    super(`invalid configuration for plugin '${plugin}': ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(config)';
    return `${path}: ${issue.message}`;
  });
}

export function parseInstanceConfig<C>(
  plugin: string,
  schema: z.ZodType<C>,
  raw: unknown,
): { config: C; meta: InstanceMeta } {
  const source = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const meta: InstanceMeta = {
    pluginId: asId(source.__plugin_id),
    routeId: asId(source.route_id),
    serviceId: asId(source.service_id),
    consumerId: asId(source.consumer_id),
    instanceName: asId(source.plugin_instance_name),
  };
  const userConfig: Record<string, unknown> = { ...source };
  for (const key of INTERNAL_KEYS) delete userConfig[key];
  const unresolved: string[] = [];
  const cleaned = dropNulls(userConfig, unresolved);
  if (unresolved.length > 0) throw new ConfigError(plugin, unresolved.map((path) => `${path}: its vault reference could not be resolved`));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(plugin, formatZodIssues(parsed.error));
  return { config: parsed.data, meta };
}
