import { ALL, LuaError, NOT_LOG, requirePhase, requireString } from './lua-error';
import type { PdkTable } from './types';

/** kong.request.*: the client request. Functions that read ngx.var/ngx.req raise in the log timer. */
export function parseQuery(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    (out[key] ??= []);
    if (eq >= 0) out[key].push(decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
  }
  return out;
}

/** Kong's lua_max_req_headers (100): how many header lines ngx.req.get_headers() returns when not told otherwise. */
export const MAX_REQ_HEADERS_DEFAULT = 100;

/** The first `max` header lines, each value of a repeated header counting as one, as ngx.req.get_headers(max) reads them. */
export function firstHeaders(headers: Record<string, string[]>, max = MAX_REQ_HEADERS_DEFAULT): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let left = max;
  for (const [name, values] of Object.entries(headers)) {
    if (left <= 0) break;
    out[name] = values.slice(0, left);
    left -= out[name].length;
  }
  return out;
}

const notLog = (name: string, read: PdkTable[string]): PdkTable[string] => (env, ...args) => {
  requirePhase(`kong.request.${name}`, env.state.phase, NOT_LOG);
  return read(env, ...args);
};

export const requestPdk: PdkTable = {
  get_raw_body: (env) => {
    requirePhase('kong.request.get_raw_body', env.state.phase, ['rewrite', 'access', 'response']);
    const { body, bodyBufferBytes } = env.state;
    // A body over client_body_buffer_size is spooled to a file: get_raw_body returns nil,
    // which Kong's bin packer cannot encode, so it raises. Kong 3.4.2's get_raw_body() takes no
    // argument: getRawBody(0), which reads the file from Kong 3.8 on, fails the same way there.
    if (body.length > bodyBufferBytes) {
      throw new LuaError('pack: cannot encode nil raw body (request body was buffered to a temporary file)');
    }
    return body;
  },
  get_body: (env) => {
    requirePhase('kong.request.get_body', env.state.phase, ['rewrite', 'access', 'response']);
    const type = env.state.headers['content-type']?.[0] ?? '';
    if (!/json/i.test(type)) return undefined;
    try {
      return JSON.parse(env.state.body.toString('utf8'));
    } catch {
      return undefined;
    }
  },
  get_header: (env, name) => {
    requireString('kong.request.get_header', 1, name);
    // ngx.var.http_* sees every header; the log timer reads the saved ngx.req.get_headers() instead.
    const headers = env.state.phase === 'log' ? firstHeaders(env.state.headers) : env.state.headers;
    return headers[(name as string).toLowerCase().replace(/_/g, '-')]?.[0];
  },
  get_headers: (env, max) => {
    requirePhase('kong.request.get_headers', env.state.phase, ALL);
    // In the log timer Kong answers from the headers it saved with ngx.req.get_headers(), whatever max says.
    if (env.state.phase === 'log' || max === undefined || max === null) return firstHeaders(env.state.headers);
    if (typeof max !== 'number') throw new LuaError('max_headers must be a number');
    if (max < 1) throw new LuaError('max_headers must be >= 1');
    if (max > 1000) throw new LuaError('max_headers must be <= 1000');
    return firstHeaders(env.state.headers, max);
  },
  get_path: notLog('get_path', (env) => env.state.path),
  get_raw_path: notLog('get_raw_path', (env) => env.state.path),
  get_path_with_query: notLog('get_path_with_query', (env) =>
    env.state.rawQuery ? `${env.state.path}?${env.state.rawQuery}` : env.state.path,
  ),
  get_method: notLog('get_method', (env) => env.state.method),
  get_query: notLog('get_query', (env) => parseQuery(env.state.rawQuery)),
  get_raw_query: notLog('get_raw_query', (env) => env.state.rawQuery),
  get_query_arg: notLog('get_query_arg', (env, name) => parseQuery(env.state.rawQuery)[String(name)]?.[0]),
  get_scheme: notLog('get_scheme', (env) => env.state.scheme),
  get_host: notLog('get_host', (env) => env.state.host),
  get_port: notLog('get_port', (env) => env.state.port),
  get_forwarded_scheme: notLog('get_forwarded_scheme', (env) => env.state.scheme),
  get_forwarded_host: notLog('get_forwarded_host', (env) => env.state.host),
  get_forwarded_port: notLog('get_forwarded_port', (env) => env.state.port),
  get_http_version: notLog('get_http_version', (env) => env.state.httpVersion),
  get_start_time: (env) => env.state.startedAt,
};
