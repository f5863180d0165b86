import { TraceShipper } from '../../plugins/langfuse-tracing/shipper';
import { OtelTransport } from '../../plugins/langfuse-tracing/transports/otel';
import type { GatewayTrace } from '../../plugins/langfuse-tracing/trace-model';

/**
 * Run as its own process (OpenTelemetry's HTTP exporter loads node:http with a dynamic import(), which jest's VM
 * refuses): ships `count` traces of six spans each, as the six-plugin chain makes them, to the Langfuse at `host` in one
 * burst, and prints the shipper's counts as JSON once everything is handed over and flushed.
 */
function trace(n: number): GatewayTrace {
  const start = Date.parse('2026-11-24T10:00:00Z') + n;
  const hex = (width: number, tail = '') => (n + 1).toString(16).padStart(width - tail.length, '0') + tail;
  return {
    traceId: hex(32),
    rootSpanId: hex(16),
    name: 'chat',
    tags: [],
    metadata: {},
    startTime: start,
    endTime: start + 50,
    status: 200,
    level: 'DEFAULT',
    generation: {
      id: hex(16, 'f'),
      name: 'openai-chat',
      provider: 'openai',
      model: 'gpt-4o-mini',
      attempts: 1,
      parameters: {},
      input: [{ role: 'user', content: `question ${n}` }],
      output: { role: 'assistant', content: `answer ${n}` },
      usage: { input: 12, output: 3, total: 15 },
      usageEstimated: false,
      costUsd: 0.00001,
      startTime: start + 5,
      endTime: start + 45,
      level: 'DEFAULT',
    },
    observations: [0, 1, 2, 3].map((i) => ({ id: hex(16, `e${i}`), name: `decision-${i}`, type: 'guardrail', time: start + i, level: 'DEFAULT', metadata: {} })),
  } as GatewayTrace;
}

async function main(): Promise<void> {
  const [host, count] = [process.argv[2]!, Number(process.argv[3])];
  const transport = new OtelTransport({ host, publicKey: 'pk', secretKey: 'sk', timeoutMs: 10_000, flushIntervalMs: 1000, protocol: 'http/protobuf', environment: 'test' });
  const shipper = new TraceShipper(transport, 100_000, 100_000);
  for (let n = 0; n < count; n++) shipper.enqueue(trace(n));
  await shipper.drain();
  await transport.flush();
  process.stdout.write(`${JSON.stringify(shipper.stats())}\n`);
  await shipper.close();
}

void main();
