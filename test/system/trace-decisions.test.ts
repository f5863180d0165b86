import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf, type OtlpSpan } from '../support/otlp-decode';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { declarative } from '../support/routes';
import { ALL_SIX, fullChainRoute } from './full-chain';

jest.setTimeout(60_000);

/** Every gateway decision of the six-plugin chain shows up in the request's Langfuse trace. */
describe('one trace holds every plugin decision', () => {
  let mock: MockLlm;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    langfuse = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped(...ALL_SIX),
      declarative: declarative([fullChainRoute('chat', mock.url, langfuse.url)], { consumers: [{ username: 'alice', keyauth_credentials: [{ key: 'alice-key' }] }] }),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await mock?.close();
  });

  const spansFor = (traceId: string) => spansOf(langfuse.received).filter((s) => s.traceId === traceId);

  it('carries the guard, PII, cache and router decisions as observations, without the PII value', async () => {
    const res = await fetch(`${stack.standin.url}/chat`, {
      method: 'POST',
      headers: { apikey: 'alice-key', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Write a Python function that emails ada@example-corp.com' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-route')).toBe('code');
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    await res.text();
    let spans: OtlpSpan[] = [];
    for (let i = 0; i < 100 && spans.length < 6; i++) {
      await new Promise((r) => setTimeout(r, 100));
      spans = spansFor(traceId);
    }
    const byPlugin = Object.fromEntries(
      spans
        .map((s) => attrs(s)['langfuse.observation.metadata'])
        .filter((m): m is string => typeof m === 'string')
        .map((m) => JSON.parse(m) as { plugin?: string })
        .filter((m) => m.plugin)
        .map((m) => [m.plugin!, m]),
    );
    expect(Object.keys(byPlugin).sort()).toEqual(['pii-sanitizer', 'prompt-guard', 'semantic-cache', 'semantic-router']);
    expect(byPlugin['semantic-router']).toMatchObject({ route: 'code' });
    expect(byPlugin['semantic-cache']).toMatchObject({ status: 'Miss' });
    expect(JSON.stringify(spans)).not.toContain('ada@example-corp.com');
  });

  it('gives a cache hit’s trace the request and the cached answer as input and output, sanitized', async () => {
    const ask = () =>
      fetch(`${stack.standin.url}/chat`, {
        method: 'POST',
        headers: { apikey: 'alice-key', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Write a Python function that emails grace@example-corp.com a daily report' }] }),
      });
    await (await ask()).text();
    let hit: Response | undefined;
    for (let i = 0; i < 30 && hit?.headers.get('x-cache-status') !== 'Hit'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      hit = await ask();
      if (hit.headers.get('x-cache-status') !== 'Hit') await hit.text();
    }
    expect(hit!.headers.get('x-cache-status')).toBe('Hit');
    const traceId = hit!.headers.get('x-langfuse-trace-id')!;
    await hit!.text();
    let root: OtlpSpan | undefined;
    for (let i = 0; i < 100 && !root; i++) {
      await new Promise((r) => setTimeout(r, 100));
      root = spansFor(traceId).find((s) => typeof attrs(s)['langfuse.observation.output'] === 'string' || typeof attrs(s)['langfuse.trace.output'] === 'string');
    }
    expect(root).toBeDefined();
    const carried = JSON.stringify(attrs(root!));
    expect(carried).toContain('[EMAIL_1]');
    expect(carried).not.toContain('grace@example-corp.com');
  });
});
