import { TraceQueue } from '../../plugins/langfuse-tracing/trace-queue';
import { IngestionTransport, eventsOf } from '../../plugins/langfuse-tracing/transports/ingestion';
import { RetryableError } from '../../plugins/langfuse-tracing/transports/transport';
import { TraceShipper } from '../../plugins/langfuse-tracing/shipper';
import type { GatewayTrace } from '../../plugins/langfuse-tracing/trace-model';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';

function trace(n: number): GatewayTrace {
  const start = Date.parse('2026-11-24T10:00:00Z') + n;
  return {
    traceId: n.toString(16).padStart(32, '0'),
    rootSpanId: 'a'.repeat(16),
    name: 'chat',
    userId: 'alice',
    sessionId: 's1',
    tags: ['gateway'],
    metadata: { route: 'chat' },
    startTime: start,
    endTime: start + 50,
    status: 200,
    level: 'DEFAULT',
    generation: {
      id: 'b'.repeat(16),
      name: 'openai-chat',
      provider: 'openai',
      model: 'gpt-4o-mini',
      attempts: 1,
      parameters: { temperature: 0.2 },
      input: [{ role: 'user', content: 'hi' }],
      output: { role: 'assistant', content: 'hello' },
      usage: { input: 12, output: 3, total: 15, cached: 4 },
      usageEstimated: false,
      costUsd: 0.00001,
      startTime: start + 5,
      completionStartTime: start + 20,
      endTime: start + 45,
      level: 'DEFAULT',
    },
    observations: [{ id: 'c'.repeat(16), name: 'pii-scan', type: 'guardrail', time: start + 2, level: 'DEFAULT', metadata: { counts: { email: 1 } } }],
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The checks Langfuse's ingestion schema applies to the fields we send (reference §1). */
function validateEvent(e: { id: string; timestamp: string; type: string; body: Record<string, any> }): string | undefined {
  if (!e.id || e.id.length > 800) return 'bad envelope id';
  if (!ISO.test(e.timestamp)) return 'timestamp without zone';
  if (!['trace-create', 'generation-create', 'event-create', 'span-create'].includes(e.type)) return 'unknown type';
  if (e.type !== 'trace-create' && !e.body.id) return 'body.id required';
  if (e.body.level && !['DEBUG', 'DEFAULT', 'WARNING', 'ERROR'].includes(e.body.level)) return 'bad level';
  const usage = e.body.usage;
  if (usage && ![usage.input, usage.output, usage.total].every(Number.isInteger)) return 'usage must be integers';
  for (const key of ['startTime', 'endTime', 'completionStartTime']) if (e.body[key] && !ISO.test(e.body[key])) return `${key} not ISO`;
  return undefined;
}

describe('langfuse-tracing legacy batch transport against a fake /api/public/ingestion', () => {
  let server: CaptureServer;
  beforeEach(async () => {
    server = await startCaptureServer();
    server.respond = (req) => {
      const { batch } = JSON.parse(req.body.toString());
      const successes = [];
      const errors = [];
      for (const e of batch) {
        const problem = validateEvent(e);
        if (problem) errors.push({ id: e.id, status: 400, message: problem });
        else successes.push({ id: e.id, status: 201 });
      }
      return { status: 207, body: { successes, errors } };
    };
  });
  afterEach(async () => server.close());

  const transport = () => new IngestionTransport({ host: server.url, publicKey: 'pk', secretKey: 'sk', timeoutMs: 2000, environment: 'test' });

  it('sends events that pass Langfuse’s schema, with Basic auth', async () => {
    const t = transport();
    await t.deliver([trace(1), trace(2)]);
    expect(t.rejectedEvents).toBe(0);
    const request = server.received[0];
    expect(request.path).toBe('/api/public/ingestion');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('pk:sk').toString('base64')}`);
    const batch = JSON.parse(request.body.toString()).batch;
    expect(batch.map((e: { type: string }) => e.type)).toEqual(['trace-create', 'generation-create', 'event-create', 'trace-create', 'generation-create', 'event-create']);
    expect(batch[1].body).toMatchObject({ traceId: trace(1).traceId, model: 'gpt-4o-mini', usage: { input: 12, output: 3, total: 15, unit: 'TOKENS' }, completionStartTime: '2026-11-24T10:00:00.021Z' });
    // Langfuse's usage details count cached input apart from the rest.
    expect(batch[1].body.usageDetails).toEqual({ input: 8, output: 3, total: 15, input_cached_tokens: 4 });
  });

  it('treats per-event 4xx in a 207 as final, and 5xx or 429 as retryable', async () => {
    const t = transport();
    const bad = trace(3);
    bad.generation!.level = 'LOUD' as never;
    await t.deliver([bad]);
    expect(t.rejectedEvents).toBe(1);
    server.respond = () => ({ status: 503 });
    await expect(t.deliver([trace(4)])).rejects.toBeInstanceOf(RetryableError);
    server.respond = () => ({ status: 429 });
    await expect(t.deliver([trace(5)])).rejects.toBeInstanceOf(RetryableError);
    // A redirect (an http:// host moved to https) is configuration: counted, not resent forever.
    const before = t.rejectedEvents;
    server.respond = () => ({ status: 301 });
    await t.deliver([trace(7)]);
    expect(t.rejectedEvents - before).toBe(3);
  });

  it('sends again only the events Langfuse failed to process, three attempts in all, then drops and counts them', async () => {
    const poisoned = trace(20);
    // Langfuse v2 already retried this one on its side: its 500 stays.
    server.respond = (req) => {
      const { batch } = JSON.parse(req.body.toString());
      const failing = (e: { type: string; body: { traceId?: string } }) => e.type === 'generation-create' && e.body.traceId === poisoned.traceId;
      return {
        status: 207,
        body: {
          successes: batch.filter((e: never) => !failing(e)).map((e: { id: string }) => ({ id: e.id, status: 201 })),
          errors: batch.filter(failing).map((e: { id: string }) => ({ id: e.id, status: 500, message: 'Internal Server Error' })),
        },
      };
    };
    const shipper = new TraceShipper(transport(), 50, 60_000);
    const sent = () => server.received.flatMap((r) => JSON.parse(r.body.toString()).batch as Array<{ type: string; body: { id?: string; traceId?: string } }>);
    shipper.enqueue(poisoned);
    for (let i = 1; i <= 30; i++) shipper.enqueue(trace(20 + i));
    await shipper.drain();
    // The traces are Langfuse's (nothing waits in the queue), and the next attempt waits the shipper's backoff.
    expect(shipper.stats()).toMatchObject({ queued: 0, delivered: 31, droppedInTransport: 0 });
    expect(shipper.nextAttemptInMs).toBe(500);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) shipper.enqueue(trace(100 + round * 5 + i));
      await shipper.drain();
    }
    expect(sent().filter((e) => e.type === 'generation-create' && e.body.traceId === poisoned.traceId)).toHaveLength(3);
    // What Langfuse stored went once.
    expect(sent().filter((e) => e.type === 'trace-create' && e.body.id === trace(21).traceId)).toHaveLength(1);
    expect(sent().filter((e) => e.type === 'trace-create')).toHaveLength(51);
    expect(shipper.stats()).toMatchObject({ queued: 0, dropped: 0, delivered: 51, droppedInTransport: 1 });
    expect(shipper.nextAttemptInMs).toBe(60_000);
    await shipper.close();
  });

  it('sends each half of what a proxy’s body limit refused (413), caps later batches, and drops an event too large alone', async () => {
    const limit = 1024 * 1024;
    server.respond = (req) => (req.body.length > limit ? { status: 413, raw: '<html><head><title>413 Request Entity Too Large</title></head></html>' } : { status: 207, body: { successes: [], errors: [] } });
    const t = transport();
    const shipper = new TraceShipper(t, 10_000, 60_000);
    const prompted = (i: number, content: string) => ({ ...trace(i), generation: { ...trace(i).generation!, input: [{ role: 'user', content }] } });
    for (let i = 1; i <= 100; i++) shipper.enqueue(prompted(200 + i, 'x'.repeat(6000)));
    await shipper.drain();
    const accepted = () => server.received.filter((r) => r.body.length <= limit);
    const events = () => accepted().flatMap((r) => JSON.parse(r.body.toString()).batch as unknown[]);
    expect(events()).toHaveLength(300);
    expect(shipper.stats()).toMatchObject({ queued: 0, delivered: 100, droppedInTransport: 0 });
    // Later batches stay under half the refused size: no 413 again.
    const refusedBefore = server.received.length - accepted().length;
    for (let i = 1; i <= 100; i++) shipper.enqueue(prompted(400 + i, 'y'.repeat(6000)));
    await shipper.drain();
    expect(server.received.length - accepted().length).toBe(refusedBefore);
    expect(events()).toHaveLength(600);
    // One event larger than the limit alone: dropped and counted, the others of its trace delivered.
    shipper.enqueue(prompted(600, 'z'.repeat(1_100_000)));
    await shipper.drain();
    expect(shipper.stats()).toMatchObject({ delivered: 201, droppedInTransport: 1 });
    expect(events()).toHaveLength(602);
    await shipper.close();
  });

  it('waits as long as a 429’s Retry-After asks (up to a minute) before trying again', async () => {
    server.respond = () => ({ status: 429, headers: { 'retry-after': '7' } });
    await expect(transport().deliver([trace(8)])).rejects.toMatchObject({ retryAfterMs: 7000 });
    const shipper = new TraceShipper(transport(), 5, 50);
    shipper.enqueue(trace(9));
    await shipper.drain();
    expect(shipper.nextAttemptInMs).toBe(7000);
    server.respond = () => ({ status: 503, headers: { 'retry-after': '3600' } });
    await shipper.drain();
    expect(shipper.nextAttemptInMs).toBe(60_000);
    server.respond = () => ({ status: 207, body: { successes: [], errors: [] } });
    await shipper.drain();
    expect(shipper.nextAttemptInMs).toBe(50);
    expect(shipper.stats()).toMatchObject({ queued: 0, delivered: 1 });
    await shipper.close();
  });

  it('keeps traces while Langfuse is down (bounded, counting drops) and delivers them after recovery', async () => {
    server.respond = () => ({ status: 500 });
    const shipper = new TraceShipper(transport(), 5, 50);
    for (let i = 0; i < 8; i++) shipper.enqueue(trace(10 + i));
    await shipper.drain();
    expect(shipper.stats()).toMatchObject({ queued: 5, dropped: 3, delivered: 0 });
    server.respond = () => ({ status: 207, body: { successes: [], errors: [] } });
    await shipper.drain();
    expect(shipper.stats()).toMatchObject({ queued: 0, delivered: 5 });
    await shipper.close();
  });

  it('bounds what it holds in bytes too, whatever the number of traces', () => {
    const queue = new TraceQueue(10_000, 4 * 1024 * 1024);
    const prompt = 'x'.repeat(600_000);
    const heavy = (i: number) => {
      const t = trace(i);
      return { ...t, input: prompt, generation: { ...t.generation!, input: prompt } };
    };
    for (let i = 0; i < 20; i++) queue.push(heavy(i));
    // Six of 600 KB fit in 4 MB (the root's input counted once, though the generation shares it); the rest are dropped.
    expect(queue.size).toBe(6);
    expect(queue.dropped).toBe(14);
    expect(queue.heldBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    queue.take(6);
    expect(queue.heldBytes).toBe(0);
    // Text beyond Latin-1 takes two bytes a character in memory: half as many such traces fit.
    const wide = new TraceQueue(10_000, 4 * 1024 * 1024);
    const kanji = '漢'.repeat(600_000);
    for (let i = 0; i < 10; i++) wide.push({ ...trace(i), input: kanji, generation: { ...trace(i).generation!, input: kanji } });
    expect(wide.size).toBe(3);
  });

  it('splits batches above 3.5 MB', async () => {
    const big = Array.from({ length: 6 }, (_, i) => {
      const t = trace(100 + i);
      t.generation!.input = 'x'.repeat(1_000_000);
      return t;
    });
    await transport().deliver(big);
    expect(server.received.length).toBeGreaterThanOrEqual(2);
    for (const r of server.received) expect(r.body.length).toBeLessThanOrEqual(3.5 * 1024 * 1024);
  });

  it('sends prompt-cache writes as Langfuse prices them: five-minute and one-hour writes apart, no total besides', () => {
    const t = trace(9);
    t.generation!.usage = { input: 5310, output: 2, total: 5312, cached: 300, cacheCreation: 5000, cacheCreation1h: 4000 };
    const generation = eventsOf(t).find((e) => e.type === 'generation-create')!;
    expect(generation.body.usageDetails).toEqual({ input: 10, output: 2, total: 5312, input_cached_tokens: 300, input_cache_creation_5m: 1000, input_cache_creation_1h: 4000 });
    // Writes of unknown lifetime are the five-minute cache's (Anthropic's default).
    t.generation!.usage = { input: 5010, output: 2, total: 5012, cacheCreation: 5000 };
    expect(eventsOf(t).find((e) => e.type === 'generation-create')!.body.usageDetails).toEqual({ input: 10, output: 2, total: 5012, input_cache_creation_5m: 5000 });
  });

  it('never sends a trace id that is not 32 hex', () => {
    for (const e of eventsOf(trace(7))) if (e.body.traceId) expect(e.body.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
