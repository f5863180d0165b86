import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf, type OtlpSpan } from '../support/otlp-decode';
import { declarative, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';
import { chatChunk as chunk } from '../support/sse';

jest.setTimeout(60_000);

/**
 * One trace per request whatever happened to it: refused by a budget after another suite plugin read the body (the
 * trace waited for a bridge that never got the request), answered after a retry (first token timed from the request,
 * not from the last attempt), or left by its client in mid-stream (a warning, not the provider's error).
 */

describe('langfuse-tracing on refused, retried and abandoned requests', () => {
  let provider: CaptureServer;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    langfuse = await startCaptureServer();
    langfuse.respond = () => ({ status: 200, body: {} });
    const tracing = { name: 'langfuse-tracing', config: { otlp_protocol: 'http/json', host: langfuse.url, public_key: 'pk', secret_key: 'sk', flush_interval_ms: 50 } };
    const target = { name: 'm', provider: 'openai', model: 'gpt-4o-mini', upstream_url: provider.url, auth: { api_key: 'sk-test-0123456789' } };
    const budgets = { key_prefix: `trace-refused-${process.pid}-${Date.now()}`, limits: [{ name: 'tiny', by: 'ip', max_tokens: 1, period_s: 3600 }] };
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        postRoute('budget', [tracing, { name: 'pii-sanitizer', config: {} }, { name: 'llm-proxy', config: { targets: [target], budgets } }]),
        postRoute('chat', [tracing, { name: 'llm-proxy', config: { targets: [target], balancer: { retries: 1, backoff_ms: 10 } } }]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await provider?.close();
  });

  const post = (path: string, body: Record<string, unknown>, init: RequestInit = {}) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
  const spansFor = (traceId: string): OtlpSpan[] => spansOf(langfuse.received).filter((s) => s.traceId === traceId);
  const root = (traceId: string) => waitFor(() => spansFor(traceId).find((s) => !s.parentSpanId), 15_000);
  const generation = (traceId: string) => spansFor(traceId).find((s) => attrs(s)['langfuse.observation.type'] === 'generation');

  it('traces a budget’s 429 when the sanitizer read the body first', async () => {
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } } });
    await (await post('budget', { messages: [{ role: 'user', content: 'hello there' }] })).text();
    const refused = await post('budget', { messages: [{ role: 'user', content: 'hello again' }] });
    expect(refused.status).toBe(429);
    await refused.text();
    const span = await root(refused.headers.get('x-langfuse-trace-id')!);
    expect(attrs(span)['http.response.status_code']).toBe(429);
  });

  it('times the first token from the request, retries and retry-after included', async () => {
    let calls = 0;
    provider.respond = () =>
      ++calls === 1
        ? { status: 503, body: { error: { message: 'overloaded' } }, headers: { 'retry-after': '1' } }
        : { status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] };
    const res = await post('chat', { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(await res.text()).toContain('Hi');
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    await root(traceId);
    const span = await waitFor(() => generation(traceId), 5_000);
    const started = Number(BigInt(span.startTimeUnixNano) / 1_000_000n);
    const firstToken = Date.parse(String(attrs(span)['langfuse.observation.completion_start_time']));
    expect(firstToken - started).toBeGreaterThanOrEqual(900);
    // The attempts it took, as the client's x-ai-attempts says.
    expect(attrs(span)['langfuse.observation.metadata.attempts']).toBe(2);
    expect(attrs(span)['langfuse.observation.metadata.target']).toBe('m');
  });

  it('records a client that left mid-stream as a warning, not as the provider’s error', async () => {
    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), ...Array.from({ length: 30 }, (_, i) => chunk({ content: ` w${i}` })), chunk({}, 'stop'), 'data: [DONE]\n\n'], sseGapMs: 100 });
    const controller = new AbortController();
    const res = await post('chat', { stream: true, messages: [{ role: 'user', content: 'a long story' }] }, { signal: controller.signal });
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    await res.body!.getReader().read();
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const span = await root(traceId);
    const gen = await waitFor(() => generation(traceId), 5_000);
    expect(attrs(span)['langfuse.observation.level']).toBe('WARNING');
    expect(attrs(gen)['langfuse.observation.level']).toBe('WARNING');
    expect(String(attrs(gen)['langfuse.observation.status_message'])).toContain('client disconnected');
  });

  it('records a client that left before any answer as a warning too, not as a provider out of reach', async () => {
    provider.respond = () => ({ status: 200, body: {}, delayMs: 3_000 });
    const controller = new AbortController();
    const pending = post('chat', { messages: [{ role: 'user', content: 'take your time' }] }, { signal: controller.signal }).catch(() => undefined);
    const before = new Set(spansOf(langfuse.received).map((s) => s.traceId));
    await new Promise((r) => setTimeout(r, 800));
    controller.abort();
    await pending;
    const span = await waitFor(() => spansOf(langfuse.received).find((s) => !s.parentSpanId && !before.has(s.traceId)), 15_000);
    expect(attrs(span)['langfuse.observation.level']).toBe('WARNING');
  });
});
