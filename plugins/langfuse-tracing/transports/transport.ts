import type { GatewayTrace } from '../trace-model';

/** Where traces go. `deliver` throws a RetryableError when the batch should be tried again later. */
export interface TraceTransport {
  deliver(traces: GatewayTrace[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class RetryableError extends Error {}

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
