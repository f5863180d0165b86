import Redis from 'ioredis';
import { onShutdown } from './lifecycle';
import { createLogger } from './logger';

/**
 * One Redis connection per URL for the whole process, shared by every plugin.
 * Commands fail fast instead of queueing while Redis is down, so callers can
 * degrade (a cache miss, a local count) rather than hold a request; only the
 * first ones, sent while the connection is first made, wait for it (within the
 * command timeout): a budget spent in Redis must hold from the first request.
 */
const clients = new Map<string, Redis>();
const log = createLogger('redis');

export function redisUrlFrom(configured: string | undefined): string | undefined {
  return configured || process.env.AI_SUITE_REDIS_URL || undefined;
}

export function getRedis(url: string): Redis {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    const failFast = (c: Redis) => () => {
      c.options.enableOfflineQueue = false;
    };
    client.once('ready', failFast(client));
    client.once('error', failFast(client));
    let lastError = 0;
    client.on('error', (err) => {
      // Once a minute is enough: a Redis outage must not flood the log.
      if (Date.now() - lastError > 60_000) log.warn('redis unavailable', { error: err.message });
      lastError = Date.now();
    });
    clients.set(url, client);
    const c = client;
    onShutdown(`redis:${clients.size}`, async () => {
      await c.quit().catch(() => c.disconnect());
    });
  }
  return client;
}
