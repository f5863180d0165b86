import type { GatewayTrace } from './trace-model';

/** What the held traces may weigh together, whatever their number: 600 KB prompts would otherwise hold gigabytes. */
export const MAX_HELD_BYTES = 64 * 1024 * 1024;

/**
 * The only thing the request path touches: a queue bounded in traces and in bytes. When Langfuse is slow or down and
 * the queue is full, new traces are dropped and counted, so memory stays bounded and no request ever waits for tracing.
 */
export class TraceQueue {
  private items: Array<{ trace: GatewayTrace; bytes: number }> = [];
  private bytes = 0;
  dropped = 0;
  accepted = 0;

  constructor(
    private readonly max: number,
    private readonly maxBytes = MAX_HELD_BYTES,
  ) {}

  push(trace: GatewayTrace): void {
    const bytes = traceBytes(trace);
    if (this.items.length >= this.max || this.bytes + bytes > this.maxBytes) {
      this.dropped++;
      return;
    }
    this.accepted++;
    this.items.push({ trace, bytes });
    this.bytes += bytes;
  }

  take(n: number): GatewayTrace[] {
    const taken = this.items.splice(0, n);
    for (const item of taken) this.bytes -= item.bytes;
    return taken.map((item) => item.trace);
  }

  /** Puts traces back at the front after a failed delivery, within the bounds. */
  unshift(traces: GatewayTrace[]): void {
    const kept: Array<{ trace: GatewayTrace; bytes: number }> = [];
    for (const trace of traces) {
      const bytes = traceBytes(trace);
      if (this.items.length + kept.length >= this.max || this.bytes + bytes > this.maxBytes) {
        this.dropped++;
        continue;
      }
      kept.push({ trace, bytes });
      this.bytes += bytes;
    }
    this.items = [...kept, ...this.items];
  }

  get size(): number {
    return this.items.length;
  }

  get heldBytes(): number {
    return this.bytes;
  }
}

/**
 * A trace's weight, roughly: its prompts' and answers' text as memory holds it (walked, not serialised, on the request
 * path), each once (the root and the generation share theirs).
 */
export function traceBytes(trace: GatewayTrace): number {
  const payloads = new Set([trace.input, trace.output, trace.generation?.input, trace.generation?.output]);
  let sum = 2048;
  for (const payload of payloads) sum += textBytes(payload);
  return sum;
}

function textBytes(value: unknown, depth = 0): number {
  // A string holds a byte a character, two once one character is beyond Latin-1 ("漢").
  if (typeof value === 'string') return /[^\x00-\xff]/.test(value) ? value.length * 2 : value.length;
  if (value === null || typeof value !== 'object' || depth > 32) return 8;
  let sum = 16;
  for (const inner of Array.isArray(value) ? value : Object.values(value)) sum += textBytes(inner, depth + 1);
  return sum;
}
