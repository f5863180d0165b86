import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Keeps the spans of failed exports (Langfuse down, hanging or answering 5xx) in a
 * bounded buffer and sends them again with the next export, or on `retry()`, so
 * traces written during an outage arrive once Langfuse is back, up to the bound.
 * Beyond the bound the oldest spans are dropped and counted. Langfuse upserts on
 * span ids, so a span that was in fact received twice is stored once.
 */
export class RetryingExporter implements SpanExporter {
  private pending: ReadableSpan[] = [];
  private inFlight = false;
  dropped = 0;

  constructor(private readonly inner: SpanExporter, private readonly maxPending: number) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const batch = [...this.pending.splice(0), ...spans];
    this.inFlight = true;
    this.inner.export(batch, (result) => {
      this.inFlight = false;
      if (result.code !== ExportResultCode.SUCCESS) this.keep(batch);
      // The processor need not know: the spans are kept here for the next attempt.
      done({ code: ExportResultCode.SUCCESS });
    });
  }

  private keep(spans: ReadableSpan[]): void {
    this.pending.push(...spans);
    const excess = this.pending.length - this.maxPending;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Sends what failed before, when no other export is under way. */
  retry(): Promise<void> {
    if (this.inFlight || this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.export([], () => resolve()));
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  forceFlush(): Promise<void> {
    return this.retry().then(() => this.inner.forceFlush?.());
  }

  shutdown(): Promise<void> {
    return this.retry().then(() => this.inner.shutdown());
  }
}
