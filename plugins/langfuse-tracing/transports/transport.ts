import type { GatewayTrace, GenerationUsage } from '../trace-model';

/** Where traces go. `deliver` throws a RetryableError when the batch should be tried again later. */
export interface TraceTransport {
  deliver(traces: GatewayTrace[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Spans or events given up inside the transport (refused, too large, beyond its buffer). */
  readonly dropped: number;
}

/** A delivery to try again later: no sooner than `retryAfterMs` when Langfuse said how long to wait. */
export class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * The traces were taken, but the transport holds some of their events to send again (Langfuse failed to process
 * them): the shipper counts them delivered, queues nothing again, and waits before its next delivery.
 */
export class PartlyDelivered extends RetryableError {}

/** Where a Langfuse project is and how to authenticate to it. */
export interface LangfuseDestination {
  host: string;
  publicKey: string;
  secretKey: string;
  environment?: string;
  release?: string;
  timeoutMs: number;
}

export function basicAuth(publicKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Langfuse refuses an event over 4.5 MB (and asks for batches ≤ 3.5 MB): a prompt or answer is kept to 1 MB, as its SDKs do. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** The value, or its JSON cut to `maxBytes` (1 MB) with a note of what was left out. */
export function capped(value: unknown, maxBytes = MAX_PAYLOAD_BYTES): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined || Buffer.byteLength(text) <= maxBytes ? value : cut(text, maxBytes);
}

/** What `capped` gives, as JSON, stringifying the value once. */
export function cappedJson(value: unknown, maxBytes = MAX_PAYLOAD_BYTES): string | undefined {
  const text = JSON.stringify(value);
  return text === undefined || Buffer.byteLength(text) <= maxBytes ? text : JSON.stringify(cut(text, maxBytes));
}

function cut(text: string, maxBytes: number): string {
  const kept = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
  return `${kept}… [truncated: ${Buffer.byteLength(text) - Buffer.byteLength(kept)} more bytes]`;
}

/**
 * Token counts as Langfuse's usage details name them: `input` without the cached part (`input_cached_tokens`) nor the
 * prompt-cache writes, which Langfuse prices by how long they live (Claude: 1.25x input for five minutes, 2x for an
 * hour) as `input_cache_creation_5m` and `input_cache_creation_1h`. Langfuse prices every key it is sent and adds them
 * up, so the writes' total (`input_cache_creation`, priced at the five-minute rate) is not sent besides.
 */
export function usageDetails(usage: GenerationUsage): Record<string, number> {
  const cached = usage.cached ?? 0;
  const written = usage.cacheCreation ?? 0;
  const hour = Math.min(written, usage.cacheCreation1h ?? 0);
  return {
    input: usage.input - cached - written,
    output: usage.output,
    total: usage.total,
    ...(cached ? { input_cached_tokens: cached } : {}),
    ...(written > hour ? { input_cache_creation_5m: written - hour } : {}),
    ...(hour ? { input_cache_creation_1h: hour } : {}),
  };
}
