import { createHash } from 'node:crypto';
import fs from 'node:fs';
import YAML from 'yaml';

/**
 * kong.yml (`_format_version: "3.0"`) loaded into Kong's entities, and refused
 * with a message naming the problem when Kong would refuse it.
 */
export interface Service {
  id: string;
  name?: string;
  protocol: string;
  host: string;
  port: number;
  path: string | null;
  connect_timeout: number;
  read_timeout: number;
  write_timeout: number;
  retries: number;
  tags: string[];
}

export interface Route {
  id: string;
  name?: string;
  paths: string[];
  methods: string[];
  hosts: string[];
  protocols: string[];
  strip_path: boolean;
  preserve_host: boolean;
  regex_priority: number;
  request_buffering: boolean;
  response_buffering: boolean;
  service: { id: string } | null;
  tags: string[];
}

export interface Consumer {
  id: string;
  username?: string;
  custom_id?: string;
  tags: string[];
}

export interface Credential {
  id: string;
  key: string;
  consumer: { id: string };
}

export interface PluginEntity {
  id: string;
  name: string;
  config: unknown;
  enabled: boolean;
  route: string | null;
  service: string | null;
  consumer: string | null;
  instance_name: string | null;
}

export interface Declarative {
  services: Service[];
  routes: Route[];
  consumers: Consumer[];
  credentials: Credential[];
  plugins: PluginEntity[];
}

export class DeclarativeError extends Error {
  constructor(problems: string[]) {
    super(`failed parsing declarative configuration: ${problems.join('; ')}`);
    this.name = 'DeclarativeError';
  }
}

const TOP_LEVEL = new Set([
  '_format_version', '_transform', '_workspace', '_comment', '_info', 'services', 'routes', 'consumers', 'plugins',
  'upstreams', 'targets', 'certificates', 'ca_certificates', 'snis', 'vaults', 'keyauth_credentials', 'consumer_groups',
]);
const SERVICE_KEYS = new Set([
  'id', 'name', 'url', 'protocol', 'host', 'port', 'path', 'retries', 'connect_timeout', 'read_timeout',
  'write_timeout', 'tags', 'enabled', 'routes', 'plugins', 'tls_verify', 'ca_certificates', 'client_certificate', 'tls_verify_depth',
]);
const ROUTE_KEYS = new Set([
  'id', 'name', 'paths', 'methods', 'hosts', 'headers', 'protocols', 'strip_path', 'preserve_host', 'regex_priority',
  'request_buffering', 'response_buffering', 'https_redirect_status_code', 'path_handling', 'tags', 'service', 'plugins', 'snis', 'sources', 'destinations',
]);
const PLUGIN_KEYS = new Set(['id', 'name', 'config', 'enabled', 'protocols', 'instance_name', 'tags', 'route', 'service', 'consumer', 'ordering']);
const CONSUMER_KEYS = new Set(['id', 'username', 'custom_id', 'tags', 'plugins', 'keyauth_credentials', 'groups']);

/** Stable ids for entities without one, like decK's: derived from kind and name or position. */
function stableId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(entity: Raw, allowed: Set<string>, where: string, problems: string[]): void {
  for (const key of Object.keys(entity)) if (!allowed.has(key)) problems.push(`${where}: unknown field '${key}'`);
}

