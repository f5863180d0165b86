/**
 * A Lua error raised by a PDK function (wrong phase, bad argument). In Kong it
 * escapes the step loop: no reply is ever sent for that event, and in access the
 * client gets a 500.
 */
export class LuaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaError';
  }
}

export const ALL = ['rewrite', 'access', 'response', 'log'] as const;
export const BEFORE_PROXY = ['rewrite', 'access'] as const;
export const NOT_LOG = ['rewrite', 'access', 'response'] as const;

export function requirePhase(method: string, phase: string, allowed: readonly string[]): void {
  if (!allowed.includes(phase)) throw new LuaError(`${method} is not allowed in the ${phase} phase`);
}

export function requireString(method: string, position: number, value: unknown): string {
  if (typeof value !== 'string') throw new LuaError(`bad argument #${position} to '${method}' (string expected, got ${luaType(value)})`);
  return value;
}

export function luaType(value: unknown): string {
  if (value === undefined || value === null) return 'nil';
  if (typeof value === 'object') return 'table';
  return typeof value;
}

/**
 * Header names and values Kong refuses (its validate_header rejects control characters). One header set to a list is
 * taken only where Kong 3.4.2 validates a whole table (`multi`: set_headers, exit's headers); set_header and add_header
 * take a string, number or boolean (kong/pdk/private/checks.lua validate_header).
 */
export function requireHeader(method: string, name: unknown, value?: unknown, multi = false): void {
  requireString(method, 1, name);
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name as string)) throw new LuaError(`invalid header name "${String(name)}"`);
  if (value === undefined) return;
  if (Array.isArray(value) && !multi) {
    throw new LuaError(`invalid header value for "${String(name)}": got table, expected string, number or boolean`);
  }
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new LuaError(`invalid header value for "${String(name)}": got ${luaType(v)}, expected array of string, string, number or boolean`);
    }
    if (/[\r\n]/.test(String(v))) throw new LuaError(`invalid header value for "${String(name)}"`);
  }
}
