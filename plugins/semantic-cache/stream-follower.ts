import type Redis from 'ioredis';
import { getRedis } from '../core/redis';
import { createLogger } from '../core/logger';

/**
 * Follows the cache's Redis stream: reads it from the start when the node
 * starts (catch-up), then blocks for new events. Survives Redis restarts; its
 * own blocking connection never delays other commands.
 */
export type StreamEvent =
  | { op: 'add'; id: string; ns: string; storedAt: number; expiresAt: number; vector: string; owner: string }
  | { op: 'del'; id: string };

const log = createLogger('semantic-cache');
const BLOCK_MS = 2000;
const BATCH = 1000;
const SLICE = 16;

function toEvent(fields: string[]): StreamEvent | undefined {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  if (!f.id) return undefined;
  if (f.op === 'del') return { op: 'del', id: f.id };
  if (f.op !== 'add' || !f.ns || !f.v) return undefined;
  return { op: 'add', id: f.id, ns: f.ns, storedAt: Number(f.at), expiresAt: Number(f.exp), vector: f.v, owner: f.o ?? '' };
}

export class StreamFollower {
  private readonly redis: Redis;
  private lastId = '0-0';
  private running = false;
  private stopped: Promise<void> | undefined;
  private markCaughtUp!: () => void;
  readonly caughtUp: Promise<void>;

  constructor(
    url: string,
    private readonly key: string,
    private readonly onEvent: (event: StreamEvent) => void,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    // The shared client's settings, on a connection of its own: a blocking read must not hold other commands.
    this.redis = getRedis(url).duplicate({ commandTimeout: BLOCK_MS * 3 });
    this.redis.on('error', () => undefined);
  }

  start(): void {
    this.running = true;
    this.stopped = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis.disconnect();
    await this.stopped;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (this.redis.status !== 'ready') await this.waitReady();
        await this.catchUp();
        this.markCaughtUp();
        failures = 0;
        while (this.running) {
          const reply = (await this.redis.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', this.key, this.lastId)) as Array<[string, Array<[string, string[]]>]> | null;
          if (reply) for (const [, entries] of reply) await this.consume(entries);
        }
      } catch (err) {
        if (!this.running) return;
        if (failures++ === 0) log.warn('cache stream unavailable; entries stay local until redis is back', { error: (err as Error).message });
        // A node that cannot reach Redis still serves its own entries: never block the start on it.
        this.markCaughtUp();
        await new Promise((r) => setTimeout(r, 500).unref());
      }
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const start = this.lastId === '0-0' ? '-' : `(${this.lastId}`;
      const entries = (await this.redis.xrange(this.key, start, '+', 'COUNT', BATCH)) as Array<[string, string[]]>;
      await this.consume(entries);
      if (entries.length < BATCH) return;
    }
  }

  /** Applies events in small slices, yielding between them: indexing 100,000 entries must not stall requests. */
  private async consume(entries: Array<[string, string[]]>): Promise<void> {
    for (let i = 0; i < entries.length; i++) {
      const [id, fields] = entries[i]!;
      this.lastId = id;
      const event = toEvent(fields);
      if (event) this.onEvent(event);
      if (i % SLICE === SLICE - 1) await new Promise((r) => setImmediate(r));
    }
  }

  private waitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis not ready')), 2000);
      timer.unref();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
