import { performance } from 'node:perf_hooks';
import { contexts } from '../plugins/core/request-context';
import { PLAN_KEY, RESULT_KEY } from '../plugins/core/bridge/plan';
import { recordDecision } from '../plugins/core/decisions';
import { TraceShipper } from '../plugins/langfuse-tracing/shipper';
import { buildTrace } from '../plugins/langfuse-tracing/trace-model';
import { OtelTransport } from '../plugins/langfuse-tracing/transports/otel';
import { startCaptureServer } from '../test/support/capture-server';
import { quantile, round } from './stats';
import type { Figures } from './report';

/**
 * Group `tracing`: what the log phase does besides its one PDK call (build the
 * trace from the request context and enqueue it), how many spans per second the
 * OpenTelemetry export sustains against a local receiver, and the process's
 * memory after a minute of traffic while the endpoint hangs.
 */
function sampleContext() {
  const ctx = contexts.create();
  ctx.set(PLAN_KEY, {
    routeType: 'llm/v1/chat',
    request: { temperature: 0.2, messages: [{ role: 'user', content: 'x'.repeat(2000) }] },
    stream: false,
    includeUsage: false,
    targets: [],
    balancer: {},
    startedAt: performance.now() - 50,
  });
  ctx.set(RESULT_KEY, {
    status: 200,
    provider: 'openai',
    model: 'gpt-4o-mini',
    usage: { prompt_tokens: 500, completion_tokens: 100, total_tokens: 600 },
    usageEstimated: false,
    costUsd: 0.0001,
    ttftMs: 20,
    durationMs: 45,
    attempts: 1,
    streamed: false,
    complete: true,
    truncated: false,
    response: { choices: [{ message: { role: 'assistant', content: 'y'.repeat(500) } }] },
  });
  recordDecision(ctx, { plugin: 'pii-sanitizer', name: 'pii-scan', data: { counts: { email: 1 } } });
  return ctx;
}

const identity = { traceId: 'f'.repeat(32), name: 'chat', tags: ['bench'], metadata: { route: 'chat' } };

export async function benchTracing(): Promise<Figures> {
  const figures: Figures = {};
  const receiver = await startCaptureServer();
  const otel = new OtelTransport({ host: receiver.url, publicKey: 'pk', secretKey: 'sk', timeoutMs: 5000, flushIntervalMs: 200, protocol: 'http/protobuf' });
  const shipper = new TraceShipper(otel, 10_000, 100);
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const ctx = sampleContext();
    const started = performance.now();
    shipper.enqueue(buildTrace(ctx, identity, { status: 200, logPayloads: true }));
    samples.push(performance.now() - started);
    ctx.end();
  }
  figures.log_phase_added_ms_p50 = round(quantile(samples, 0.5), 4);
  figures.log_phase_added_ms_p99 = round(quantile(samples, 0.99), 4);

  const exportStart = performance.now();
  await shipper.drain();
  await otel.flush();
  const spans = 3000 * 3;
  figures.spans_per_s = Math.round(spans / ((performance.now() - exportStart) / 1000));
  await shipper.close();

  // Endpoint down: the receiver never answers; traffic keeps coming for the given time.
  receiver.respond = () => 'hang';
  const down = new TraceShipper(new OtelTransport({ host: receiver.url, publicKey: 'pk', secretKey: 'sk', timeoutMs: 1000, flushIntervalMs: 200, protocol: 'http/protobuf' }), 10_000, 100);
  const until = Date.now() + Number(process.env.BENCH_TRACING_DOWN_S ?? 60) * 1000;
  let sent = 0;
  while (Date.now() < until) {
    for (let i = 0; i < 100; i++) {
      const ctx = sampleContext();
      down.enqueue(buildTrace(ctx, identity, { status: 200, logPayloads: true }));
      ctx.end();
      sent++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  global.gc?.();
  figures.rss_mb_endpoint_down = round(process.memoryUsage().rss / 2 ** 20, 1);
  figures.traces_sent_endpoint_down = sent;
  figures.traces_dropped_endpoint_down = down.stats().dropped;
  await Promise.race([down.close(), new Promise((r) => setTimeout(r, 3000))]);
  await receiver.close();
  return figures;
}
