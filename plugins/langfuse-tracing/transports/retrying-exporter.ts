import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../../core/logger';

const log = createLogger('langfuse-tracing');

/** Statuses worth sending the same spans again for (Langfuse's own SDKs retry these and network errors). */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 60_000;
/** Successful exports at the size cap before a larger batch is tried again (one large trace must not shrink batches for good). */
const CAP_PROBE_AFTER = 50;

/**
 * Every span goes through a bounded buffer and leaves in batches of at most `maxBatch`:
 * - a network error, a timeout, 429 or 5xx keeps the batch and waits (1 s, doubling up to 60 s)
 *   before the next try, so an outage costs one request per wait, not one per flush tick;
 * - 413 (a proxy's body limit) halves the batch size and tries again (a larger size is tried again
 *   after 50 exports at the smaller one); a single span still too large is dropped;
 * - any other refusal (400, 401, 403, a redirect) drops the batch, which resending cannot fix.
 * Beyond the bound the oldest spans are dropped. Every drop is counted. Langfuse upserts on span
 * ids, so a span that was in fact received twice is stored once.
 */
export class RetryingExporter implements SpanExporter {
  private pending: ReadableSpan[] = [];
  private inFlight: Promise<void> | undefined;
  private failures = 0;
  private notBefore = 0;
  private batchSize: number;
  /** Batches stay at or below what a body limit (413) let through; after a run of successes the cap is tried higher. */
  private sizeCap: number;
  private successesAtCap = 0;
  dropped = 0;

  constructor(private readonly inner: SpanExporter, private readonly maxPending: number, private readonly maxBatch = 512) {
    this.batchSize = maxBatch;
    this.sizeCap = maxBatch;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.keep(spans);
    // The processor need not know: the spans are the buffer's now.
    done({ code: ExportResultCode.SUCCESS });
    void this.retry();
  }

  private keep(spans: ReadableSpan[]): void {
    this.pending.push(...spans);
    const excess = this.pending.length - this.maxPending;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.dropped += excess;
    }
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
      const batch = this.pending.splice(0, this.batchSize);
      const result = await new Promise<ExportResult>((resolve) => this.inner.export(batch, resolve));
      if (result.code === ExportResultCode.SUCCESS) {
        this.failures = 0;
        if (this.batchSize >= this.sizeCap && ++this.successesAtCap >= CAP_PROBE_AFTER && this.sizeCap < this.maxBatch) {
          this.sizeCap = Math.min(this.maxBatch, this.sizeCap * 2);
          this.successesAtCap = 0;
        }
        this.batchSize = Math.min(this.sizeCap, this.batchSize * 2);
        continue;
      }
      const status = (result.error as { code?: unknown } | undefined)?.code;
      const code = typeof status === 'number' ? status : undefined;
      if (code === 413 && batch.length > 1) {
        this.pending.unshift(...batch);
        this.batchSize = Math.max(1, Math.floor(batch.length / 2));
        this.sizeCap = this.batchSize;
        this.successesAtCap = 0;
      } else if (code === undefined || RETRYABLE.has(code)) {
        this.pending.unshift(...batch);
        this.failures++;
        this.notBefore = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      } else {
        this.dropped += batch.length;
        log.warn('langfuse refused spans; they are dropped', { status: code, spans: batch.length });
      }
    }
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
