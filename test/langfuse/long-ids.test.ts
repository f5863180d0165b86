import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf } from '../support/otlp-decode';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

/** Ids Langfuse's SDK would still send (200 characters) and would drop (201), each telling by its first letters. */
const id = (mark: string, length: number) => mark + 'x'.repeat(length - mark.length);
const LONG_USER = id('long-user-', 201);
const LONG_SESSION = id('long-session-', 300);
const LONG_CONSUMER = id('long-consumer-', 250);

/**
 * Langfuse's SDK drops a user or session id over 200 characters (`isValidPropagatedString` in @langfuse/core); the
 * plugin does the same, over either transport, and its warning names the field, never the id.
 */
describe('user and session ids over 200 characters', () => {
  let mock: MockLlm;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    langfuse = await startCaptureServer();
    langfuse.respond = (req) => {
      if (req.path !== '/api/public/ingestion') return { status: 200, body: {} };
      const { batch } = JSON.parse(req.body.toString()) as { batch: Array<{ id: string }> };
      return { status: 207, body: { successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] } };
    };
    const tracing = (config: Record<string, unknown> = {}) => ({ name: 'langfuse-tracing', config: { otlp_protocol: 'http/json', host: langfuse.url, public_key: 'pk', secret_key: 'sk', flush_interval_ms: 50, ...config } });
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'llm-proxy'),
      declarative: declarative(
        [
          postRoute('otel', [tracing(), llmProxy(mock.url)]),
          postRoute('ingestion', [tracing({ transport: 'ingestion' }), llmProxy(mock.url)]),
          postRoute('member', [{ name: 'key-auth' }, tracing(), llmProxy(mock.url)]),
        ],
        { consumers: [{ username: LONG_CONSUMER, keyauth_credentials: [{ key: 'long-key' }] }] },
      ),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await mock?.close();
  });

  const ask = async (route: string, headers: Record<string, string>) => {
    const res = await fetch(`${stack.standin.url}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Name a prime number' }] }),
    });
    await res.text();
    expect(res.status).toBe(200);
    return res.headers.get('x-langfuse-trace-id')!;
  };
  /** The root span's attributes (otel): where the trace's user and session are. */
  const rootOf = async (traceId: string) => attrs(await waitFor(() => spansOf(langfuse.received).find((s) => s.traceId === traceId && attrs(s)['langfuse.internal.as_root'] === true)));
  /** Every span of the trace, once the root has come (all of a trace's spans leave together). */
  const spansOfTrace = async (traceId: string) => {
    await rootOf(traceId);
    return spansOf(langfuse.received).filter((s) => s.traceId === traceId);
  };
  const warnings = () =>
    stack
      .suiteLog()
      .split('\n')
      .filter((line) => line.includes('[warn] langfuse-tracing:') && line.includes('over 200 characters'));

  it('keeps ids of 200 characters', async () => {
    const [user, session] = [id('user-', 200), id('session-', 200)];
    const root = await rootOf(await ask('otel', { 'x-user-id': user, 'x-session-id': session }));
    expect(root).toMatchObject({ 'user.id': user, 'session.id': session });
  });

  it('drops a longer x-user-id from every span, keeps the session, and warns naming the field only', async () => {
    const traceId = await ask('otel', { 'x-user-id': LONG_USER, 'x-session-id': 'sess-7' });
    const spans = await spansOfTrace(traceId);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (const span of spans) {
      expect(attrs(span)['user.id']).toBeUndefined();
      expect(attrs(span)['session.id']).toBe('sess-7');
    }
    const warned = await waitFor(() => warnings().find((line) => line.includes('"field":"userId"')));
    expect(warned).toContain('"length":201');
  });

  it('drops a longer x-session-id over the ingestion transport too', async () => {
    const traceId = await ask('ingestion', { 'x-user-id': 'u-9', 'x-session-id': LONG_SESSION });
    const trace = await waitFor(() =>
      langfuse.received
        .filter((r) => r.path === '/api/public/ingestion')
        .flatMap((r) => (JSON.parse(r.body.toString()) as { batch: Array<{ type: string; body: Record<string, unknown> }> }).batch)
        .find((e) => e.type === 'trace-create' && e.body.id === traceId),
    );
    expect(trace.body.userId).toBe('u-9');
    expect(trace.body).not.toHaveProperty('sessionId');
    await waitFor(() => warnings().find((line) => line.includes('"field":"sessionId"')));
  });

  it('drops a tag over 200 characters and keeps the others', async () => {
    const traceId = await ask('ingestion', { 'x-langfuse-tags': `short-tag, ${id('long-tag-', 201)}` });
    const trace = await waitFor(() =>
      langfuse.received
        .filter((r) => r.path === '/api/public/ingestion')
        .flatMap((r) => (JSON.parse(r.body.toString()) as { batch: Array<{ type: string; body: Record<string, unknown> }> }).batch)
        .find((e) => e.type === 'trace-create' && e.body.id === traceId),
    );
    expect(trace.body.tags).toContain('short-tag');
    expect((trace.body.tags as string[]).some((t) => t.startsWith('long-tag-'))).toBe(false);
    await waitFor(() => warnings().find((line) => line.includes('"field":"tag"')));
  });

  it("drops a Kong consumer's name over 200 characters as the user id", async () => {
    const root = await rootOf(await ask('member', { apikey: 'long-key', 'x-session-id': 'sess-8' }));
    expect(root['user.id']).toBeUndefined();
    expect(root['session.id']).toBe('sess-8');
  });

  it('never writes a dropped id to any log', () => {
    const everything = stack.suiteLog() + stack.standin.errorLog.join('\n');
    for (const mark of ['long-user-', 'long-session-', 'long-consumer-']) expect(everything).not.toContain(mark);
  });
});
