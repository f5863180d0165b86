import { createLogger } from '../core/logger';
import { onShutdown } from '../core/lifecycle';
import { getRedis } from '../core/redis';
import { withDeadline } from '../core/deadline';
import { VectorStore, type StoredEntry } from '../core/vectors/vector-store';
import { StreamFollower, type StreamEvent } from './stream-follower';
import { reportSize } from './cache-metrics';

/**
 * The cache's entries: a vector index per scope in this process, and, with
 * Redis, the shared copy every node reads. Each node follows a Redis stream of
 * inserts and deletes, so an entry written through one node is found by all.
 * Redis failing never fails a request: reads miss, writes stay local.
 */
export interface CachedValue {
  /**
   * The prompt as embedded (sanitized), used to verify semantic candidates; empty on entries learnt from the stream
   * until read from their record, which expires with them (the stream holds no prompt: it may outlive an entry).
   */
  prompt: string;
  /** The OpenAI response; absent on entries learnt from the stream until first served. */
  response?: Record<string, unknown>;
  /**
   * Who answered, as `<provider>/<model>` (what a live answer's X-Kong-LLM-Model says), sent again with every hit;
   * absent on entries written before it was kept, and on answers whose provider or model the bridge did not know.
   */
  answeredBy?: string;
  /** The cache instance that wrote it, when it does not run on this node (yet): its entries wait among the others'. */
  owner?: string;
}

export type CacheEntry = StoredEntry<CachedValue>;

export interface Candidate {
  entry: CacheEntry;
  score: number;
}

/**
 * Entries of instances that do not run on this node, or not yet (Kong starts an instance at its route's first
 * request), and of nodes of an older version whose entries name no owner, are one group, bounded as one instance of
 * the default max_entries: they cannot crowd out an instance's own entries, nor grow without bound. An instance that
 * starts here takes its entries from that group.
 */
const OTHER_OWNERS = '\u0000other';
const OTHER_OWNERS_BOUND = 100_000;

interface RedisRecord {
  ns: string;
  prompt: string;
  response: Record<string, unknown>;
  /** Absent on records written before it was kept: such hits carry no X-Kong-LLM-Model. */
  answeredBy?: string;
  storedAt: number;
  expiresAt: number;
}

const log = createLogger('semantic-cache');
/** How many inserts and deletes the shared stream keeps at most: what a node starting later can catch up on. */
const STREAM_MAX_LEN = String(Number(process.env.AI_SUITE_CACHE_STREAM_MAX) || 200_000);
/** How often the stream is trimmed to the entries that may still live, exactly (each write trims it roughly). */
const TRIM_EVERY_MS = 30_000;

/** How long a cache read may wait for Redis before it counts as a miss. */
const READ_DEADLINE_MS = 100;

