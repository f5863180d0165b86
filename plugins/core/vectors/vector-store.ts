import { AdaptiveIndex } from './adaptive-index';
import type { HnswOptions } from './hnsw-index';

/**
 * Vectors with a payload, per namespace: capacity per namespace, per group (who
 * wrote an entry) and in all, with LRU eviction, expiry, deletes. Expired entries are skipped when found and swept.
 */
export interface StoredEntry<T> {
  id: string;
  ns: string;
  vector: Float32Array;
  storedAt: number;
  expiresAt: number;
  /** Who the entry belongs to, when its owner's own bound applies (`maxPerGroup`). */
  group?: string;
  value?: T;
}

export interface StoreOptions {
  maxPerNamespace: number;
  /** Most entries in all namespaces together (every conversation can be a namespace of its own): the least recently used go. */
  maxTotal?: number;
  /** Most entries of one group: a group's entries evict only each other. */
  maxPerGroup?: (group: string) => number;
  /** Size above which a namespace switches from exact search to HNSW. */
  exactUpTo?: number;
  hnsw?: HnswOptions;
}

interface Namespace<T> {
  index: AdaptiveIndex;
  /** Entries in least-recently-used-first order. */
  lru: Map<string, StoredEntry<T>>;
}

export class VectorStore<T> {
  private readonly namespaces = new Map<string, Namespace<T>>();
  /** Every entry, least recently used first. */
  private readonly byId = new Map<string, StoredEntry<T>>();
  /** Entries of each group, least recently used first. */
  private readonly groups = new Map<string, Map<string, StoredEntry<T>>>();

  constructor(private readonly options: StoreOptions) {}

  get size(): number {
    return this.byId.size;
  }

  /** Adds or replaces an entry; returns the ids evicted to make room. */
  put(entry: StoredEntry<T>): string[] {
    this.delete(entry.id);
    let ns = this.namespaces.get(entry.ns);
    if (!ns) {
      ns = { index: new AdaptiveIndex(this.options.exactUpTo, this.options.hnsw), lru: new Map() };
      this.namespaces.set(entry.ns, ns);
    }
    // Entries without a vector (exact-only caches) are found by id alone.
    if (entry.vector.length > 0) ns.index.add(entry.id, entry.vector);
    ns.lru.set(entry.id, entry);
    this.byId.set(entry.id, entry);
    const evicted: string[] = [];
    const evictFrom = (lru: Map<string, StoredEntry<T>>, max: number) => {
      while (lru.size > max) {
        const oldest = lru.keys().next().value as string;
        this.delete(oldest);
        evicted.push(oldest);
      }
    };
    evictFrom(ns.lru, this.options.maxPerNamespace);
    if (entry.group !== undefined && this.options.maxPerGroup && this.byId.has(entry.id)) {
      let group = this.groups.get(entry.group);
      if (!group) this.groups.set(entry.group, (group = new Map()));
      group.set(entry.id, entry);
      evictFrom(group, this.options.maxPerGroup(entry.group));
    }
    while (this.byId.size > (this.options.maxTotal ?? Infinity)) {
      const oldest = this.byId.keys().next().value as string;
      this.delete(oldest);
      evicted.push(oldest);
    }
    return evicted;
  }

  get(id: string, now = Date.now()): StoredEntry<T> | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(id);
      return undefined;
    }
    return entry;
  }

  delete(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    const ns = this.namespaces.get(entry.ns)!;
    // The maps first: whatever the index does, eviction (a loop on the LRU's size) always makes progress.
    ns.lru.delete(id);
    if (ns.lru.size === 0) this.namespaces.delete(entry.ns);
    ns.index.remove(id);
    if (entry.group !== undefined) {
      const group = this.groups.get(entry.group);
      group?.delete(id);
      if (group?.size === 0) this.groups.delete(entry.group);
    }
    return true;
  }

  /**
   * Moves the entries of group `from` that `belongs` picks into group `to` and applies `to`'s bound; returns the ids
   * evicted to keep it.
   */
  regroup(from: string, to: string, belongs: (entry: StoredEntry<T>) => boolean): string[] {
    const source = this.groups.get(from);
    if (!source) return [];
    let target = this.groups.get(to);
    if (!target) this.groups.set(to, (target = new Map()));
    for (const [id, entry] of source) {
      if (!belongs(entry)) continue;
      source.delete(id);
      entry.group = to;
      target.set(id, entry);
    }
    if (source.size === 0) this.groups.delete(from);
    const evicted: string[] = [];
    const max = this.options.maxPerGroup?.(to) ?? Infinity;
    while (target.size > max) {
      const oldest = target.keys().next().value as string;
      this.delete(oldest);
      evicted.push(oldest);
    }
    if (target.size === 0) this.groups.delete(to);
    return evicted;
  }

  /** Marks an entry as just used, so LRU eviction takes it last. */
  touch(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    const lru = this.namespaces.get(entry.ns)!.lru;
    lru.delete(id);
    lru.set(id, entry);
    this.byId.delete(id);
    this.byId.set(id, entry);
    const group = entry.group === undefined ? undefined : this.groups.get(entry.group);
    if (group?.delete(id)) group.set(id, entry);
  }

  /** The k nearest live entries of a namespace, best first. */
  search(ns: string, vector: Float32Array, k: number, now = Date.now()): Array<{ entry: StoredEntry<T>; score: number }> {
    const space = this.namespaces.get(ns);
    if (!space) return [];
    const out: Array<{ entry: StoredEntry<T>; score: number }> = [];
    for (const { id, score } of space.index.search(vector, k)) {
      const entry = this.get(id, now);
      if (entry) out.push({ entry, score });
    }
    return out;
  }

  /** Removes every expired entry; returns how many. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const [id, entry] of this.byId) {
      if (entry.expiresAt <= now) {
        this.delete(id);
        removed++;
      }
    }
    return removed;
  }

  clear(): void {
    this.namespaces.clear();
    this.byId.clear();
    this.groups.clear();
  }
}
