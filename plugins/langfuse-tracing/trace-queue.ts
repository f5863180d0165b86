import type { GatewayTrace } from './trace-model';

/**
 * The only thing the request path touches: a bounded queue. When Langfuse is slow
 * or down and the queue is full, new traces are dropped and counted, so memory
 * stays bounded and no request ever waits for tracing.
 */
export class TraceQueue {
  private items: GatewayTrace[] = [];
  dropped = 0;
  accepted = 0;

  constructor(private readonly max: number) {}

  push(trace: GatewayTrace): void {
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    this.accepted++;
    this.items.push(trace);
  }

  take(n: number): GatewayTrace[] {
    return this.items.splice(0, n);
  }

  /** Puts traces back at the front after a failed delivery, within the bound. */
  unshift(traces: GatewayTrace[]): void {
    const room = this.max - this.items.length;
    if (traces.length > room) this.dropped += traces.length - Math.max(0, room);
    this.items = [...traces.slice(0, Math.max(0, room)), ...this.items];
  }

  get size(): number {
    return this.items.length;
  }
}
