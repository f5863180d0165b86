import type { KongPDK } from './kong-pdk';

/**
 * kong.log.set_serialize_value for what Kong's log plugins write. Kong's MessagePack unpacks an empty array into a
 * plain Lua table, which cjson writes as {} (file-log, http-log): an empty list would reach the logs as an empty
 * object, so it is left out, and a reader finds the key absent rather than a list turned into an object.
 */
export function setLogField(kong: KongPDK, key: string, value: unknown): Promise<void> {
  return kong.log.setSerializeValue(key, withoutEmptyArrays(value));
}

export function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutEmptyArrays).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const kept = withoutEmptyArrays(inner);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}
