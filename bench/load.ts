import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';

/**
 * A closed-loop load generator: `concurrency` clients each send requests back to
 * back until `requests` are done; returns every request's latency in ms.
 */
export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A body per request instead of one for all (the n-th request gets bodyFor(n)). */
  bodyFor?: (n: number) => string;
  concurrency: number;
  requests: number;
  /** Requests sent (and discarded) before measuring. */
  warmup?: number;
}

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  seconds: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000 });
  let sent = 0;
  const once = async (): Promise<number | undefined> => {
    const body = options.bodyFor ? options.bodyFor(sent++) : options.body;
    const started = performance.now();
    try {
      const res = await request(options.url, {
        method: options.method ?? 'POST',
        headers: options.headers,
        body,
        dispatcher: agent,
        // A request that hangs counts as an error instead of stalling the benchmark.
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      await res.body.arrayBuffer();
      return res.statusCode < 400 ? performance.now() - started : undefined;
    } catch {
      return undefined;
    }
  };
  for (let i = 0; i < (options.warmup ?? 20); i++) await once();
  const latenciesMs: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const client = async () => {
    while (issued < options.requests) {
      issued++;
      const ms = await once();
      if (ms === undefined) errors++;
      else latenciesMs.push(ms);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { latenciesMs, errors, seconds };
}
