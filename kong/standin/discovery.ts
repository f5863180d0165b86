import { exec } from 'node:child_process';
import { validateKongSchema } from '../../schemas/kong-metaschema';
import type { KongField } from '../../schemas/kong-field';
import type { PluginServerEntry } from './kong-conf';

/**
 * Plugin discovery as Kong does it: run each server's query_cmd, JSON-decode the
 * whole stdout (a bare array or `{Protocol, Plugins}`), keep only the first plugin
 * (Kong 3.9+), and refuse what Kong refuses.
 */
export interface PluginInfo {
  name: string;
  version: string;
  priority: number;
  phases: string[];
  fields: KongField[];
  server: PluginServerEntry;
}

function run(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(command, { shell: '/bin/sh', maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(new Error(`query command failed (${err.message.split('\n')[0]})`));
      else resolve(stdout);
    });
  });
}

export function parsePluginInfo(stdout: string, server: PluginServerEntry): PluginInfo {
  let decoded: unknown;
  try {
    decoded = JSON.parse(stdout);
  } catch {
    throw new Error(`failed decoding plugin info for pluginserver '${server.name}': not pure JSON on stdout`);
  }
  const list = Array.isArray(decoded) ? decoded : (decoded as { Plugins?: unknown[] })?.Plugins;
  const info = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
  if (!info || typeof info !== 'object') throw new Error(`Not a plugin info table (pluginserver '${server.name}')`);
  const name = String(info.Name);
  if (typeof info.Version !== 'string' || !/^\d+(\.\d+){0,2}$/.test(info.Version)) {
    throw new Error(`${name} plugin: VERSION field does not follow the x.y.z format`);
  }
  if (!Number.isInteger(info.Priority)) throw new Error(`${name} plugin: PRIORITY field is not a valid integer number`);
  const schema = info.Schema as { name: string; fields: Array<{ config?: { fields?: KongField[] } }> };
  const violations = validateKongSchema(schema);
  if (violations.length > 0) throw new Error(`${name} plugin: schema violation: ${violations.join('; ')}`);
  const config = schema.fields.find((f) => f.config)?.config;
  return {
    name,
    version: info.Version,
    priority: info.Priority as number,
    phases: Array.isArray(info.Phases) ? (info.Phases as string[]) : [],
    fields: config?.fields ?? [],
    server,
  };
}

export async function discoverPlugin(server: PluginServerEntry): Promise<PluginInfo> {
  return parsePluginInfo(await run(server.queryCmd), server);
}
