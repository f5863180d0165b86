import { LuaError, luaType, requireHeader, requirePhase } from './lua-error';
import type { PdkEnv, PdkTable } from './types';
import type { ExitResponse, HeaderMap } from '../request-state';

/** kong.response.*: the downstream response, and Kong's rules for exit bodies. */
const HEADER_PHASES = ['rewrite', 'access', 'response'];
const READ_PHASES = ['response', 'log'];

/** Kong's default messages for kong.response.error. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request size limit exceeded',
  415: 'Unsupported Media Type',
  429: 'API rate limit exceeded',
  500: 'An unexpected error occurred',
  502: 'An invalid response was received from the upstream server',
  503: 'Service unavailable',
  504: 'The upstream server is timing out',
};

export function defaultMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? (status >= 500 ? 'An unexpected error occurred' : 'Request error');
}

function setHeader(env: PdkEnv, method: string, name: unknown, value: unknown, add: boolean, multi = false): undefined {
  requirePhase(method, env.state.phase, HEADER_PHASES);
  requireHeader(method, name, value, multi);
  const key = (name as string).toLowerCase();
  const values = (Array.isArray(value) ? value : [value]).map(String);
  if (add) (env.state.responseHeaders[key] ??= []).push(...values);
  else env.state.responseHeaders[key] = values;
  return undefined;
}

function exitHeaders(headers: unknown): HeaderMap {
  const out: HeaderMap = {};
  if (headers === undefined || headers === null) return out;
  if (typeof headers !== 'object' || Array.isArray(headers) && headers.length > 0) {
    throw new LuaError(`headers must be a nil or table, got ${luaType(headers)}`);
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    requireHeader('kong.response.exit', name, value, true);
    out[name.toLowerCase()] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return out;
}

/** kong.response.exit(status, body?, headers?): string/bin as is, a table as JSON. */
export function buildExit(env: PdkEnv, args: unknown[]): ExitResponse {
  requirePhase('kong.response.exit', env.state.phase, HEADER_PHASES);
  const [status, body, headers] = args;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
    throw new LuaError('code must be a number between 100 and 599');
  }
  const out = exitHeaders(headers);
  let payload = Buffer.alloc(0);
  if (typeof body === 'string') payload = Buffer.from(body, 'utf8');
  else if (body instanceof Uint8Array) payload = Buffer.from(body);
  else if (body !== undefined && body !== null && typeof body === 'object') {
    payload = Buffer.from(JSON.stringify(body));
    out['content-type'] ??= ['application/json; charset=utf-8'];
  } else if (body !== undefined && body !== null) {
    throw new LuaError(`body must be a nil, string or table, got ${luaType(body)}`);
  }
  return { status: status as number, body: payload, headers: out };
}

/** kong.response.error(status, message?, headers?): Kong formats `{"message": ...}`. */
export function buildError(env: PdkEnv, args: unknown[]): ExitResponse {
  const [status, message, headers] = args;
  const text = typeof message === 'string' ? message : defaultMessage(status as number);
  const exit = buildExit(env, [status, { message: text }, headers]);
  return exit;
}

export const responsePdk: PdkTable = {
  set_header: (env, name, value) => setHeader(env, 'kong.response.set_header', name, value, false),
  add_header: (env, name, value) => setHeader(env, 'kong.response.add_header', name, value, true),
  clear_header: (env, name) => {
    requirePhase('kong.response.clear_header', env.state.phase, HEADER_PHASES);
    requireHeader('kong.response.clear_header', name);
    env.state.responseHeaders[(name as string).toLowerCase()] = [];
    return undefined;
  },
  set_headers: (env, headers) => {
    if (typeof headers !== 'object' || headers === null) throw new LuaError('headers must be a table');
    for (const [name, value] of Object.entries(headers)) setHeader(env, 'kong.response.set_headers', name, value, false, true);
    return undefined;
  },
  set_status: (env, status) => {
    requirePhase('kong.response.set_status', env.state.phase, HEADER_PHASES);
    if (!Number.isInteger(status)) throw new LuaError('code must be a number');
    env.state.responseStatus = status as number;
    return undefined;
  },
  get_status: (env) => {
    requirePhase('kong.response.get_status', env.state.phase, READ_PHASES);
    return env.state.exit?.status ?? env.state.responseStatus ?? env.state.upstreamResponse?.status;
  },
  get_header: (env, name) => {
    requirePhase('kong.response.get_header', env.state.phase, READ_PHASES);
    return finalHeaders(env.state)[String(name).toLowerCase()]?.[0];
  },
  get_headers: (env) => {
    requirePhase('kong.response.get_headers', env.state.phase, READ_PHASES);
    return finalHeaders(env.state);
  },
  get_source: (env) => env.state.source,
};

/**
 * The downstream headers: the upstream's, then what plugins set. An exit's own headers come last: Kong's exit sets
 * them with ngx.header when it sends, over what plugins set before it.
 */
export function finalHeaders(state: PdkEnv['state']): HeaderMap {
  const base = state.exit ? {} : state.upstreamResponse?.headers ?? {};
  const out: HeaderMap = { ...base };
  for (const [name, values] of Object.entries(state.responseHeaders)) {
    if (values.length === 0) delete out[name];
    else out[name] = values;
  }
  return state.exit ? { ...out, ...state.exit.headers } : out;
}
