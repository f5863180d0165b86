import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../../core/logger';
import { MAX_HELD_BYTES } from '../trace-queue';
import { BodyLimit } from './body-limit';

const log = createLogger('langfuse-tracing');

/** Statuses worth sending the same spans again for (Langfuse's own SDKs retry these and network errors). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 60_000;

/**
 * Every span goes through a bounded buffer and leaves in batches of at most `maxBatch`:
 * - a network error, a timeout, 429 or 5xx keeps the batch and waits (1 s, doubling up to 60 s)
 *   before the next try, so an outage costs one request per wait, not one per flush tick;
 * - 413 (a proxy's body limit, which counts bytes) caps later batches at half the refused one's size, estimated from
 *   the spans' text, and tries again; a larger cap is tried after 50 exports under the smaller one; a single span still
 *   too large is dropped;
 * - any other refusal (400, 401, 403, a redirect) drops the batch, which resending cannot fix.
 * Beyond the bound, in spans or in bytes (64 MB: spans carry prompts and answers), the oldest spans are dropped. Every drop is counted. Langfuse upserts on span
 * ids, so a span that was in fact received twice is stored once.
 */
export class RetryingExporter implements SpanExporter {
  private pending: ReadableSpan[] = [];
  private inFlight: Promise<void> | undefined;
  private failures = 0;
  private notBefore = 0;
  /** Batches stay under half the estimated size of the last one a body limit (413) refused. */
  private readonly limit = new BodyLimit();
  dropped = 0;

  private readonly maxBatch: number;
  /** Each held span's estimated size (forgotten with the span), and their sum. */
  private readonly sizes = new WeakMap<ReadableSpan, number>();
  private pendingBytes = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly maxPending: number,
    maxBatch = 512,
    private readonly maxPendingBytes = MAX_HELD_BYTES,
  ) {
    this.maxBatch = Math.max(1, maxBatch);
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.keep(spans);
    // The processor need not know: the spans are the buffer's now.
    done({ code: ExportResultCode.SUCCESS });
    void this.retry();
  }

  private keep(spans: ReadableSpan[]): void {
    this.hold(spans, false);
    this.trim();
  }

  /** Beyond the bound, in spans or in bytes, the oldest go. */
  private trim(): void {
    let excess = Math.max(0, this.pending.length - this.maxPending);
    let bytes = this.pendingBytes;
    for (let i = 0; i < excess; i++) bytes -= this.sizeOf(this.pending[i]!);
    while (excess < this.pending.length - 1 && bytes > this.maxPendingBytes) bytes -= this.sizeOf(this.pending[excess++]!);
    if (excess > 0) {
      this.release(this.pending.splice(0, excess));
      this.dropped += excess;
    }
  }

  /** Spans into the buffer, at its end or (after a failed send) at its front. */
  private hold(spans: ReadableSpan[], front: boolean): void {
    for (const span of spans) {
      const bytes = this.sizes.get(span) ?? approximateBytes(span);
      this.sizes.set(span, bytes);
      this.pendingBytes += bytes;
    }
    if (front) this.pending.unshift(...spans);
    else this.pending.push(...spans);
  }

  /** Spans out of the buffer, sent or dropped. */
  private release(spans: ReadableSpan[]): void {
    for (const span of spans) this.pendingBytes -= this.sizeOf(span);
  }

  private sizeOf(span: ReadableSpan): number {
    return this.sizes.get(span) ?? 0;
  }

  /** Sends what is buffered, batch after batch, unless a send is under way or a failure asked to wait. */
  retry(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.pending.length === 0 || Date.now() < this.notBefore) return Promise.resolve();
    this.inFlight = this.sendAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async sendAll(): Promise<void> {
    while (this.pending.length > 0 && Date.now() >= this.notBefore) {
      const batch = this.takeBatch();
      this.release(batch);
      const result = await new Promise<ExportResult>((resolve) => this.inner.export(batch, resolve));
      if (result.code === ExportResultCode.SUCCESS) {
        this.failures = 0;
        this.limit.passed();
        continue;
      }
      const status = (result.error as { code?: unknown } | undefined)?.code;
      const code = typeof status === 'number' ? status : undefined;
      if (code === 413 && batch.length > 1) {
        this.hold(batch, true);
        this.limit.refused(batch.reduce((sum, span) => sum + approximateBytes(span), 0));
      } else if (code === undefined || RETRYABLE.has(code)) {
        this.hold(batch, true);
        this.trim();
        this.failures++;
        this.notBefore = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      } else {
        this.dropped += batch.length;
        log.warn('langfuse refused spans; they are dropped', { status: code, spans: batch.length });
      }
    }
  }

  /** The oldest pending spans, at most `maxBatch` of them and, one at least, within the size cap. */
  private takeBatch(): ReadableSpan[] {
    if (this.limit.bytes === Infinity) return this.pending.splice(0, this.maxBatch);
    let count = 0;
    let bytes = 0;
    while (count < this.pending.length && count < this.maxBatch) {
      bytes += approximateBytes(this.pending[count]!);
      if (count > 0 && bytes > this.limit.bytes) break;
      count++;
    }
    return this.pending.splice(0, count);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** At shutdown: one more attempt whatever the wait, then the inner exporter's own flush. */
  forceFlush(): Promise<void> {
    this.notBefore = 0;
    return this.retry().then(() => this.inner.forceFlush?.());
  }

  shutdown(): Promise<void> {
    return this.forceFlush().then(() => this.inner.shutdown());
  }
}

/** A span's size as sent, roughly: its name, its attributes' and events' text, and a fixed share for ids and times. */
function approximateBytes(span: ReadableSpan): number {
  let bytes = 200 + span.name.length;
  const add = (attributes: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(attributes ?? {})) bytes += key.length + 16 + Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value ?? ''));
  };
  add(span.attributes);
  for (const event of span.events) {
    bytes += event.name.length + 32;
    add(event.attributes);
  }
  return bytes;
}
