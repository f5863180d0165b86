import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AnswerRecord } from './bridge/answer-hooks';
import { onShutdown } from './lifecycle';
import { createLogger } from './logger';
import { listen } from './listen';

/**
 * The suite's own Prometheus endpoint. Kong's log plugins only see what is known
 * in the access phase; tokens, cost and timings are known when the answer ends,
 * in the bridge, which records them here.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'ai_suite_' });

const labels = ['provider', 'model', 'target', 'status'] as const;

const requests = new Counter({ name: 'ai_suite_llm_requests_total', help: 'LLM calls by outcome.', labelNames: labels, registers: [registry] });
const tokens = new Counter({
  name: 'ai_suite_llm_tokens_total',
  help: 'Tokens by kind (prompt, completion); estimated counts are labelled.',
  labelNames: ['provider', 'model', 'kind', 'estimated'],
  registers: [registry],
});
const cost = new Counter({ name: 'ai_suite_llm_cost_usd_total', help: 'Spend in USD at the configured prices.', labelNames: ['provider', 'model'], registers: [registry] });
const ttft = new Histogram({
  name: 'ai_suite_llm_time_to_first_token_seconds',
  help: 'Time to the first streamed token.',
  labelNames: ['provider', 'model'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});
const duration = new Histogram({
  name: 'ai_suite_llm_duration_seconds',
  help: 'Whole LLM call, from the first suite plugin to the last byte.',
  labelNames: ['provider', 'model'],
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
  registers: [registry],
});
const truncated = new Counter({ name: 'ai_suite_llm_truncated_streams_total', help: 'Streams the provider cut mid-answer.', labelNames: ['provider', 'model'], registers: [registry] });

export function recordAnswer(record: AnswerRecord): void {
  const who = { provider: record.provider ?? 'none', model: record.model ?? 'none' };
  requests.inc({ ...who, target: record.target ?? 'none', status: String(record.status) });
  if (record.usage) {
    const estimated = String(record.usageEstimated);
    tokens.inc({ ...who, kind: 'prompt', estimated }, record.usage.prompt_tokens);
    tokens.inc({ ...who, kind: 'completion', estimated }, record.usage.completion_tokens ?? 0);
  }
  if (record.costUsd) cost.inc(who, record.costUsd);
  if (record.ttftMs !== undefined) ttft.observe(who, record.ttftMs / 1000);
  duration.observe(who, record.durationMs / 1000);
  if (record.truncated) truncated.inc(who);
}

const log = createLogger('metrics');

/** Serves /metrics when AI_SUITE_METRICS_PORT is set (host from AI_SUITE_METRICS_HOST, default 127.0.0.1). */
export async function startMetricsEndpoint(): Promise<number | undefined> {
  const port = process.env.AI_SUITE_METRICS_PORT;
  if (!port) return undefined;
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
  });
  const host = process.env.AI_SUITE_METRICS_HOST ?? '127.0.0.1';
  const bind = () => listen(server, Number(port), host);
  onShutdown('metrics', () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));
  try {
    await bind();
  } catch (err) {
    // On `kong reload` the old suite process holds the port until Kong stops it: metrics must not
    // keep the new one from serving Kong, so it retries in the background.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    log.warn('metrics port in use, retrying every 2 s', { port });
    const retry = setInterval(() => {
      bind().then(
        () => {
          clearInterval(retry);
          log.info('metrics endpoint listening', { port: (server.address() as AddressInfo).port });
        },
        () => undefined,
      );
    }, 2000);
    retry.unref();
    onShutdown('metrics-retry', () => clearInterval(retry));
    return undefined;
  }
  const bound = (server.address() as AddressInfo).port;
  log.info('metrics endpoint listening', { port: bound });
  return bound;
}
