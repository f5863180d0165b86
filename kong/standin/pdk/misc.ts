import os from 'node:os';
import { ALL, LuaError, NOT_LOG, requirePhase, requireString } from './lua-error';
import { asCjson, toLua } from '../lua-values';
import type { PdkEnv, PdkTable } from './types';

/** kong.ctx.shared, kong.nginx, kong.log, kong.plugin, kong.node. */
function luaToString(value: unknown): string {
  if (value === undefined || value === null) return 'nil';
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return `table: 0x${(Math.random() * 2 ** 40).toString(16).padStart(12, '0')}`;
  return String(value);
}

function logAt(level: string) {
  return (env: PdkEnv, ...args: unknown[]) => {
    env.errorLog(`[${level}] [kong] ${args.map(luaToString).join('')}`);
    return undefined;
  };
}

/** Dotted keys nest, as in Kong's set_serialize_value (`ai.proxy.meta.provider`); nil clears the key. */
export function setDotted(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (value === null || value === undefined) delete node[last];
  else node[last] = value;
}

export const ctxSharedPdk: PdkTable = {
  get: (env, key) => env.state.ctxShared.get(String(key)),
  set: (env, key, value) => {
    env.state.ctxShared.set(String(key), toLua(value));
    return undefined;
  },
};

export const nginxPdk: PdkTable = {
  get_ctx: (env, key) => env.state.ngxCtx.get(String(key)),
  set_ctx: (env, key, value) => {
    env.state.ngxCtx.set(String(key), toLua(value));
    return undefined;
  },
  req_start_time: (env) => env.state.startedAt / 1000,
  get_var: (env, name) => {
    requirePhase('kong.nginx.get_var', env.state.phase, NOT_LOG);
    const vars: Record<string, unknown> = {
      request_id: env.state.id,
      scheme: env.state.scheme,
      host: env.state.host,
      remote_addr: env.state.clientIp,
      request_method: env.state.method,
      request_uri: env.state.rawQuery ? `${env.state.path}?${env.state.rawQuery}` : env.state.path,
      upstream_uri: env.state.upstream.path,
    };
    return vars[requireString('kong.nginx.get_var', 1, name)];
  },
  get_subsystem: () => 'http',
};

export const logPdk: PdkTable = {
  err: logAt('error'),
  warn: logAt('warn'),
  notice: logAt('notice'),
  info: logAt('info'),
  debug: logAt('debug'),
  crit: logAt('crit'),
  alert: logAt('alert'),
  emerg: logAt('emerg'),
  serialize: (env) => {
    if (env.state.phase !== 'log' || !env.state.snapshot) throw new LuaError('serialize can only be called in the log phase');
    return JSON.stringify(env.state.snapshot);
  },
  set_serialize_value: (env, key, value) => {
    requirePhase('kong.log.set_serialize_value', env.state.phase, ALL);
    setDotted(env.state.serialize, requireString('kong.log.set_serialize_value', 1, key), asCjson(value));
    return undefined;
  },
};

export const pluginPdk: PdkTable = {
  get_id: (env) => env.pluginId,
};

export const nodePdk: PdkTable = {
  get_id: (env) => env.nodeId,
  get_hostname: () => os.hostname(),
};