function encodeVector(v: Float32Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

function decodeVector(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export class CacheStore {
  readonly local: VectorStore<CachedValue>;
  private readonly follower: StreamFollower | undefined;
  private readonly sweeper: NodeJS.Timeout;
  /** Each cache instance's `max_entries`, by owner: it bounds that instance's entries on this node. */
  private readonly bounds = new Map<string, number>();
  /** The longest time to live of the entries this node wrote: stream events older than that announce expired entries. */
  private longestTtlMs = 0;

  constructor(
    private readonly redisUrl: string | undefined,
    private readonly prefix: string,
  ) {
    const bounds = this.bounds;
    this.local = new VectorStore<CachedValue>({
      maxPerNamespace: Infinity,
      maxPerGroup: (owner) => bounds.get(owner) ?? OTHER_OWNERS_BOUND,
      // Every instance's bound and the other owners' together (read at each put: instances start after the store).
      get maxTotal() {
        let sum = OTHER_OWNERS_BOUND;
        for (const bound of bounds.values()) sum += bound;
        return sum;
      },
    });
    reportSize(() => this.local.size);
    if (redisUrl) {
      this.follower = new StreamFollower(redisUrl, this.streamKey, (event) => this.apply(event));
      this.follower.start();
    }
    this.sweeper = setInterval(() => {
      this.local.sweep();
      void this.trimStream();
    }, TRIM_EVERY_MS);
    this.sweeper.unref();
  }

  private get streamKey(): string {
    return `${this.prefix}stream`;
  }

  private recordKey(id: string): string {
    return `${this.prefix}e:${id}`;
  }

  /** Sets the most entries `owner` (a cache instance, the same on every node) keeps on this node. */
  bound(owner: string, maxEntries: number): void {
    const known = this.bounds.has(owner);
    this.bounds.set(owner, maxEntries);
    if (!known) this.local.regroup(OTHER_OWNERS, owner, (entry) => entry.value?.owner === owner);
  }

  /** Resolves once the local index has caught up with the shared stream (or Redis is absent). */
  caughtUp(): Promise<void> {
    return this.follower?.caughtUp ?? Promise.resolve();
  }

  /** The entry stored under exactly this id, with its response. */
  async exact(id: string): Promise<CacheEntry | undefined> {
    const entry = this.local.get(id);
    if (entry?.value?.response) return entry;
    return this.fetch(id, entry);
  }

  /** The nearest live entries of a scope; their responses may still have to be fetched. */
  nearest(ns: string, vector: Float32Array, k: number): Candidate[] {
    return this.local.search(ns, vector, k);
  }

  /** Makes sure a candidate carries its response, reading the shared copy when needed. */
  async withResponse(entry: CacheEntry): Promise<CacheEntry | undefined> {
    if (entry.value?.response) return entry;
    return this.fetch(entry.id, entry);
  }

  touch(id: string): void {
    this.local.touch(id);
  }

  async put(entry: CacheEntry & { group: string; value: Required<Pick<CachedValue, 'prompt' | 'response'>> & Pick<CachedValue, 'answeredBy'> }): Promise<void> {
    this.local.put(entry);
    if (!this.redisUrl) return;
    const redis = getRedis(this.redisUrl);
    const { prompt, response, answeredBy } = entry.value;
    const record: RedisRecord = { ns: entry.ns, prompt, response, ...(answeredBy ? { answeredBy } : {}), storedAt: entry.storedAt, expiresAt: entry.expiresAt };
    const ttl = Math.max(1, entry.expiresAt - Date.now());
    this.longestTtlMs = Math.max(this.longestTtlMs, entry.expiresAt - entry.storedAt);
    try {
      // The prompt stays in the record, which expires with the entry; the stream gets the vector and is trimmed to
      // the entries that may still live, and vanishes with the last of them when nothing more is written.
      await redis
        .multi()
        .set(this.recordKey(entry.id), JSON.stringify(record), 'PX', ttl)
        .xadd(this.streamKey, 'MINID', '~', this.oldestLiveId(), '*', 'op', 'add', 'id', entry.id, 'ns', entry.ns, 'at', String(entry.storedAt), 'exp', String(entry.expiresAt), 'v', encodeVector(entry.vector), 'o', entry.group)
        .xtrim(this.streamKey, 'MAXLEN', '~', STREAM_MAX_LEN)
        .pexpire(this.streamKey, this.longestTtlMs)
        .exec();
    } catch (err) {
      log.warn('cache write kept local: redis failed', { error: (err as Error).message });
    }
  }

  /** Removes an entry here and, through the stream, on every node. */
  async remove(id: string): Promise<void> {
    this.local.delete(id);
    if (!this.redisUrl) return;
    try {
      const redis = getRedis(this.redisUrl).multi().del(this.recordKey(id)).xadd(this.streamKey, 'MINID', '~', this.oldestLiveId(), '*', 'op', 'del', 'id', id);
      // A delete keeps the stream no longer than its entries live; with no entry written here yet, none is known.
      await (this.longestTtlMs > 0 ? redis.pexpire(this.streamKey, this.longestTtlMs) : redis).exec();
    } catch (err) {
      log.warn('cache delete kept local: redis failed', { error: (err as Error).message });
    }
  }

  /** The stream id before which every event is of an expired entry (as far as this node's entries tell). */
  private oldestLiveId(): string {
    return this.longestTtlMs > 0 ? String(Math.max(0, Date.now() - this.longestTtlMs)) : '0';
  }

  private async trimStream(): Promise<void> {
    if (!this.redisUrl || this.longestTtlMs === 0) return;
    try {
      await getRedis(this.redisUrl).xtrim(this.streamKey, 'MINID', this.oldestLiveId());
    } catch {
      // Trimmed on the next write or sweep.
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.follower?.stop();
  }

  private async fetch(id: string, known: CacheEntry | undefined): Promise<CacheEntry | undefined> {
    if (!this.redisUrl) return undefined;
    let text: string | null;
    try {
      // A slow Redis costs a miss, never a slow request.
      text = await withDeadline(getRedis(this.redisUrl).get(this.recordKey(id)), READ_DEADLINE_MS, 'a cache read from redis');
    } catch {
      return undefined;
    }
    if (!text) {
      // Gone from the shared copy (expired or deleted): forget it here too.
      if (known) this.local.delete(id);
      return undefined;
    }
    let record: RedisRecord;
    try {
      record = JSON.parse(text) as RedisRecord;
    } catch {
      await this.remove(id);
      return undefined;
    }
    if (record.expiresAt <= Date.now()) return undefined;
    // A record written before the answering model was kept has none: its hits go without the header.
    const answeredBy = typeof record.answeredBy === 'string' && record.answeredBy ? record.answeredBy : undefined;
    const read = { prompt: record.prompt, response: record.response, ...(answeredBy ? { answeredBy } : {}) };
    if (known) {
      known.value = { ...known.value, ...read };
      return known;
    }
    // Not indexed here yet (the stream is behind): serve it without a vector for exact hits only.
    return { id, ns: record.ns, vector: new Float32Array(0), storedAt: record.storedAt, expiresAt: record.expiresAt, value: read };
  }

  private apply(event: StreamEvent): void {
    if (event.op === 'del') {
      this.local.delete(event.id);
      return;
    }
    if (event.expiresAt <= Date.now()) return;
    const existing = this.local.get(event.id);
    if (existing && existing.storedAt >= event.storedAt) return;
    const { id, ns, storedAt, expiresAt, owner } = event;
    const known = this.bounds.has(owner);
    const value: CachedValue = known ? { prompt: '' } : { prompt: '', owner };
    this.local.put({ id, ns, group: known ? owner : OTHER_OWNERS, vector: decodeVector(event.vector), storedAt, expiresAt, value });
  }
}

const stores = new Map<string, CacheStore>();

/**
 * The process's store for this Redis and prefix, shared by every instance that names them; `owner`'s entries are
 * bounded by its `max_entries`, whatever other instances on the prefix store.
 */
export function cacheStoreFor(redisUrl: string | undefined, prefix: string, owner: string, maxEntries: number): CacheStore {
  const key = JSON.stringify([redisUrl ?? '', prefix]);
  let store = stores.get(key);
  if (!store) {
    store = new CacheStore(redisUrl, prefix);
    stores.set(key, store);
    const s = store;
    onShutdown(`semantic-cache:${stores.size}`, () => s.close());
  }
  store.bound(owner, maxEntries);
  return store;
}
