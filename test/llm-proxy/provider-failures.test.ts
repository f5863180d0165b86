import Redis from 'ioredis';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse, chatChunk as chunk } from '../support/sse';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { chatCompletion } from '../support/chat-completion';

/**
 * How llm-proxy judges what goes wrong on the way to a provider and back, against a scripted provider: a client that
 * hangs up, retries that run out, a model that reasons before it answers, a streamed answer's tokens, a key echoed in
 * an error, a stream or an answer that is no answer, files a provider cannot take, and the nulls SDKs send.
 */
const KEY = 'Zq7mYp2Lk9Xw3Rt8Vb6Nc1Hd4Fg5Js0A';
/** A key that holds words of the gateway's own messages, as demo and self-hosted keys do ("demo-provider-key"). */
const WORDY_KEY = 'sk-provider-answered-Q8w2Lm';
const BUDGET_PREFIX = `test:failures:${process.pid}:${Date.now()}`;

describe('llm-proxy when the provider, the client or the request misbehaves', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const target = (name: string, kind: string, model: string, extra: Record<string, unknown> = {}) => ({
    name,
    provider: kind,
    model,
    upstream_url: provider.url,
    auth: { api_key: KEY },
    ...extra,
  });
  const proxy = (config: Record<string, unknown>) => ({ name: 'llm-proxy', config });

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      declarative: declarative([
        postRoute('breaker', [proxy({ targets: [target('oa', 'openai', 'gpt-4o-mini')], balancer: { retries: 0, max_fails: 2, fail_timeout_s: 60 } })]),
        postRoute('limited', [proxy({ targets: [target('oa', 'openai', 'gpt-4o-mini')], balancer: { retries: 1, backoff_ms: 10 } })]),
        postRoute('fragile', [proxy({ targets: [target('fr', 'openai', 'gpt-4o-mini')], balancer: { retries: 2, max_fails: 1, fail_timeout_s: 60 } })]),
        postRoute('reasoning', [proxy({ targets: [target('r1', 'openai-compatible', 'deepseek-r1')], balancer: { retries: 0, first_token_timeout_ms: 600 } })]),
        postRoute('openai', [proxy({ targets: [target('oa', 'openai', 'gpt-4o-mini')], balancer: { retries: 0 } })]),
        postRoute('wordy-key', [proxy({ targets: [{ ...target('wk', 'openai', 'gpt-4o-mini'), auth: { api_key: WORDY_KEY } }], balancer: { retries: 0 } })]),
        postRoute('mistral', [proxy({ targets: [target('mi', 'mistral', 'mistral-large')], balancer: { retries: 0 } })]),
        postRoute('anthropic', [proxy({ targets: [target('an', 'anthropic', 'claude-sonnet-4')], balancer: { retries: 0 } })]),
        postRoute('gemini', [proxy({ targets: [target('gm', 'gemini', 'gemini-2.5-flash')], balancer: { retries: 0 } })]),
        postRoute('cohere', [proxy({ targets: [target('co', 'cohere', 'command-a')], balancer: { retries: 0 } })]),
        postRoute('completions', [
          proxy({
            route_type: 'llm/v1/completions',
            targets: [target('oa', 'openai', 'gpt-3.5-turbo-instruct')],
            balancer: { retries: 0 },
            budgets: { redis_url: 'redis://127.0.0.1:6379', key_prefix: BUDGET_PREFIX, limits: [{ name: 'team', by: 'header', header_name: 'x-team', max_tokens: 20, period_s: 3600 }] },
          }),
        ]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${BUDGET_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
  const chat = (extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: 'hi' }], ...extra });
  const sentBody = () => JSON.parse(provider.received.at(-1)!.body.toString('utf8'));

  it('a client that hangs up says nothing of the provider’s health: its breaker stays closed', async () => {
    provider.respond = () => ({ status: 200, body: chatCompletion('late'), delayMs: 600 });
    for (let i = 0; i < 3; i++) {
      const hangUp = new AbortController();
      const pending = post('breaker', chat(), {}, hangUp.signal).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 150));
      hangUp.abort();
      await pending;
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    provider.respond = () => ({ status: 200, body: chatCompletion('fine') });
    const res = await post('breaker', chat());
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).choices[0].message.content).toBe('fine');
  });

  it('no wait once the retries are spent: the provider’s retry-after is not slept a last time', async () => {
    provider.respond = () => ({ status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '2' } });
    const before = provider.received.length;
    const startedAt = Date.now();
    const res = await post('limited', chat());
    const tookMs = Date.now() - startedAt;
    expect(res.status).toBe(429);
    expect(provider.received.length - before).toBe(2);
    // One wait of two seconds between the two attempts, none after the second.
    expect(tookMs).toBeGreaterThanOrEqual(1900);
    expect(tookMs).toBeLessThan(3900);
  });

  it('no wait either once the failure opened the only target’s breaker', async () => {
    provider.respond = () => ({ status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '2' } });
    const startedAt = Date.now();
    const res = await post('fragile', chat());
    expect(res.status).toBe(429);
    expect(Date.now() - startedAt).toBeLessThan(1500);
  });

  it('reasoning streamed before the content is the answer’s first tokens: no first-token timeout cuts it', async () => {
    const thinking = Array.from({ length: 8 }, (_, i) => chunk({ reasoning_content: `step ${i}. ` }));
    provider.respond = () => ({
      status: 200,
      sse: [chunk({ role: 'assistant', content: '' }), ...thinking, chunk({ content: 'The answer.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
      sseGapMs: 150,
    });
    const events = await readSse(await post('reasoning', chat({ stream: true })));
    const text = events.map((e) => e.data).join('\n');
    expect(text).toContain('The answer.');
    expect(text).not.toContain('stream_truncated');
    expect(events.at(-1)!.data).toBe('[DONE]');
  });

  it('a streamed legacy completion’s tokens are counted against a budget, as a whole one’s are', async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: `word${i} `, finish_reason: null }] })}\n\n`);
    provider.respond = () => ({ status: 200, sse: [...pieces, 'data: [DONE]\n\n'] });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post('completions', { prompt: 'write a story', stream: true }, { 'x-team': 'streamers' });
      statuses.push(res.status);
      await res.text();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1)).toContain(429);
  });

  it('the target’s own key, echoed in a provider’s error, never reaches the client', async () => {
    provider.respond = () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}. Also tried ${KEY.slice(0, 20)}, ${KEY.slice(0, 12)}...${KEY.slice(-4)}.` } } });
    const res = await post('mistral', chat());
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(text).not.toContain(KEY.slice(0, 12));
    expect(text).not.toContain(KEY.slice(-12));
    expect(JSON.parse(text).error.message).toContain('[redacted]');
  });

  it('a key holding words of the gateway’s own message leaves that message whole, and is still redacted where the provider echoes it', async () => {
    provider.respond = () => ({ status: 400, body: { error: { message: `Bad request for key ${WORDY_KEY}: 'input' is required.` } } });
    const res = await post('wordy-key', chat());
    expect(res.status).toBe(400);
    const { message } = ((await res.json()) as any).error;
    expect(message).toBe("The provider answered 400: Bad request for key [redacted]: 'input' is required.");
  });

  it("a request the provider refuses reaches the client with the provider's code and field, which clients act on", async () => {
    provider.respond = () => ({ status: 400, body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
    const long = await post('openai', chat());
    expect(long.status).toBe(400);
    expect(((await long.json()) as any).error).toMatchObject({ type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' });
    // Azure's filtered prompt: the code its SDK users test for.
    provider.respond = () => ({ status: 400, body: { error: { message: 'The response was filtered due to the prompt triggering content management policy.', type: null, param: 'prompt', code: 'content_filter', status: 400 } } });
    expect(((await (await post('openai', chat())).json()) as any).error).toMatchObject({ code: 'content_filter', param: 'prompt' });
    // The gateway's own failures keep the gateway's codes: a refused key is no request of the client's, nor is a 500.
    provider.respond = () => ({ status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
    expect(((await (await post('openai', chat())).json()) as any).error).toMatchObject({ code: 'provider_auth_error', param: null });
    provider.respond = () => ({ status: 500, body: { error: { message: 'boom', type: 'server_error', param: 'messages', code: 'internal_error' } } });
    expect(((await (await post('openai', chat())).json()) as any).error).toMatchObject({ code: 'provider_error', param: null });
  });

  it('sends Mistral what its schema takes: a developer message as a system one, and names only on tool results', async () => {
    provider.respond = () => ({ status: 200, body: chatCompletion('Hi.') });
    const res = await post(
      'mistral',
      chat({
        messages: [
          { role: 'developer', content: 'Answer briefly.' },
          { role: 'user', name: 'alice', content: 'weather?' },
          { role: 'assistant', name: 'bot', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
          { role: 'tool', name: 'weather', tool_call_id: 'call_1', content: '3°C' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const sent = sentBody().messages as Array<Record<string, unknown>>;
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(sent.map((m) => m.name)).toEqual([undefined, undefined, undefined, 'weather']);
  });

  it("a validation error written as pydantic writes it (Mistral's 422) reaches the client with the fields it names, not the values it quotes", async () => {
    const problem = (loc: unknown[]) => ({ type: 'extra_forbidden', loc, msg: 'Extra inputs are not permitted', input: 'my secret prompt' });
    for (const body of [
      { object: 'error', message: { detail: [problem(['body', 'messages', 0, 'user', 'name']), problem(['body', 'user'])] }, type: 'invalid_request_error', param: null, code: null },
      { object: 'Error', detail: [problem(['body', 'user'])], message: [problem(['body', 'user'])], type: 'invalid_request_error', code: 3001 },
      { detail: [problem(['body', 'user'])] },
    ]) {
      provider.respond = () => ({ status: 422, body });
      const res = await post('mistral', chat({ user: 'u1' }));
      expect(res.status).toBe(422);
      const message: string = ((await res.json()) as any).error.message;
      expect(message).toContain('body.user: Extra inputs are not permitted');
      expect(message).not.toContain('my secret prompt');
    }
  });

  it('a stream that ends before any answer is the provider’s error (502), not a timeout', async () => {
    provider.respond = () => ({ status: 200, sse: [] });
    const empty = await post('openai', chat({ stream: true }));
    expect(empty.status).toBe(502);
    expect(((await empty.json()) as any).error.code).toBe('provider_error');
    provider.respond = () => ({ status: 200, sse: [`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { model: 'claude', usage: { input_tokens: 3 } } })}\n\n`] });
    const cut = await post('anthropic', chat({ stream: true }));
    expect(cut.status).toBe(502);
    expect(((await cut.json()) as any).error.message).toMatch(/ended the stream before answering/);
  });

  it('a 200 that is no JSON is the provider’s error, and none of its body is quoted', async () => {
    provider.respond = () => ({ status: 200, raw: '<html><body>Bad gateway from a proxy</body></html>', headers: { 'content-type': 'text/html' } });
    const res = await post('openai', chat());
    expect(res.status).toBe(502);
    const error = ((await res.json()) as any).error;
    expect(error.code).toBe('provider_error');
    expect(error.message).not.toMatch(/html|Bad gateway|could not be reached/);
  });

  it('files and audio reach providers that read them, and are refused (400) by those that cannot, never dropped', async () => {
    const pdf = { type: 'file', file: { filename: 'q3 report.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } };
    const audio = { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } };
    const withParts = (...parts: object[]) => ({ messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, ...parts] }] });
    provider.respond = () => ({ status: 200, body: { id: 'm', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } } });
    expect((await post('anthropic', withParts(pdf))).status).toBe(200);
    expect(sentBody().messages[0].content[1]).toEqual({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' } });
    const noAudio = await post('anthropic', withParts(audio));
    expect(noAudio.status).toBe(400);
    expect(((await noAudio.json()) as any).error).toMatchObject({ code: 'unsupported_content' });
    provider.respond = () => ({ status: 200, body: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 } } });
    expect((await post('gemini', withParts(pdf, audio))).status).toBe(200);
    expect(sentBody().contents[0].parts.slice(1)).toEqual([{ inlineData: { mimeType: 'application/pdf', data: 'JVBERi0x' } }, { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } }]);
    const byId = await post('gemini', withParts({ type: 'file', file: { file_id: 'file-abc' } }));
    expect(byId.status).toBe(400);
    const before = provider.received.length;
    const cohere = await post('cohere', withParts(pdf));
    expect(cohere.status).toBe(400);
    expect(provider.received.length).toBe(before);
  });

  it('nulls SDKs send for “not set” are dropped, at the top and in an echoed message', async () => {
    provider.respond = () => ({ status: 200, body: chatCompletion('ok') });
    const res = await post('openai', {
      model: null,
      stream: null,
      tools: null,
      response_format: null,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello', tool_calls: null, refusal: null },
        { role: 'user', content: 'again' },
      ],
    });
    expect(res.status).toBe(200);
    const sent = sentBody();
    expect(sent.stream).not.toBeNull();
    expect('tools' in sent).toBe(false);
    expect('response_format' in sent).toBe(false);
    expect(sent.messages[1]).toEqual({ role: 'assistant', content: 'hello' });
  });
});
