import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse } from '../support/sse';
import { attrs, spansOf } from '../support/otlp-decode';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';

const PK = 'pk-lf-test';
const SK = 'sk-lf-secret-value';

describe.each(['http/protobuf', 'http/json'])('langfuse-tracing over OpenTelemetry, %s (local OTLP/HTTP receiver)', (protocol) => {
  let mock: MockLlm;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    langfuse = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'pii-sanitizer', 'llm-proxy'),
      declarative: {
        _format_version: '3.0',
        services: [
          {
            name: 'llm',
            url: 'http://127.0.0.1:9',
            routes: [
              {
                name: 'chat',
                paths: ['/chat'],
                plugins: [
                  { name: 'key-auth' },
                  { name: 'langfuse-tracing', config: { otlp_protocol: protocol, host: langfuse.url, public_key: PK, secret_key: SK, flush_interval_ms: 100, tags: ['gateway'], release: '1.2.3', environment: 'test' } },
                  { name: 'pii-sanitizer' },
                  { name: 'llm-proxy', config: { targets: [{ name: 'm', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mock.url, auth: { api_key: 'k' } }] } },
                ],
              },
            ],
          },
        ],
        consumers: [{ username: 'alice', keyauth_credentials: [{ key: 'alice-key' }] }],
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await mock?.close();
  });

  const ask = (text: string, extra: Record<string, unknown> = {}) =>
    fetch(`${stack.standin.url}/chat`, {
      method: 'POST',
      headers: { apikey: 'alice-key', 'content-type': 'application/json', 'x-session-id': 'sess-42' },
      body: JSON.stringify({ model: 'x', temperature: 0.3, messages: [{ role: 'user', content: text }], ...extra }),
    });

  it('exports one trace per request with identity, generation, usage, cost and decisions', async () => {
    const res = await ask('Email me at jane@corp-example.com');
    expect(res.status).toBe(200);
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await res.text();
    const spans = await waitFor(() => {
      const s = spansOf(langfuse.received).filter((x) => x.traceId === traceId);
      return s.length >= 3 ? s : undefined;
    });
    const request = langfuse.received.find((r) => r.path === '/api/public/otel/v1/traces')!;
    expect(String(request.headers['content-type'])).toContain(protocol === 'http/json' ? 'json' : 'protobuf');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${PK}:${SK}`).toString('base64')}`);

    const root = spans.find((s) => attrs(s)['langfuse.internal.as_root'] === true)!;
    expect(attrs(root)).toMatchObject({
      'langfuse.trace.name': 'chat',
      'user.id': 'alice',
      'session.id': 'sess-42',
      'langfuse.environment': 'test',
      'langfuse.release': '1.2.3',
    });
    expect(attrs(root)['langfuse.trace.tags']).toEqual(['gateway']);

    const generation = spans.find((s) => attrs(s)['langfuse.observation.type'] === 'generation')!;
    const g = attrs(generation);
    expect(generation.parentSpanId).toBe(root.spanId);
    expect(g['langfuse.observation.model.name']).toBe('gpt-4o-mini');
    expect(JSON.parse(String(g['langfuse.observation.model.parameters']))).toMatchObject({ temperature: 0.3 });
    const usage = JSON.parse(String(g['langfuse.observation.usage_details']));
    expect(usage.input).toBeGreaterThan(0);
    expect(usage.total).toBe(usage.input + usage.output);
    expect(JSON.parse(String(g['langfuse.observation.cost_details'])).total).toBeGreaterThan(0);
    // The sanitized prompt, never the original value.
    expect(String(g['langfuse.observation.input'])).toContain('[EMAIL_1]');
    expect(JSON.stringify(spans)).not.toContain('jane@corp-example.com');

    const guard = spans.find((s) => attrs(s)['langfuse.observation.type'] === 'guardrail')!;
    expect(JSON.parse(String(attrs(guard)['langfuse.observation.metadata']))).toMatchObject({ plugin: 'pii-sanitizer', counts: { email: 1 } });
  });

  it('records time to first token for streamed answers', async () => {
    const res = await ask('Stream this [[mock:ttft=150,tokens=5]]', { stream: true });
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    await readSse(res);
    const generation = await waitFor(() =>
      spansOf(langfuse.received).find((s) => s.traceId === traceId && attrs(s)['langfuse.observation.type'] === 'generation'),
    );
    const completionStart = Date.parse(String(attrs(generation)['langfuse.observation.completion_start_time']));
    const start = Number(BigInt(generation.startTimeUnixNano) / 1_000_000n);
    expect(completionStart - start).toBeGreaterThanOrEqual(140);
    expect(Number(BigInt(generation.endTimeUnixNano) / 1_000_000n)).toBeGreaterThanOrEqual(completionStart);
  });

  it('adds no latency while Langfuse hangs, and delivers the queued traces once it is back', async () => {
    const timed = async (n: number) => {
      const times: number[] = [];
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = Date.now();
        const res = await ask(`latency probe ${i}`);
        await res.text();
        times.push(Date.now() - t);
        ids.push(res.headers.get('x-langfuse-trace-id')!);
      }
      return { median: times.sort((a, b) => a - b)[Math.floor(n / 2)], ids };
    };
    const healthy = await timed(15);
    langfuse.respond = () => 'hang';
    const hanging = await timed(15);
    // Generous bound for a noisy 2-core machine: a blocked request path would add seconds.
    expect(hanging.median).toBeLessThan(healthy.median + 50);
    langfuse.respond = () => ({ status: 200, body: {} });
    await waitFor(() => (hanging.ids.every((id) => spansOf(langfuse.received).some((s) => s.traceId === id)) ? true : undefined), 30_000);
  });

  it('marks provider failures as ERROR and keeps answering while Langfuse fails', async () => {
    langfuse.respond = () => ({ status: 503, body: { message: 'down' } });
    const started = Date.now();
    const failed = await ask('fail [[mock:fail=400]]');
    expect(failed.status).toBe(400);
    const ok = await ask('still works');
    expect(ok.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    const traceId = failed.headers.get('x-langfuse-trace-id')!;
    langfuse.respond = () => ({ status: 200, body: {} });
    const root = await waitFor(
      () => spansOf(langfuse.received).find((s) => s.traceId === traceId && attrs(s)['langfuse.internal.as_root'] === true),
      20_000,
    );
    expect(attrs(root)['langfuse.observation.level']).toBe('ERROR');
  });
});