function list(value: unknown, where: string, problems: string[]): Raw[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: expected an array`);
    return [];
  }
  return value.filter((item, i) => {
    if (!isObject(item)) problems.push(`${where}[${i + 1}]: expected a record`);
    return isObject(item);
  }) as Raw[];
}

function strings(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    problems.push(`${where}: expected an array of strings`);
    return [];
  }
  return value as string[];
}

function parseService(raw: Raw, index: number, problems: string[]): Service {
  const where = `services[${index + 1}]${raw.name ? ` (${String(raw.name)})` : ''}`;
  checkKeys(raw, SERVICE_KEYS, where, problems);
  let protocol = (raw.protocol as string) ?? 'http';
  let host = raw.host as string | undefined;
  let port = raw.port as number | undefined;
  let path = (raw.path as string | undefined) ?? null;
  if (raw.url !== undefined) {
    try {
      const url = new URL(String(raw.url));
      protocol = url.protocol.replace(':', '');
      host = url.hostname;
      port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
      path = url.pathname && url.pathname !== '/' ? url.pathname : null;
    } catch {
      problems.push(`${where}: url: invalid url '${String(raw.url)}'`);
    }
  }
  if (!host) problems.push(`${where}: host: required field missing`);
  if (!['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls'].includes(protocol)) problems.push(`${where}: protocol: expected one of: http, https, grpc, grpcs, tcp, tls`);
  return {
    id: (raw.id as string) ?? stableId('service', String(raw.name ?? index)),
    name: raw.name as string | undefined,
    protocol,
    host: host ?? '',
    port: port ?? (protocol === 'https' ? 443 : 80),
    path,
    connect_timeout: (raw.connect_timeout as number) ?? 60_000,
    read_timeout: (raw.read_timeout as number) ?? 60_000,
    write_timeout: (raw.write_timeout as number) ?? 60_000,
    retries: (raw.retries as number) ?? 5,
    tags: strings(raw.tags, `${where}.tags`, problems),
  };
}

function parseRoute(raw: Raw, key: string, service: Service | undefined, problems: string[]): Route {
  const where = `routes (${String(raw.name ?? key)})`;
  checkKeys(raw, ROUTE_KEYS, where, problems);
  const paths = strings(raw.paths, `${where}.paths`, problems);
  const methods = strings(raw.methods, `${where}.methods`, problems).map((m) => m.toUpperCase());
  const hosts = strings(raw.hosts, `${where}.hosts`, problems);
  if (paths.length + methods.length + hosts.length === 0 && raw.headers === undefined) {
    problems.push(`${where}: must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'`);
  }
  for (const path of paths) {
    if (path.startsWith('~')) {
      try {
        new RegExp(path.slice(1));
      } catch {
        problems.push(`${where}.paths: invalid regex: '${path}'`);
      }
    } else if (!path.startsWith('/')) problems.push(`${where}.paths: should start with: / (fixed path) or ~/ (regex path)`);
  }
  return {
    id: (raw.id as string) ?? stableId('route', key),
    name: raw.name as string | undefined,
    paths,
    methods,
    hosts,
    protocols: strings(raw.protocols, `${where}.protocols`, problems).length ? (raw.protocols as string[]) : ['http', 'https'],
    strip_path: (raw.strip_path as boolean) ?? true,
    preserve_host: (raw.preserve_host as boolean) ?? false,
    regex_priority: (raw.regex_priority as number) ?? 0,
    request_buffering: (raw.request_buffering as boolean) ?? true,
    response_buffering: (raw.response_buffering as boolean) ?? true,
    service: service ? { id: service.id } : null,
    tags: strings(raw.tags, `${where}.tags`, problems),
  };
}

export interface PluginCatalogue {
  /** `enabled`: in kong.conf `plugins=` (or bundled); `unknown`: not a plugin Kong knows. */
  status(name: string): 'enabled' | 'not-enabled';
}

