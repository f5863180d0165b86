import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../logger';
import type { OffThreadTask } from './task';
import type { JobMessage, JobReply } from './worker';

/**
 * Worker threads for the suite's CPU-bound reading of large prompts (PII detection, the guard's lexical layers). The
 * plugin server's one event loop serves every route: a 1 MB prompt read on it held every other request for seconds.
 * Workers start when first needed, up to the pool's size, and stay (unreferenced: an idle pool never keeps the
 * process alive); a job waits for a free one. A worker that dies fails the job it held (the plugin's on_error
 * decides) and the next job starts another.
 */
const log = createLogger('off-thread');
const WORKER_FILE = path.join(__dirname, 'worker.js');

/** Texts to read of at least this many characters, together, are read off the event loop. */
export function offThreadAbove(): number {
  const raw = process.env.AI_SUITE_OFF_THREAD_CHARS?.trim();
  const fromEnv = raw ? Number(raw) : NaN;
  return Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : 16_384;
}

export function defaultOffThreadWorkers(): number {
  const fromEnv = Number(process.env.AI_SUITE_OFF_THREAD_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/** A task's setup, named by a digest of its contents: a worker prepares it once and is sent it only when it lacks it. */
export interface PreparedSetup<Setup> {
  key: string;
  setup: Setup;
}

export function preparedSetup<Setup>(task: OffThreadTask<Setup, never, unknown>, setup: Setup): PreparedSetup<Setup> {
  const key = createHash('sha256').update(task.file).update('\0').update(JSON.stringify(setup) ?? '').digest('base64');
  return { key, setup };
}

interface Job {
  message: JobMessage;
  resolve(output: unknown): void;
  reject(error: Error): void;
  setup: unknown;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** The setups this worker holds (or is sent with its current job). */
  keys: Set<string>;
}

export class OffThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number = defaultOffThreadWorkers()) {}

  run<Setup, Input, Output>(task: OffThreadTask<Setup, Input, Output>, prepared: PreparedSetup<Setup>, input: Input): Promise<Output> {
    if (this.closed) return Promise.reject(new Error('the off-thread pool is closed'));
    return new Promise<Output>((resolve, reject) => {
      const message: JobMessage = { id: this.nextId++, file: task.file, key: prepared.key, input };
      this.queue.push({ message, resolve: resolve as (output: unknown) => void, reject, setup: prepared.setup });
      this.dispatch();
    });
  }

  /** Workers running now (started lazily, at most `size`). */
  get workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the off-thread pool is closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, job: Job, withSetup = !slot.keys.has(job.message.key)): void {
    slot.job = job;
    slot.keys.add(job.message.key);
    slot.worker.ref();
    slot.worker.postMessage(withSetup ? { ...job.message, setup: job.setup } : job.message);
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE, { env: { ...process.env } });
    const slot: Slot = { worker, keys: new Set() };
    this.slots.push(slot);
    worker.on('message', (reply: JobReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.message.id) return;
      if ('needsSetup' in reply) {
        this.start(slot, job, true);
        return;
      }
      slot.job = undefined;
      worker.unref();
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.output);
      this.dispatch();
    });
    worker.on('error', (err) => log.error('off-thread worker crashed', { error: err.message }));
    worker.on('exit', (code) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      if (slot.job) {
        slot.job.reject(new Error(`off-thread worker exited (code ${code})`));
        log.warn('off-thread worker exited with a job', { code });
      }
      if (!this.closed) this.dispatch();
    });
    return slot;
  }
}

let shared: OffThreadPool | undefined;

/** The process's pool, shared by every plugin instance. */
export function offThreadPool(): OffThreadPool {
  shared ??= new OffThreadPool();
  return shared;
}
