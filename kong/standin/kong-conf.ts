import fs from 'node:fs';
import { parseSize } from './sizes';
import { declaredEnv } from './worker-env';

/**
 * kong.conf as Kong reads it: `key = value` lines, `#` comments, lower-cased keys.
 * Only what the stand-in acts on is interpreted; the rest is kept as read.
 */
export interface PluginServerEntry {
  name: string;
  socket: string;
  startCmd?: string;
  queryCmd: string;
}

export interface KongConf {
  raw: Record<string, string>;
  prefix: string;
  /** Names in `plugins =`, without `bundled`. */
  plugins: string[];
  bundled: boolean;
  pluginServers: PluginServerEntry[];
  bodyBufferBytes: number;
  /** 0 means unlimited, as in nginx. */
  maxBodyBytes: number;
  declarativeConfig?: string;
  /** Kong's `log_level`: its error log drops lines below it. */
  logLevel: string;
  /** The variables `nginx_main_env` declares: all a plugin server inherits besides TZ (worker-env.ts). */
  mainEnv: string[];
}

const LOG_LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'];

/** Whether Kong's error log keeps a line logged at `level`. */
export function logKeeps(conf: KongConf, level: string): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(conf.logLevel);
}

export function parseKongConfText(text: string): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const stripped = line.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (!stripped) continue;
    const eq = stripped.indexOf('=');
    if (eq < 0) throw new Error(`kong.conf: cannot parse line '${stripped}'`);
    raw[stripped.slice(0, eq).trim().toLowerCase()] = stripped.slice(eq + 1).trim();
  }
  return raw;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function loadKongConf(path: string): KongConf {
  const raw = parseKongConfText(fs.readFileSync(path, 'utf8'));
  const prefix = raw.prefix ?? '/usr/local/kong';
  const pluginNames = list(raw.plugins ?? 'bundled');
  const pluginServers = list(raw.pluginserver_names).map((name): PluginServerEntry => {
    const lower = name.toLowerCase();
    const key = `pluginserver_${lower.replace(/-/g, '_')}`;
    const queryCmd = raw[`${key}_query_cmd`];
    // Kong 3.9+: a plugin server without a query command is a configuration error.
    if (!queryCmd) throw new Error(`query_command undefined for pluginserver ${lower}`);
    return {
      name: lower,
      socket: raw[`${key}_socket`] ?? `${prefix}/${lower}.socket`,
      startCmd: raw[`${key}_start_cmd`],
      queryCmd,
    };
  });
  return {
    raw,
    prefix,
    plugins: pluginNames.filter((n) => n !== 'bundled'),
    bundled: pluginNames.includes('bundled'),
    pluginServers,
    bodyBufferBytes: parseSize(raw.nginx_http_client_body_buffer_size ?? '8k'),
    maxBodyBytes: parseSize(raw.nginx_http_client_max_body_size ?? '0'),
    declarativeConfig: raw.declarative_config,
    logLevel: raw.log_level ?? 'notice',
    mainEnv: declaredEnv(raw.nginx_main_env),
  };
}
