import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../logger';
import type { LocalEngineSpec } from './engines/local-engines';

/**
 * Worker threads that each hold one copy of a local model. Embedding never runs
 * on the plugin server's event loop. A worker that dies is replaced, and the
 * batch it held fails (the caller degrades: a cache miss, a guard error).
 */
const log = createLogger('embeddings');
const WORKER_FILE = path.join(__dirname, 'worker.js');

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Handed to a caller (set synchronously, so two callers never get the same worker). */
  taken: boolean;
  busy?: { id: number; resolve(v: Float32Array[]): void; reject(e: Error): void };
}

export function defaultPoolSize(): number {
  const fromEnv = Number(process.env.AI_SUITE_EMBED_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const cores = os.availableParallelism();
  // The plugin server's event loop needs little CPU next to the model (measured on 2 cores: two
  // workers double the saturation throughput); more than 4 copies of a model rarely pays.
  return Math.max(1, Math.min(4, Math.max(2, cores - 1)));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** Some worker has loaded the model. */
  private loaded = false;
  private readonly readyPromise: Promise<void>;
  private readyWaiters: { resolve(): void; reject(e: Error): void } | undefined;
  private readonly idleWaiters: Array<(slot: Slot) => void> = [];
  /** What runs the model in the workers (for example onnxruntime), once one is ready. */
  runtime: string | undefined;

  constructor(
    private readonly spec: LocalEngineSpec,
    readonly size: number,
  ) {
    this.readyPromise = new Promise((resolve, reject) => {
      this.readyWaiters = { resolve, reject };
    });
    this.readyPromise.catch(() => undefined);
    for (let i = 0; i < size; i++) this.spawn();
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  async run(texts: string[]): Promise<Float32Array[]> {
    await this.readyPromise;
    const slot = await this.idleSlot();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      slot.busy = { id, resolve, reject };
      slot.worker.ref();
      slot.worker.postMessage({ type: 'batch', id, texts });
    });
  }

  /**
   * Asks every worker to leave once its native call (loading, embedding) is over,
   * and terminates only one that has not left after `graceMs`.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async ({ worker }) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ type: 'close' });
        let timer: NodeJS.Timeout | undefined;
        const forced = new Promise<void>((resolve) => {
          timer = setTimeout(() => void worker.terminate().then(() => resolve(), () => resolve()), graceMs);
        });
        await Promise.race([exited, forced]);
        clearTimeout(timer);
      }),
    );
  }

  private idleSlot(): Promise<Slot> {
    const idle = this.slots.find((s) => s.ready && !s.taken);
    if (idle) {
      idle.taken = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private release(slot: Slot): void {
    slot.busy = undefined;
    slot.taken = false;
    slot.worker.unref();
    const waiter = this.idleWaiters.shift();
    if (waiter) {
      slot.taken = true;
      waiter(slot);
    }
  }

  private spawn(): void {
    // The worker starts from this module's view of the environment (settings such as AI_SUITE_EMBED_RUNTIME).
    const worker = new Worker(WORKER_FILE, { workerData: this.spec, env: { ...process.env } });
    // Referenced only while loading or working: an idle pool never keeps the process alive.
    const slot: Slot = { worker, ready: false, taken: false };
    this.slots.push(slot);
    worker.on('message', (msg: { type: string; id?: number; vectors?: Float32Array[]; message?: string; runtime?: string }) => {
      if (msg.type === 'ready') {
        if (this.runtime === undefined && msg.runtime) log.info('embedding engine ready', { engine: this.spec.engine, runtime: msg.runtime, workers: this.size });
        this.runtime ??= msg.runtime;
        this.loaded = true;
        slot.ready = true;
        this.readyWaiters?.resolve();
        this.release(slot);
      } else if (msg.type === 'failed') {
        log.error('embedding engine failed to load', { engine: this.spec.engine, error: msg.message });
        // A model no worker could load will not load: the pool refuses. One that others loaded (a worker started
        // again after a crash, short of memory) is tried again by the exit handler, so the pool never dwindles to none.
        if (!this.loaded) {
          this.readyWaiters?.reject(new Error(`embedding engine ${this.spec.engine} failed to load: ${msg.message}`));
          this.closed = true;
        }
        void worker.terminate();
      } else if (slot.busy && msg.id === slot.busy.id) {
        const { resolve, reject } = slot.busy;
        if (msg.type === 'result') resolve(msg.vectors!);
        else reject(new Error(`embedding failed: ${msg.message}`));
        this.release(slot);
      }
    });
    worker.on('error', (err) => log.error('embedding worker crashed', { error: err.message }));
    worker.on('exit', () => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      slot.busy?.reject(new Error('embedding worker exited'));
      if (!this.closed) {
        log.warn('embedding worker exited; starting another', { engine: this.spec.engine });
        setTimeout(() => this.spawn(), 200).unref();
      }
    });
  }
}
