import fs from 'node:fs';
import path from 'node:path';
import './skip-ts-node';
import Server from 'kong-pdk/server';
import { createLogger } from '../core/logger';
import { contexts } from '../core/request-context';
import { runShutdownHooks } from '../core/lifecycle';
import { markReady } from '../core/readiness-check';
import { startMetricsEndpoint } from '../core/metrics';
import { warmDefaultEmbedder } from '../core/embeddings';
import { useSharedInstanceIds } from './instance-ids';
import { listPluginDirs } from './plugin-dirs';
import { pdkLogger } from './pdk-logger';
import { serveRpc } from './rpc-listener';
import { removePidFile, writePidFile } from './pid-file';

/**
 * The one process Kong starts: a kong-pdk Server and an RPC listener per plugin
 * directory, each on its own socket, all sharing this process's memory (request
 * contexts, embedding workers, indexes, the LLM bridge).
 */
export interface SuiteOptions {
  prefix: string;
  pluginsRoot: string;
  /** How long SIGTERM waits for plugins to flush, in ms. */
  shutdownTimeoutMs?: number;
}

export interface ServedPlugin {
  name: string;
  socket: string;
}

export interface SuiteServer {
  plugins: ServedPlugin[];
  close(): Promise<void>;
}

const log = createLogger('suite');
const EMBEDDING_PLUGINS = new Set(['semantic-cache', 'semantic-router', 'prompt-guard']);
/** The plugins that send a request on or answer it (the provider call, a cached answer): they listen last. */
const FORWARDING_PLUGINS = new Set(['llm-proxy', 'semantic-cache']);

/** Left in the prefix by a process that stopped: the next one knows it replaces a process Kong may still count on. */
const STOPPED_MARK = 'suite.stopped';

export function socketPath(prefix: string, plugin: string): string {
  return path.join(prefix, `${plugin}.sock`);
}

type RpcListener = ReturnType<typeof serveRpc>;

function listen(server: Server, socket: string, plugin: string): Promise<RpcListener> {
  const listener = serveRpc(server, socket, createLogger(`rpc:${plugin}`));
  return new Promise((resolve, reject) => {
    listener.once('listening', () => resolve(listener));
    listener.once('error', reject);
  });
}

/** Loads one plugin directory the way kong-js-pluginserver does; it must hold exactly one plugin. */
export function loadPluginServer(dir: string): { server: Server; name: string } {
  const server = new Server(dir, pdkLogger(`pdk:${path.basename(dir)}`));
  // The bin script closes at once too: it only clears the instance-expiry timer.
  server.close();
  useSharedInstanceIds(server);
  const names = [...server.getPlugins().keys()];
  if (names.length !== 1) {
    throw new Error(`plugin directory ${dir} must hold exactly one loadable plugin, found ${names.length}`);
  }
  return { server, name: names[0] };
}

/** The plugins in the order their sockets listen: those that send a request on or answer it last. */
export function inListeningOrder<T extends { name: string }>(plugins: T[]): T[] {
  return [...plugins].sort((a, b) => Number(FORWARDING_PLUGINS.has(a.name)) - Number(FORWARDING_PLUGINS.has(b.name)));
}

export async function serveSuite(options: SuiteOptions): Promise<SuiteServer> {
  fs.mkdirSync(options.prefix, { recursive: true });
  // The pid file first: whoever sees a socket (Kong, a follower, a test) finds the process announced.
  writePidFile(options.prefix);
  const listeners: RpcListener[] = [];
  const plugins: ServedPlugin[] = [];
  // Every plugin loaded before any socket listens, and the plugins that forward a request listen last: Kong marks each
  // socket ready on its own and skips a plugin whose socket is not, so while the process starts (or restarts) a route
  // must never find llm-proxy ready and the guard or the sanitizer before it not yet.
  const loaded = inListeningOrder(listPluginDirs(options.pluginsRoot).map(({ dir }) => loadPluginServer(dir)));
  // A socket still on disk was left by a process that died, the mark by one that was stopped: either way Kong may
  // still hold that process's instances, and skip them for the requests in its chain while this one starts.
  const stoppedMark = path.join(options.prefix, STOPPED_MARK);
  const replacedDeadProcess = fs.existsSync(stoppedMark) || loaded.some(({ name }) => fs.existsSync(socketPath(options.prefix, name)));
  fs.rmSync(stoppedMark, { force: true });
  for (const { server, name } of loaded) {
    const socket = socketPath(options.prefix, name);
    listeners.push(await listen(server, socket, name));
    plugins.push({ name, socket });
  }
  markReady(replacedDeadProcess);
  await startMetricsEndpoint();
  // Load the model now, in its workers, so the first semantic request does not wait for it.
  if (plugins.some((p) => EMBEDDING_PLUGINS.has(p.name))) warmDefaultEmbedder();
  log.info('suite listening', { plugins: plugins.map((p) => p.name), prefix: options.prefix });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting first; Kong keeps pooled connections open, so do not wait for them to drain.
      for (const listener of listeners) listener.close();
      await runShutdownHooks(options.shutdownTimeoutMs ?? 5000);
      contexts.close();
      // After a reload the path may already be the new process's socket: remove only our own.
      plugins.forEach((plugin, i) => {
        if (listeners[i]!.ownsSocket()) fs.rmSync(plugin.socket, { force: true });
      });
      removePidFile(options.prefix);
      fs.writeFileSync(path.join(options.prefix, STOPPED_MARK), `${process.pid}\n`);
      log.info('suite stopped');
    })();
    return closing;
  };
  return { plugins, close };
}
