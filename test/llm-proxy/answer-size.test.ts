import { startCaptureServer, type CaptureServer, type Repeated } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse, streamedText, chatChunk as chunk } from '../support/sse';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

/**
 * Provider answers are read only up to a bound: an error body's head, a whole answer up to max_response_body_size,
 * a stream's unfinished event up to it too. Past the bound the provider's connection is closed, so the rest is never
 * read into the suite's memory.
 */
const LIMIT = 1024 * 1024;
const PIECE = 64 * 1024;
/** 20 MiB of one unbroken string, after `head`: more than the loopback socket buffers hold, so a cut shows at the provider. */
const overLimit = (head: string, tail = ''): Repeated => ({ head, piece: 'a'.repeat(PIECE), times: 320, tail });
const small = {
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'From small.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
};

describe('llm-proxy reads provider answers only up to a bound', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  /** A target whose requests the provider tells apart by their path (`/big/...`, `/small/...`). */
  const target = (name: string, priority = 0) => ({ name, provider: 'openai', model: 'gpt-4o-mini', upstream_url: `${provider.url}/${name}`, auth: { api_key: 'k' }, priority });
  const proxy = (config: Record<string, unknown>) => ({ name: 'llm-proxy', config: { max_response_body_size: LIMIT, ...config } });

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      declarative: declarative([
        postRoute('alone', [proxy({ targets: [target('big')], balancer: { retries: 0 } })]),
        postRoute('fallback', [proxy({ targets: [target('big'), target('small', 1)], balancer: { retries: 1, backoff_ms: 10 } })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const post = (route: string, extra: Record<string, unknown> = {}) =>
    fetch(`${stack.standin.url}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...extra }) });
  /** Waits until the provider saw its answer on `path` cut short by the suite. */
  const cutOn = (path: string) => waitFor(() => (provider.cutAnswers.some((p) => p.startsWith(path)) ? true : undefined));

  beforeEach(() => {
    provider.cutAnswers.length = 0;
  });

  it('a 500 with a body of 20 MB is a 502 read from its head; the rest is never read', async () => {
    provider.respond = () => ({ status: 500, headers: { 'content-type': 'text/html' }, repeat: { head: '<html><body>Bad gateway', piece: 'y'.repeat(PIECE), times: 320 } });
    const res = await post('alone');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('provider_error');
    await cutOn('/big');
  });

  it('a whole answer over max_response_body_size is the provider’s error, and the next target answers', async () => {
    provider.respond = (req) =>
      req.path.startsWith('/small')
        ? { status: 200, body: small }
        : { status: 200, repeat: overLimit('{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"', '"},"finish_reason":"stop"}]}') };
    const res = await post('fallback');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('small');
    expect(((await res.json()) as typeof small).choices[0].message.content).toBe('From small.');
    await cutOn('/big');

    const alone = await post('alone');
    expect(alone.status).toBe(502);
    expect(((await alone.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('max_response_body_size') });
  });

  it('a stream whose event never ends falls back before the first byte reaches the client', async () => {
    provider.respond = (req) =>
      req.path.startsWith('/small')
        ? { status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'From small.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] }
        : { status: 200, headers: { 'content-type': 'text/event-stream' }, repeat: overLimit(`${chunk({ role: 'assistant', content: '' })}data: {"choices":[{"index":0,"delta":{"content":"`) };
    const res = await post('fallback', { stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('small');
    expect(streamedText(await readSse(res))).toBe('From small.');
    await cutOn('/big');
  });

  it('a stream whose event never ends after the answer began ends with the truncation error', async () => {
    provider.respond = () => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, repeat: overLimit(`${chunk({ role: 'assistant', content: 'Hello' })}data: {"choices":[{"index":0,"delta":{"content":"`) });
    const res = await post('alone', { stream: true });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(streamedText(events.slice(0, -1))).toBe('Hello');
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe('stream_truncated');
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    await cutOn('/big');
  });
});
