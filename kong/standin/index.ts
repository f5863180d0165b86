import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Chain, validateConfigs } from './chain';
import { loadDeclarative, type Declarative, type Service } from './declarative';
import { discoverPlugin, type PluginInfo } from './discovery';
import { createHandler } from './http-front';
import { InstanceManager } from './instances';
import { loadKongConf, logKeeps } from './kong-conf';
import { NATIVE_PLUGINS } from './native';
import { READINESS_SKEW_MS } from '../../plugins/core/readiness-check';
import { Supervisor } from './supervisor';
import { workerEnv } from './worker-env';

/**
 * The Kong stand-in: a development and test tool that plays Kong's side of the
 * plugin-server protocol faithfully (see kong/standin/README.md). Production runs
 * in Kong.
 */
export interface StandinOptions {
  confPath: string;
  declarative?: string | object;
  listen?: { host?: string; port?: number };
  errorLog?: (line: string) => void;
  /** How long the sockets may take to appear (60 s: every plugin loads before any listens, on a loaded CI machine too). */
  startTimeoutMs?: number;
  /** Kong's cosocket read timeout for plugin-server RPCs (60 s in Kong). */
  rpcTimeoutMs?: number;
  /** How long after the sockets accept the port opens (see waitForSockets; default: the suite's readiness skew and a tenth of a second). */
  readyDelayMs?: number;
}

export interface Standin {
  url: string;
  port: number;
  logs: Record<string, unknown>[];
  errorLog: string[];
  reload(declarative: string | object): Promise<void>;
  restartPluginServer(name?: string): Promise<void>;
  close(): Promise<void>;
}

const accepts = (path: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(path, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Kong serves at once and skips each plugin until it sees that plugin's socket ready (about 0.7 s after `kong start`
 * when the servers start fast). The stand-in opens its port once every socket accepts and `readyDelayMs` more have
 * passed, the moment the suite stops refusing requests begun while Kong could skip one of its plugins.
 */
async function waitForSockets(paths: string[], timeoutMs: number, readyDelayMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const path of paths) {
    while (!(await accepts(path))) {
      if (Date.now() > deadline) throw new Error(`plugin server socket ${path} did not accept connections within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await new Promise((r) => setTimeout(r, readyDelayMs));
}

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const conf = loadKongConf(options.confPath);
  const errorLines: string[] = [];
  const errorLog = (line: string) => {
    errorLines.push(line);
    if (errorLines.length > 5000) errorLines.shift();
    (options.errorLog ?? ((l: string) => process.stderr.write(l + '\n')))(line);
  };

  // Discovery first (kong start runs the query commands), then the servers.
  const external = new Map<string, PluginInfo>();
  for (const server of conf.pluginServers) {
    const info = await discoverPlugin(server);
    external.set(info.name, info);
  }
  const catalogue = {
    status: (name: string) =>
      conf.plugins.includes(name) || (conf.bundled && NATIVE_PLUGINS.has(name)) ? ('enabled' as const) : ('not-enabled' as const),
  };
  for (const name of conf.plugins) {
    if (!external.has(name) && !NATIVE_PLUGINS.has(name)) throw new Error(`${name} plugin is enabled but not installed; no plugin found`);
  }

  const source = options.declarative ?? conf.declarativeConfig;
  if (source === undefined) throw new Error('no declarative configuration (kong.yml) given');
  const instances = new InstanceManager(options.rpcTimeoutMs ?? 60_000);
  const nodeId = randomUUID();
  let seq = 1;
  const build = (input: string | object) => {
    const entities: Declarative = loadDeclarative(input, catalogue);
    const configs = validateConfigs(entities, external, errorLog);
    const services = new Map<string, Service>(entities.services.map((s) => [s.id, s]));
    const chain = new Chain({ entities, external, configs, seq: seq++, instances, nodeId, errorLog });
    return { entities, services, chain };
  };
  let current = build(source);

  const supervisors = conf.pluginServers
    .filter((s) => s.startCmd)
    .map((s) => new Supervisor(s.name, s.startCmd!, errorLog, logKeeps(conf, 'info'), workerEnv(conf.mainEnv, process.env)));
  for (const supervisor of supervisors) supervisor.start();
  const stopAll = () => Promise.all(supervisors.map((s) => s.stop()));
  try {
    await waitForSockets(conf.pluginServers.map((s) => s.socket), options.startTimeoutMs ?? 60_000, options.readyDelayMs ?? READINESS_SKEW_MS + 100);
  } catch (err) {
    await stopAll();
    throw err;
  }

  const logs: Record<string, unknown>[] = [];
  const server = http.createServer(createHandler({ conf, current: () => current, logs, errorLog }));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen?.port ?? 0, options.listen?.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.listen?.host ?? '127.0.0.1'}:${port}`,
    port,
    logs,
    errorLog: errorLines,
    async reload(input) {
      current = build(input);
    },
    async restartPluginServer(name) {
      const target = name ? supervisors.find((s) => s.name === name) : supervisors[0];
      if (!target) throw new Error(`no supervised plugin server ${name ?? ''}`);
      target.kill();
    },
    close() {
      closing ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopAll();
        instances.close();
      })();
      return closing;
    },
  };
}
