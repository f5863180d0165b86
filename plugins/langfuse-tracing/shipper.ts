import { onShutdown } from '../core/lifecycle';
import { createLogger } from '../core/logger';
import type { GatewayTrace } from './trace-model';
import { TraceQueue } from './trace-queue';
import { PartlyDelivered, RetryableError, type TraceTransport } from './transports/transport';

/**
 * Moves traces from the bounded queue to the transport on a timer, off the request
 * path. A failed delivery puts the batch back (within the bound) and backs off;
 * SIGTERM drains what is queued and flushes the transport.
 */
const log = createLogger('langfuse-tracing');
const BATCH = 100;
/** The longest wait between attempts, whatever a Retry-After asks for. */
const MAX_BACKOFF_MS = 60_000;

export class TraceShipper {
  readonly queue: TraceQueue;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  private sending = false;
  /** Traces handed to the transport (in OpenTelemetry mode the exporter may still drop spans: see stats). */
  delivered = 0;
  private undeliverable = 0;

  constructor(private readonly transport: TraceTransport, maxQueue: number, private readonly intervalMs: number) {
    this.queue = new TraceQueue(maxQueue);
    this.schedule(intervalMs);
  }

  enqueue(trace: GatewayTrace): void {
    this.queue.push(trace);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    await this.drain();
    this.schedule(this.backoffMs > 0 ? this.backoffMs : this.intervalMs);
  }

  /** Sends everything queued (nothing, when empty: the transport may resend what it holds); stops at the first retryable failure. */
  async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      do {
        if (!(await this.send(this.queue.take(BATCH)))) return;
      } while (this.queue.size > 0);
    } finally {
      this.sending = false;
    }
  }

  /** One delivery; false when the next must wait. */
  private async send(batch: GatewayTrace[]): Promise<boolean> {
    try {
      await this.transport.deliver(batch);
      this.delivered += batch.length;
      this.backoffMs = 0;
      return true;
    } catch (err) {
      if (!(err instanceof RetryableError)) {
        // Sending the same batch again would fail the same way and hold up every trace behind it.
        this.undeliverable += batch.length;
        log.error('trace delivery failed; the batch is dropped', { error: (err as Error).message, traces: batch.length });
        return true;
      }
      if (err instanceof PartlyDelivered) this.delivered += batch.length;
      else this.queue.unshift(batch);
      const doubled = Math.min(30_000, Math.max(500, this.backoffMs * 2));
      this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(doubled, err.retryAfterMs ?? 0));
      return false;
    }
  }

  /** How long the shipper waits before its next attempt. */
  get nextAttemptInMs(): number {
    return this.backoffMs > 0 ? this.backoffMs : this.intervalMs;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.drain();
    await this.transport.flush().catch(() => undefined);
    await this.transport.close().catch(() => undefined);
  }

  /** `dropped`: traces the queue could not hold or that failed for good; `droppedInTransport`: spans or events Langfuse refused or the exporter's buffer could not hold. */
  stats(): { queued: number; dropped: number; delivered: number; droppedInTransport: number } {
    return { queued: this.queue.size, dropped: this.queue.dropped + this.undeliverable, delivered: this.delivered, droppedInTransport: this.transport.dropped };
  }
}

const shippers = new Map<string, TraceShipper>();

/** One shipper per Langfuse destination in the process, shared by every instance that sends there. */
export function shipperFor(key: string, make: () => TraceShipper): TraceShipper {
  let shipper = shippers.get(key);
  if (!shipper) {
    shipper = make();
    shippers.set(key, shipper);
    const s = shipper;
    onShutdown(`langfuse:${shippers.size}`, () => s.close());
  }
  return shipper;
}
