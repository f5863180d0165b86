import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf } from '../support/otlp-decode';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';

/**
 * The OpenTelemetry transport, in the suite process behind the Kong stand-in, against an endpoint
 * that answers as Langfuse (or a proxy in front of it) would: what the spans carry for Langfuse v4,
 * and what a refusal or a body limit does to the spans held for another try.
 */

describe('langfuse-tracing OpenTelemetry export against Langfuse’s answers', () => {
  let mock: MockLlm;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    langfuse = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'llm-proxy'),
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
                  { name: 'langfuse-tracing', config: { otlp_protocol: 'http/json', host: langfuse.url, public_key: 'pk', secret_key: 'sk', flush_interval_ms: 50, environment: 'Staging EU' } },
                  {
                    name: 'llm-proxy',
                    config: { max_request_body_size: 4_000_000, targets: [{ name: 'm', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mock.url, auth: { api_key: 'k' } }] },
                  },
                ],
              },
            ],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await mock?.close();
  });
  beforeEach(() => {
    langfuse.respond = () => ({ status: 200, body: {} });
  });

  const ask = async (text: string) => {
    const res = await fetch(`${stack.standin.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'alice', 'x-session-id': 's1' },
      body: JSON.stringify({ messages: [{ role: 'user', content: text }] }),
    });
    await res.text();
    expect(res.status).toBe(200);
    return res.headers.get('x-langfuse-trace-id')!;
  };
  const spansFor = (traceId: string) => spansOf(langfuse.received).filter((s) => s.traceId === traceId);

  it('gives the trace a parentless root that carries its input, and identity on every span (Langfuse v4)', async () => {
    const traceId = await ask('hello there');
    const spans = await waitFor(() => (spansFor(traceId).length >= 2 ? spansFor(traceId) : undefined));
    const root = spans.find((s) => attrs(s)['langfuse.internal.as_root'] === true)!;
    expect(root.parentSpanId || undefined).toBeUndefined();
    expect(JSON.parse(String(attrs(root)['langfuse.observation.input']))).toEqual([{ role: 'user', content: 'hello there' }]);
    const generation = spans.find((s) => attrs(s)['langfuse.observation.type'] === 'generation')!;
    expect(generation.parentSpanId).toBe(root.spanId);
    // "Staging EU" would be filed under "default" by Langfuse: it is sent as the name Langfuse keeps.
    expect(attrs(generation)).toMatchObject({ 'user.id': 'alice', 'session.id': 's1', 'langfuse.environment': 'staging-eu' });
  });

  it('keeps a prompt to 1 MB in the trace', async () => {
    const traceId = await ask('x'.repeat(1_500_000));
    const generation = await waitFor(() => spansFor(traceId).find((s) => attrs(s)['langfuse.observation.type'] === 'generation'));
    const input = String(attrs(generation)['langfuse.observation.input']);
    expect(Buffer.byteLength(input)).toBeLessThan(1_100_000);
    expect(input).toMatch(/truncated: \d+ more bytes/);
    // The root carries the input twice (trace and observation): a smaller share each.
    const root = spansFor(traceId).find((s) => attrs(s)['langfuse.internal.as_root'] === true)!;
    expect(Buffer.byteLength(String(attrs(root)['langfuse.observation.input']))).toBeLessThan(300_000);
  });

  it('drops spans Langfuse refuses (401) instead of sending them again with every export', async () => {
    langfuse.respond = () => ({ status: 401, body: { message: 'invalid credentials' } });
    const refused = [await ask('one'), await ask('two')];
    await waitFor(() => (refused.every((id) => spansFor(id).length > 0) ? true : undefined));
    langfuse.respond = () => ({ status: 200, body: {} });
    const from = langfuse.received.length;
    const accepted = await ask('three');
    await waitFor(() => (spansFor(accepted).length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    const later = spansOf(langfuse.received.slice(from)).map((s) => s.traceId);
    expect(later.filter((id) => refused.includes(id))).toEqual([]);
  });

  it('halves its batches behind a proxy body limit (413) until every trace gets through', async () => {
    langfuse.respond = (req) => (req.body.length > 40_000 ? { status: 413 } : { status: 200, body: {} });
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`${i} ${'y'.repeat(4_000)}`)));
    const accepted = (id: string) => spansOf(langfuse.received.filter((r) => r.body.length <= 40_000)).filter((s) => s.traceId === id);
    await waitFor(() => (ids.every((id) => accepted(id).length >= 2) ? true : undefined));
    // Exports built before the exporter learned the limit may still be on their way: wait until nothing arrives for
    // half a second, so that only batches built afterwards are counted below.
    for (let seen = -1; seen !== langfuse.received.length; ) {
      seen = langfuse.received.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    // Some exports were refused for their size, and none of those traces was lost.
    const refused = langfuse.received.filter((r) => r.body.length > 40_000).length;
    expect(refused).toBeGreaterThan(0);
    // Later batches stay at the size that passed: no new refusals.
    const more = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`more ${i} ${'y'.repeat(4_000)}`)));
    await waitFor(() => (more.every((id) => spansFor(id).length >= 2) ? true : undefined));
    expect(langfuse.received.filter((r) => r.body.length > 40_000).length).toBe(refused);
  });
});
