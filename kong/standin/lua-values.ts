/**
 * Shapes a value the way Kong's lua-MessagePack sends it to the plugin server:
 * an empty table is an empty array, nil inside a table drops the key, Buffers
 * (raw bodies) stay binary.
 */
export function toLua(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toLua(v)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const lua = toLua(inner);
      if (lua !== undefined) out[key] = lua;
    }
    return Object.keys(out).length === 0 ? [] : out;
  }
  return value;
}

/**
 * A value the plugin server sent, as Kong's cjson writes it (log plugins, kong.log.serialize): lua-MessagePack
 * unpacks an empty array into a plain table, which cjson encodes as {}.
 */
export function asCjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? {} : value.map(asCjson);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asCjson(inner)]));
}

/**
 * Values the plugin server sends are decoded by Lua: bin and str both become Lua strings, and lua-MessagePack's map
 * unpacker stores `t[k] = v`, so a key whose value is nil is no key at all (`{layer: null}` is an empty table).
 */
export function fromJs(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(fromJs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null && inner !== undefined) out[key] = fromJs(inner);
  return out;
}
