import { randomUUID } from 'node:crypto';
import { createLogger } from './logger';

/**
 * Per-request state shared by the suite's plugins inside the one process.
 *
 * Kong gives every request a `kong.ctx.shared` table, but each read costs a socket
 * round trip and values round-trip through MessagePack. So the first suite plugin
 * that runs stores one id there, and everything else (parsed body, decisions,
 * timings) lives here, in memory, found by that id.
 */
export interface PhaseTiming {
  plugin: string;
  phase: string;
  ms: number;
}

const log = createLogger('suite');

export class RequestContext {
  readonly id: string;
  readonly createdAt = Date.now();
  /** Anything a plugin wants to hand to the ones after it, keyed by plugin or topic. */
  readonly data = new Map<string, unknown>();
  /** Fields for Kong's log serializer, also read by tracing. */
  readonly logFields: Record<string, unknown> = {};
  readonly timings: PhaseTiming[] = [];
  /** Set once a plugin answered the client with `kong.response.exit`. */
  exited = false;
  /** Parties (plugins with a log phase, the bridge) that still need this context. */
  private readonly holds = new Set<string>();
  private ended = false;
  /** Requests the bridge is serving for it now. */
  private pins = 0;
  /** When the bridge last finished serving it (its creation before): the TTL counts from there. */
  private activeAt = this.createdAt;
  private readonly endListeners: Array<(ctx: RequestContext) => void> = [];

  constructor(id: string, private readonly onEnd: (ctx: RequestContext) => void) {
    this.id = id;
  }

  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  hold(party: string): void {
    if (!this.ended) this.holds.add(party);
  }

  /** The context ends when its last holder lets go (or on the store's TTL). */
  release(party: string): void {
    this.holds.delete(party);
    if (this.holds.size === 0) this.end();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Whether a party (a plugin with a log phase, the bridge) still needs it after the access phases. */
  get isHeld(): boolean {
    return this.holds.size > 0;
  }

  /**
   * The bridge serves the request now: the TTL does not evict the context, and the capacity bound only once every
   * live context is pinned. Ended meanwhile, its end listeners wait for `unpin`: the bridge still writes to it.
   */
  pin(): void {
    this.pins++;
  }

  unpin(): void {
    this.pins = Math.max(0, this.pins - 1);
    this.activeAt = Date.now();
    if (this.pins === 0 && this.ended) this.notifyEnd();
  }

  get isPinned(): boolean {
    return this.pins > 0;
  }

  /** How long since the context was created or the bridge last finished serving it. */
  idleMs(now: number): number {
    return now - this.activeAt;
  }

  /** Runs once the context ends however it ends (its holders done, or evicted), and the bridge is done with it. */
  whenEnded(listener: (ctx: RequestContext) => void): void {
    this.endListeners.push(listener);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.holds.clear();
    this.onEnd(this);
    if (this.pins === 0) this.notifyEnd();
  }

  private notifyEnd(): void {
    for (const listener of this.endListeners.splice(0)) {
      try {
        listener(this);
      } catch (err) {
        log.error('request context end listener failed', { error: (err as Error).message });
      }
    }
  }
}

export interface ContextStoreOptions {
  /** Contexts older than this are evicted even if nobody released them. */
  ttlMs: number;
  /**
   * Contexts nobody holds are only read by the access phases that follow on the same request, which
   * run back to back: after this long they are evicted. Without it a route with no log-phase plugin
   * and no bridge (guard and sanitizer in front of any upstream) kept every request's parsed body
   * for `ttlMs`.
   */
  unheldTtlMs: number;
  /** Hard bound on live contexts; the oldest the bridge is not serving is evicted first. */
  maxEntries: number;
}

export interface ContextStoreStats {
  live: number;
  created: number;
  ended: number;
  evictedByTtl: number;
  evictedByCapacity: number;
}

export class ContextStore {
  private readonly contexts = new Map<string, RequestContext>();
  private readonly stats = { created: 0, ended: 0, evictedByTtl: 0, evictedByCapacity: 0 };
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: ContextStoreOptions) {}

  create(): RequestContext {
    while (this.contexts.size >= this.options.maxEntries) {
      this.stats.evictedByCapacity++;
      this.oldestUnpinned().end();
    }
    const ctx = new RequestContext(randomUUID(), (c) => this.forget(c));
    this.contexts.set(ctx.id, ctx);
    this.stats.created++;
    this.ensureSweeper();
    return ctx;
  }

  get(id: unknown): RequestContext | undefined {
    return typeof id === 'string' ? this.contexts.get(id) : undefined;
  }

  get size(): number {
    return this.contexts.size;
  }

  snapshot(): ContextStoreStats {
    return { live: this.contexts.size, ...this.stats };
  }

  /**
   * Evicts contexts past their TTL, and unheld ones past the shorter one, counted from their creation or from when the
   * bridge last finished serving them; never one the bridge is serving (a stream may outlast the TTL). Map order is
   * creation order, so it stops at the first context created more recently than both; others are stepped over.
   */
  sweep(now = Date.now()): void {
    const shorter = Math.min(this.options.unheldTtlMs, this.options.ttlMs);
    for (const ctx of this.contexts.values()) {
      if (now - ctx.createdAt < shorter) break;
      const idle = ctx.idleMs(now);
      if (ctx.isPinned || idle < shorter || (idle < this.options.ttlMs && ctx.isHeld)) continue;
      this.stats.evictedByTtl++;
      ctx.end();
    }
  }

  /** The oldest context the bridge is not serving, or the oldest of all when it serves every one. */
  private oldestUnpinned(): RequestContext {
    let oldest: RequestContext | undefined;
    for (const ctx of this.contexts.values()) {
      oldest ??= ctx;
      if (!ctx.isPinned) return ctx;
    }
    return oldest!;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private forget(ctx: RequestContext): void {
    if (this.contexts.delete(ctx.id)) this.stats.ended++;
  }

  private ensureSweeper(): void {
    if (this.sweeper) return;
    const every = Math.max(250, Math.min(this.options.ttlMs / 4, this.options.unheldTtlMs / 4, 30_000));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The process-wide store every plugin shares. */
export const contexts = new ContextStore({
  ttlMs: envInt('AI_SUITE_CONTEXT_TTL_MS', 10 * 60_000),
  // Longer than a chain of access phases can take (each may run up to the 30 s phase deadline).
  unheldTtlMs: envInt('AI_SUITE_CONTEXT_UNHELD_TTL_MS', 180_000),
  maxEntries: envInt('AI_SUITE_CONTEXT_MAX', 50_000),
});
