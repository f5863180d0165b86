import { createLogger } from './logger';

/**
 * Work to finish when Kong stops the plugin server (it sends SIGTERM): flushing
 * trace queues, closing Redis and worker pools. Plugins have no close hook in
 * kong-pdk, so anything long-lived registers here.
 */
type ShutdownHook = () => Promise<void> | void;

const hooks = new Map<string, ShutdownHook>();
const log = createLogger('lifecycle');

export function onShutdown(name: string, hook: ShutdownHook): void {
  hooks.set(name, hook);
}

/** Runs every hook once, in parallel, each bounded by the timeout; never throws. */
export async function runShutdownHooks(timeoutMs: number): Promise<void> {
  const pending = [...hooks.entries()];
  hooks.clear();
  await Promise.all(
    pending.map(async ([name, hook]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve(hook()).then(() => 'done' as const), timeout]);
        if (outcome === 'timeout') log.warn('shutdown hook timed out', { hook: name, timeoutMs });
      } catch (err) {
        log.error('shutdown hook failed', { hook: name, error: (err as Error).message });
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
