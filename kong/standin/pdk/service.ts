import { BEFORE_PROXY, LuaError, luaType, requireHeader, requirePhase, requireString } from './lua-error';
import type { PdkEnv, PdkTable } from './types';

/** kong.service.*, kong.service.request.*, kong.service.response.*: the upstream side. */
function before(env: PdkEnv, method: string, phases: readonly string[] = BEFORE_PROXY): PdkEnv['state']['upstream'] {
  requirePhase(method, env.state.phase, phases);
  return env.state.upstream;
}

function headerValues(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

export const servicePdk: PdkTable = {
  set_target: (env, host, port) => {
    // Kong 3.4.2's pdk/service.lua: set_target (and set_upstream) only in access.
    const upstream = before(env, 'kong.service.set_target', ['access']);
    requireString('kong.service.set_target', 1, host);
    if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) {
      throw new LuaError(`port must be an integer between 0 and 65535: given ${String(port)}`);
    }
    upstream.host = host as string;
    upstream.port = port as number;
    return undefined;
  },
  // No Upstream entities in the stand-in: Kong returns nil, "could not find an Upstream named ..." (error dropped).
  set_upstream: () => undefined,
  set_timeouts: (env, connect, write, read) => {
    const upstream = before(env, 'kong.service.set_timeouts');
    for (const [i, v] of [connect, write, read].entries()) {
      if (!Number.isInteger(v) || (v as number) < 1) throw new LuaError(`bad argument #${i + 1}: timeout must be a positive integer`);
    }
    upstream.connectTimeout = connect as number;
    upstream.writeTimeout = write as number;
    upstream.readTimeout = read as number;
    return undefined;
  },
  set_retries: (env) => {
    before(env, 'kong.service.set_retries');
    return undefined;
  },
};

export const serviceRequestPdk: PdkTable = {
  set_header: (env, name, value) => {
    const upstream = before(env, 'kong.service.request.set_header');
    requireHeader('kong.service.request.set_header', name, value);
    upstream.headers[(name as string).toLowerCase()] = headerValues(value);
    return undefined;
  },
  add_header: (env, name, value) => {
    const upstream = before(env, 'kong.service.request.add_header');
    requireHeader('kong.service.request.add_header', name, value);
    (upstream.headers[(name as string).toLowerCase()] ??= []).push(...headerValues(value));
    return undefined;
  },
  clear_header: (env, name) => {
    const upstream = before(env, 'kong.service.request.clear_header');
    requireHeader('kong.service.request.clear_header', name);
    delete upstream.headers[(name as string).toLowerCase()];
    return undefined;
  },
  set_headers: (env, headers) => {
    const upstream = before(env, 'kong.service.request.set_headers');
    if (typeof headers !== 'object' || headers === null) throw new LuaError(`headers must be a table, got ${luaType(headers)}`);
    for (const [name, value] of Object.entries(headers)) {
      requireHeader('kong.service.request.set_headers', name, value, true);
      upstream.headers[name.toLowerCase()] = headerValues(value);
    }
    return undefined;
  },
  set_raw_body: (env, body) => {
    const upstream = before(env, 'kong.service.request.set_raw_body');
    if (typeof body !== 'string' && !Buffer.isBuffer(body)) throw new LuaError(`body must be a string, got ${luaType(body)}`);
    upstream.body = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    // ngx.req.set_body_data: kong.request.get_raw_body reads the new body from here on.
    env.state.body = upstream.body;
    return undefined;
  },
  set_body: (env, body, mime) => {
    const upstream = before(env, 'kong.service.request.set_body');
    const type = String(mime ?? upstream.headers['content-type']?.[0] ?? '');
    if (!/json/i.test(type)) throw new LuaError(`unsupported content type '${type}'`);
    upstream.body = Buffer.from(JSON.stringify(body));
    env.state.body = upstream.body;
    upstream.headers['content-type'] = ['application/json'];
    return undefined;
  },
  set_path: (env, path) => {
    const upstream = before(env, 'kong.service.request.set_path');
    requireString('kong.service.request.set_path', 1, path);
    if (!(path as string).startsWith('/')) throw new LuaError('path must start with /');
    upstream.path = path as string;
    return undefined;
  },
  set_raw_query: (env, query) => {
    const upstream = before(env, 'kong.service.request.set_raw_query');
    upstream.rawQuery = requireString('kong.service.request.set_raw_query', 1, query);
    return undefined;
  },
  set_query: (env, args) => {
    const upstream = before(env, 'kong.service.request.set_query');
    if (typeof args !== 'object' || args === null) throw new LuaError('args must be a table');
    upstream.rawQuery = new URLSearchParams(
      Object.entries(args).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, String(x)])),
    ).toString();
    return undefined;
  },
  set_method: (env, method) => {
    const upstream = before(env, 'kong.service.request.set_method');
    upstream.method = requireString('kong.service.request.set_method', 1, method).toUpperCase();
    return undefined;
  },
  set_scheme: (env, scheme) => {
    const upstream = before(env, 'kong.service.request.set_scheme');
    if (scheme !== 'http' && scheme !== 'https') throw new LuaError(`invalid scheme: ${String(scheme)}`);
    upstream.scheme = scheme;
    return undefined;
  },
  enable_buffering: (env) => {
    before(env, 'kong.service.request.enable_buffering').buffering = true;
    return undefined;
  },
};

function buffered(env: PdkEnv, method: string) {
  requirePhase(method, env.state.phase, ['response', 'log']);
  return env.state.upstreamResponse;
}

export const serviceResponsePdk: PdkTable = {
  get_status: (env) => buffered(env, 'kong.service.response.get_status')?.status,
  get_headers: (env) => buffered(env, 'kong.service.response.get_headers')?.headers ?? {},
  get_header: (env, name) =>
    buffered(env, 'kong.service.response.get_header')?.headers[String(name).toLowerCase()]?.[0],
  get_raw_body: (env) => {
    const body = buffered(env, 'kong.service.response.get_raw_body')?.body;
    if (body === undefined) throw new LuaError('service response body is only available in buffered proxying mode');
    return body;
  },
  get_body: (env) => {
    const response = buffered(env, 'kong.service.response.get_body');
    if (!response?.body || !/json/i.test(response.headers['content-type']?.[0] ?? '')) return undefined;
    try {
      return JSON.parse(response.body.toString('utf8'));
    } catch {
      return undefined;
    }
  },
};
