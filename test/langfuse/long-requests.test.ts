import os from 'node:os';
import path from 'node:path';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf, type OtlpSpan } from '../support/otlp-decode';
import { declarative, postRoute } from '../support/routes';
import { startRpcTap, type RpcTap } from '../support/rpc-tap';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';
import { chatChunk as chunk } from '../support/sse';

jest.setTimeout(60_000);

/**
 * A request whose stream outlives the request context's TTL (3 s here, 10 min by default), whose context the
 * capacity bound (3 here) must evict while the bridge still serves it, or whose log phase does not come before the
 * TTL is traced whole all the same.
 */
describe('langfuse-tracing on requests that outlive their context', () => {
  let provider: CaptureServer;
  let langfuse: CaptureServer;
  let stack: SuiteStack;
  let tap: RpcTap;
  let pendingTap: Promise<RpcTap> | undefined;

  beforeAll(async () => {
    provider = await startCaptureServer();
    langfuse = await startCaptureServer();
    langfuse.respond = () => ({ status: 200, body: {} });
    const tracing = { name: 'langfuse-tracing', config: { otlp_protocol: 'http/json', host: langfuse.url, public_key: 'pk', secret_key: 'sk', flush_interval_ms: 50 } };
    const target = { name: 'm', provider: 'openai', model: 'gpt-4o-mini', upstream_url: provider.url, auth: { api_key: 'sk-test-0123456789' } };
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'llm-proxy'),
      env: { AI_SUITE_CONTEXT_TTL_MS: '3000', AI_SUITE_CONTEXT_UNHELD_TTL_MS: '3000', AI_SUITE_CONTEXT_MAX: '3' },
      declarative: declarative([postRoute('chat', [tracing, { name: 'llm-proxy', config: { targets: [target] } }])]),
      // Kong's calls to tracing pass a tap, which can keep its log phase waiting.
      kongSocket: (plugin, suiteSocket) => {
        if (plugin !== 'langfuse-tracing') return suiteSocket;
        const tapPath = path.join(os.tmpdir(), `long-requests-tap-${process.pid}.sock`);
        pendingTap = startRpcTap(tapPath, suiteSocket);
        return tapPath;
      },
    });
    tap = await pendingTap!;
  });
  afterAll(async () => {
    await stack?.close();
    await tap?.close();
    await langfuse?.close();
    await provider?.close();
  });

  const stream = (words: number, gapMs: number) => {
    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), ...Array.from({ length: words }, (_, i) => chunk({ content: ` w${i}` })), chunk({}, 'stop'), 'data: [DONE]\n\n'], sseGapMs: gapMs });
    return fetch(`${stack.standin.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
  };
  const spansFor = (traceId: string): OtlpSpan[] => spansOf(langfuse.received).filter((s) => s.traceId === traceId);
  /** The trace's generation once its root has arrived too. */
  const traced = async (res: Response) => {
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    const root = await waitFor(() => spansFor(traceId).find((s) => !s.parentSpanId), 10_000);
    const generation = spansFor(traceId).find((s) => attrs(s)['langfuse.observation.type'] === 'generation');
    return { root: attrs(root), generation: generation && attrs(generation) };
  };

  it('traces a stream longer than the TTL, with its whole answer', async () => {
    const long = await stream(50, 100);
    expect(await long.text()).toContain('w49');
    const { root, generation } = await traced(long);
    expect(root['http.response.status_code']).toBe(200);
    expect(String(generation?.['langfuse.observation.output'])).toContain('w49');
  });

  it('traces a stream whose context the capacity bound evicted while the bridge served it', async () => {
    // Three streams in the bridge fill the bound: a fourth request's context evicts the oldest of them.
    const streams = [await stream(20, 100), await stream(20, 100), await stream(20, 100)];
    const fourth = await stream(1, 0);
    const texts = await Promise.all([...streams, fourth].map((res) => res.text()));
    expect(texts[0]).toContain('w19');
    for (const res of [...streams, fourth]) {
      const { root, generation } = await traced(res);
      expect(root['http.response.status_code']).toBe(200);
      expect(generation?.['langfuse.observation.output']).toBeDefined();
    }
  });

  it('traces a request whose log phase has not come when its context is evicted after the bridge finished', async () => {
    const res = await stream(3, 50);
    // Kong's next call to tracing (the log phase) waits at the tap.
    tap.cut();
    tap.hold();
    try {
      expect(await res.text()).toContain('w2');
      await waitFor(() => (tap.waiting > 0 ? true : undefined));
      const { root, generation } = await traced(res);
      expect(root['http.response.status_code']).toBe(200);
      expect(String(generation?.['langfuse.observation.output'])).toContain('w2');
    } finally {
      tap.release();
    }
  });
});
