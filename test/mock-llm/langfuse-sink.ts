import type { ServerResponse } from 'node:http';

/**
 * The mock also accepts what langfuse-tracing sends (OTLP traces and the
 * ingestion API), so the example gateway runs with tracing on and no Langfuse.
 * Traces are counted and dropped; they never enter the provider-call log.
 */
export const LANGFUSE_PREFIX = '/api/public/';

let received = 0;

export function langfuseBatchesReceived(): number {
  return received;
}

export function answerLangfuse(path: string, res: ServerResponse): void {
  received++;
  if (path.startsWith('/api/public/ingestion')) {
    res.writeHead(207, { 'content-type': 'application/json' }).end(JSON.stringify({ successes: [], errors: [] }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
}