export function loadDeclarative(input: string | object, catalogue: PluginCatalogue): Declarative {
  let doc: unknown = input;
  if (typeof input === 'string') {
    const text = fs.readFileSync(input, 'utf8');
    try {
      doc = YAML.parse(text);
    } catch (err) {
      throw new DeclarativeError([`invalid YAML: ${(err as Error).message.split('\n')[0]}`]);
    }
  }
  if (!isObject(doc)) throw new DeclarativeError(['expected an object at the top level']);
  const problems: string[] = [];
  if (doc._format_version === undefined) problems.push("_format_version: expected a string ('3.0')");
  else if (!['3.0', '2.1', '1.1'].includes(String(doc._format_version))) {
    problems.push(`_format_version: unsupported version '${String(doc._format_version)}'`);
  }
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key)) problems.push(`${key}: unknown field`);

  const out: Declarative = { services: [], routes: [], consumers: [], credentials: [], plugins: [] };
  const pluginRaws: Array<{ raw: Raw; where: string; scope: Partial<Record<'route' | 'service' | 'consumer', string>> }> = [];
  const names = { services: new Map<string, Service>(), routes: new Map<string, Route>(), consumers: new Map<string, Consumer>() };

  list(doc.services, 'services', problems).forEach((raw, i) => {
    const service = parseService(raw, i, problems);
    if (service.name && names.services.has(service.name)) problems.push(`services: duplicate name '${service.name}'`);
    out.services.push(service);
    names.services.set(service.name ?? service.id, service);
    names.services.set(service.id, service);
    list(raw.routes, `services[${i + 1}].routes`, problems).forEach((r, j) => {
      const route = parseRoute(r, String(r.name ?? `${service.id}:${j}`), service, problems);
      out.routes.push(route);
      list(r.plugins, `routes (${route.name ?? route.id}).plugins`, problems).forEach((p) =>
        pluginRaws.push({ raw: p, where: `routes (${route.name ?? route.id})`, scope: { route: route.id } }),
      );
    });
    list(raw.plugins, `services[${i + 1}].plugins`, problems).forEach((p) =>
      pluginRaws.push({ raw: p, where: `services (${service.name ?? service.id})`, scope: { service: service.id } }),
    );
  });
  list(doc.routes, 'routes', problems).forEach((r, j) => {
    const ref = r.service as Raw | string | undefined;
    const refName = typeof ref === 'string' ? ref : (ref?.id as string) ?? (ref?.name as string);
    const service = refName ? names.services.get(refName) : undefined;
    if (refName && !service) problems.push(`routes (${String(r.name ?? j)}): service: no such service '${refName}'`);
    const route = parseRoute({ ...r, service: undefined }, String(r.name ?? `top:${j}`), service, problems);
    out.routes.push(route);
    list(r.plugins, `routes (${route.name ?? route.id}).plugins`, problems).forEach((p) =>
      pluginRaws.push({ raw: p, where: `routes (${route.name ?? route.id})`, scope: { route: route.id } }),
    );
  });
  for (const route of out.routes) {
    if (route.name && names.routes.has(route.name)) problems.push(`routes: duplicate name '${route.name}'`);
    names.routes.set(route.name ?? route.id, route);
    names.routes.set(route.id, route);
  }
  list(doc.consumers, 'consumers', problems).forEach((raw, i) => {
    const where = `consumers[${i + 1}]`;
    checkKeys(raw, CONSUMER_KEYS, where, problems);
    if (raw.username === undefined && raw.custom_id === undefined) problems.push(`${where}: at least one of these fields must be non-empty: 'custom_id', 'username'`);
    const consumer: Consumer = {
      id: (raw.id as string) ?? stableId('consumer', String(raw.username ?? raw.custom_id ?? i)),
      username: raw.username as string | undefined,
      custom_id: raw.custom_id as string | undefined,
      tags: strings(raw.tags, `${where}.tags`, problems),
    };
    out.consumers.push(consumer);
    names.consumers.set(String(consumer.username ?? consumer.custom_id), consumer);
    names.consumers.set(consumer.id, consumer);
    list(raw.keyauth_credentials, `${where}.keyauth_credentials`, problems).forEach((c, k) => {
      if (typeof c.key !== 'string' || !c.key) problems.push(`${where}.keyauth_credentials[${k + 1}]: key: required field missing`);
      out.credentials.push({ id: (c.id as string) ?? stableId('keyauth', String(c.key)), key: String(c.key), consumer: { id: consumer.id } });
    });
    list(raw.plugins, `${where}.plugins`, problems).forEach((p) =>
      pluginRaws.push({ raw: p, where: `consumers (${consumer.username ?? consumer.id})`, scope: { consumer: consumer.id } }),
    );
  });
  const seenKeys = new Set<string>();
  for (const key of out.credentials.map((c) => c.key)) {
    if (seenKeys.has(key)) problems.push(`keyauth_credentials: duplicate key`);
    seenKeys.add(key);
  }
  list(doc.plugins, 'plugins', problems).forEach((p) => pluginRaws.push({ raw: p, where: 'plugins', scope: {} }));

  pluginRaws.forEach(({ raw, where, scope }, i) => {
    checkKeys(raw, PLUGIN_KEYS, `${where}: plugin ${String(raw.name ?? i)}`, problems);
    const name = raw.name;
    if (typeof name !== 'string') {
      problems.push(`${where}: plugin: name: required field missing`);
      return;
    }
    if (catalogue.status(name) === 'not-enabled') {
      problems.push(`${where}: plugin '${name}' not enabled; add it to the 'plugins' configuration property`);
      return;
    }
    const resolve = (kind: 'route' | 'service' | 'consumer', map: Map<string, { id: string }>) => {
      if (scope[kind]) return scope[kind]!;
      const ref = raw[kind] as string | Raw | undefined;
      if (ref === undefined || ref === null) return null;
      const key = typeof ref === 'string' ? ref : String(ref.id ?? ref.name);
      const found = map.get(key);
      if (!found) problems.push(`${where}: plugin '${name}': ${kind}: no such ${kind} '${key}'`);
      return found?.id ?? null;
    };
    const entity: PluginEntity = {
      id: (raw.id as string) ?? stableId('plugin', `${name}:${JSON.stringify(scope)}:${i}`),
      name,
      config: raw.config ?? {},
      enabled: raw.enabled !== false,
      route: resolve('route', names.routes),
      service: resolve('service', names.services),
      consumer: resolve('consumer', names.consumers),
      instance_name: (raw.instance_name as string) ?? null,
    };
    const twin = out.plugins.find(
      (p) => p.name === name && p.route === entity.route && p.service === entity.service && p.consumer === entity.consumer,
    );
    if (twin) problems.push(`${where}: plugin '${name}' is configured twice for the same scope`);
    out.plugins.push(entity);
  });

  if (problems.length > 0) throw new DeclarativeError(problems);
  return out;
}
