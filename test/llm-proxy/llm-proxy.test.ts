import Redis from 'ioredis';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { chunksOf, readSse, streamedText } from '../support/sse';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { freePort } from '../support/free-port';

const KEY = 'sk-test-provider-key-0123456789';
const BUDGET_PREFIX = `test:budget:${process.pid}:${Date.now()}`;

function target(name: string, provider: string, model: string, url: string, extra: Record<string, unknown> = {}) {
  return { name, provider, model, upstream_url: url, auth: { api_key: KEY }, ...extra };
}

/** A Bedrock target signing with SigV4 (a mock key pair). */
function bedrockTarget(name: string, model: string, url: string) {
  return { name, provider: 'bedrock', model, upstream_url: url, auth: { aws_access_key_id: 'AKIDMOCKEXAMPLE', aws_secret_access_key: KEY }, options: { aws_region: 'eu-west-1' } };
}

function route(name: string, routePath: string, config: Record<string, unknown>) {
  return { name, paths: [routePath], methods: ['POST'], plugins: [{ name: 'llm-proxy', config }] };
}

describe('llm-proxy through Kong (stand-in), the suite process and the bridge', () => {
  let mock: MockLlm;
  let stack: SuiteStack;
  let bridgePort: number;
  let metricsPort: number;

  beforeAll(async () => {
    mock = await startMockLlm();
    bridgePort = await freePort();
    metricsPort = await freePort();
    const u = mock.url;
    const fast = { backoff_ms: 10, max_backoff_ms: 50, fail_timeout_s: 60 };
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      // Debug logging on: even then no key, body or ticket may reach the log.
      env: { AI_SUITE_BRIDGE_PORT: String(bridgePort), AI_SUITE_METRICS_PORT: String(metricsPort), AI_SUITE_LOG_LEVEL: 'debug' },
      declarative: {
        _format_version: '3.0',
        services: [
          {
            name: 'llm',
            url: 'http://127.0.0.1:9',
            routes: [
              route('openai', '/openai', { targets: [target('oa', 'openai', 'gpt-4o-mini', u)], balancer: fast }),
              route('azure', '/azure', { targets: [target('az', 'azure', 'gpt-4o', u, { options: { azure_deployment_id: 'prod-4o' } })] }),
              route('azure-2024-06', '/azure-2024-06', { targets: [target('az', 'azure', 'gpt-4o', u, { options: { azure_api_version: '2024-06-01' } })] }),
              route('anthropic', '/anthropic', { targets: [target('cl', 'anthropic', 'claude-sonnet-4', u)] }),
              route('gemini', '/gemini', { targets: [target('gm', 'gemini', 'gemini-2.5-flash', u)] }),
              route('gemini-3', '/gemini-3', { targets: [target('gm3', 'gemini', 'gemini-3-pro-preview', u)] }),
              route('compat', '/compat', { targets: [target('vllm', 'openai-compatible', 'llama-3.1-8b', `${u}/v1`)] }),
              route('cohere', '/cohere', { targets: [target('co', 'cohere', 'command-a-03-2025', u)] }),
              route('bedrock', '/bedrock', {
                targets: [
                  bedrockTarget('br', 'anthropic.claude-sonnet-4-v1:0', u),
                ],
              }),
              route('fallback', '/fallback', {
                balancer: { ...fast, retries: 2 },
                targets: [target('primary', 'openai', 'fail-model', u), target('backup', 'anthropic', 'claude-sonnet-4', u, { priority: 1 })],
              }),
              route('breaker', '/breaker', {
                balancer: { ...fast, retries: 1, max_fails: 2 },
                targets: [target('flaky', 'openai', 'flaky-model', u), target('steady', 'gemini', 'gemini-2.5-flash', u, { priority: 1 })],
              }),
              route('models', '/models', {
                allow_client_model: true,
                model_alias: { fast: 'oa-mini' },
                targets: [target('oa-mini', 'openai', 'gpt-4o-mini', u), target('claude', 'anthropic', 'claude-sonnet-4', u)],
              }),
              route('embeddings', '/embeddings', { route_type: 'llm/v1/embeddings', targets: [target('emb', 'openai', 'text-embedding-3-small', u)] }),
              route('budget', '/budget', {
                targets: [target('oa', 'openai', 'gpt-4o-mini', u)],
                budgets: {
                  redis_url: 'redis://127.0.0.1:6379',
                  key_prefix: BUDGET_PREFIX,
                  limits: [{ name: 'team-tokens', by: 'header', header_name: 'x-team', max_tokens: 60, period_s: 3600 }],
                },
              }),
              route('small', '/small', { max_request_body_size: 200, targets: [target('oa', 'openai', 'gpt-4o-mini', u)] }),
              route('slow', '/slow', { balancer: { connect_timeout_ms: 300, retries: 0 }, targets: [target('oa', 'openai', 'gpt-4o-mini', u)] }),
              route('keys', '/keys', { balancer: fast, targets: [target('revoked', 'openai', 'revoked-model', u)] }),
              route('gemini-keys', '/gemini-keys', {
                balancer: fast,
                targets: [target('gm', 'gemini', 'gemini-2.5-flash', u, { auth: { api_key: 'bad-key' } }), target('backup', 'openai', 'gpt-4o-mini', u, { priority: 1 })],
              }),
              route('images-strict', '/images-strict', {
                balancer: { ...fast, retries: 0 },
                targets: [
                  bedrockTarget('br', 'anthropic.claude-sonnet-4-v1:0', u),
                  target('backup', 'openai', 'strict-backup', u, { priority: 1 }),
                ],
              }),
              route('half-open', '/half-open', {
                balancer: { ...fast, retries: 2, max_fails: 1, fail_timeout_s: 1 },
                targets: [
                  bedrockTarget('brp', 'flaky-br', u),
                  target('backup', 'openai', 'gpt-4o-mini', u, { priority: 1 }),
                ],
              }),
              route('images', '/images', {
                balancer: fast,
                targets: [
                  bedrockTarget('br', 'anthropic.claude-sonnet-4-v1:0', u),
                  target('backup', 'openai', 'gpt-4o-mini', u, { priority: 1 }),
                ],
              }),
              route('stream-fallback', '/stream-fallback', {
                balancer: { ...fast, retries: 1 },
                targets: [target('claude', 'anthropic', 'claude-cut', u), target('backup', 'openai', 'gpt-4o-mini', u, { priority: 1 })],
              }),
            ],
          },
          {
            // An https service: llm-proxy must switch the scheme to reach the plain-HTTP bridge.
            name: 'llm-https',
            url: 'https://127.0.0.1:9',
            routes: [route('https-service', '/https-service', { targets: [target('oa', 'openai', 'gpt-4o-mini', u)] })],
          },
          {
            // The service is the bridge itself: llm-proxy learns it once and sets no target per request.
            name: 'llm-bridge',
            url: `http://127.0.0.1:${bridgePort}`,
            routes: [route('bridge-service', '/bridge-service', { targets: [target('oa', 'openai', 'gpt-4o-mini', u)], logging: { log_statistics: true } })],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  it('reaches the bridge whatever the service (http, https, the bridge itself)', async () => {
    for (const p of ['/openai', '/https-service', '/bridge-service', '/openai', '/https-service', '/bridge-service']) {
      expect((await post(p, chat('scheme check'))).status).toBe(200);
    }
  });

  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.standin.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const chat = (text: string, extra: Record<string, unknown> = {}) => ({ model: 'anything', messages: [{ role: 'user', content: text }], ...extra });

  describe.each([
    ['/openai', 'openai/gpt-4o-mini', 'authorization', `Bearer ${KEY}`],
    ['/azure', 'azure/gpt-4o', 'api-key', KEY],
    ['/anthropic', 'anthropic/claude-sonnet-4', 'x-api-key', KEY],
    ['/gemini', 'gemini/gemini-2.5-flash', 'x-goog-api-key', KEY],
    ['/compat', 'openai-compatible/llama-3.1-8b', 'authorization', `Bearer ${KEY}`],
    ['/cohere', 'cohere/command-a-03-2025', 'authorization', `Bearer ${KEY}`],
    ['/bedrock', 'bedrock/anthropic.claude-sonnet-4-v1:0', 'authorization', /^AWS4-HMAC-SHA256 Credential=AKIDMOCKEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request, /],
  ])('provider behind %s', (routePath, modelHeader, keyHeader, keyValue) => {
    it('answers a plain chat in OpenAI format with usage, and holds the key', async () => {
      const res = await post(routePath, chat('Tell me about gateways'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-kong-llm-model')).toBe(modelHeader);
      expect(Number(res.headers.get('x-ai-gateway-overhead-ms'))).toBeGreaterThanOrEqual(0);
      const body = (await res.json()) as any;
      expect(body.object).toBe('chat.completion');
      expect(body.choices[0].message.content).toContain('Mock answer to: Tell me about gateways');
      expect(body.usage.prompt_tokens).toBeGreaterThan(0);
      expect(body.usage.completion_tokens).toBeGreaterThan(0);
      const sent = String(mock.requests.at(-1)!.headers[keyHeader]);
      if (keyValue instanceof RegExp) expect(sent).toMatch(keyValue);
      else expect(sent).toBe(keyValue);
    });

    it('streams OpenAI chunks, with usage only when asked', async () => {
      const res = await post(routePath, chat('Stream please [[mock:tokens=6]]', { stream: true, stream_options: { include_usage: true } }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const events = await readSse(res);
      expect(events.at(-1)!.data).toBe('[DONE]');
      expect(streamedText(events)).toContain('Mock answer to: Stream please');
      const chunks = chunksOf(events);
      expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
      const usage = chunks.at(-1)!.usage;
      expect(usage.completion_tokens).toBe(6);
      const plain = await readSse(await post(routePath, chat('Stream please [[mock:tokens=6]]', { stream: true })));
      expect(chunksOf(plain).some((c) => c.usage)).toBe(false);
    });

    it('translates tool calls, plain and streamed', async () => {
      const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
      const res = await post(routePath, chat('Weather in Paris? [[mock:tool]]', { tools }));
      const body = (await res.json()) as any;
      expect(body.choices[0].finish_reason).toBe('tool_calls');
      const call = body.choices[0].message.tool_calls[0];
      expect(call.function.name).toBe('get_weather');
      expect(() => JSON.parse(call.function.arguments)).not.toThrow();

      const events = await readSse(await post(routePath, chat('Weather in Paris? [[mock:tool]]', { tools, stream: true })));
      const deltas = chunksOf(events).flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
      expect(deltas[0].function.name).toBe('get_weather');
      const args = deltas.map((d: any) => d.function?.arguments ?? '').join('');
      expect(() => JSON.parse(args)).not.toThrow();
      expect(chunksOf(events).some((c) => c.choices?.[0]?.finish_reason === 'tool_calls')).toBe(true);
    });

    it('gives a streamed call of a tool without parameters the arguments "{}" (Claude streams an empty input)', async () => {
      const tools = [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }];
      const events = await readSse(await post(routePath, chat('What time is it? [[mock:tool]]', { tools, stream: true })));
      const deltas = chunksOf(events).flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
      expect(deltas[0].function.name).toBe('get_time');
      expect(deltas.map((d: any) => d.function?.arguments ?? '').join('')).toBe('{}');
    });
  });

  it('retries a 429, honouring retry-after, before answering', async () => {
    mock.program({ match: { model: 'gpt-4o-mini' }, times: 1, behaviour: { fail: 429, retryAfter: 1 } });
    const started = Date.now();
    const res = await post('/openai', chat('retry me'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-attempts')).toBe('2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('falls back to another provider when the first fails', async () => {
    mock.program({ match: { model: 'fail-model' }, times: 'forever', behaviour: { fail: 500 } });
    const res = await post('/fallback', chat('fall back'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('backup');
    expect(res.headers.get('x-kong-llm-model')).toBe('anthropic/claude-sonnet-4');
  });

  it('waits for a whole answer as long as the total timeout allows, not the connect timeout', async () => {
    // A provider sends a non-streamed answer's headers only once it is complete (undici's timers tick
    // about once a second, hence an answer far slower than the 300 ms connect timeout).
    const res = await post('/slow', chat('take your time [[mock:latency=2500]]'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-attempts')).toBe('1');
  });

  it('treats a provider refusing the gateway’s key as the gateway’s failure: 502, and another target may answer', async () => {
    mock.program({ match: { model: 'revoked-model' }, times: 'forever', behaviour: { fail: 401 } });
    const refused = await post('/keys', chat('who am i'));
    expect(refused.status).toBe(502);
    // Resending to the same target cannot help: one attempt, although the route allows three retries.
    expect(refused.headers.get('x-ai-attempts')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('provider_auth_error');
    mock.program({ match: { model: 'fail-model' }, times: 'forever', behaviour: { fail: 401 } });
    const fellBack = await post('/fallback', chat('fall back past a revoked key'));
    expect(fellBack.status).toBe(200);
    expect(fellBack.headers.get('x-ai-target')).toBe('backup');
    // Gemini refuses a wrong key with 400 INVALID_ARGUMENT (reason API_KEY_INVALID): the gateway's failure too.
    const gemini = await post('/gemini-keys', chat('past a wrong Gemini key'));
    expect(gemini.status).toBe(200);
    expect(gemini.headers.get('x-ai-target')).toBe('backup');
    expect(gemini.headers.get('x-ai-attempts')).toBe('2');
  });

  it('passes a request a provider cannot take as it is (an image link for Bedrock) to the next target', async () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } };
    const res = await post('/images', { messages: [{ role: 'user', content: [{ type: 'text', text: 'what is it?' }, image] }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('backup');
    expect(mock.requests.some((r) => r.provider === 'bedrock')).toBe(false);
  });

  it.each(['/anthropic', '/bedrock'])('gives Claude (%s) JSON mode through a forced tool and answers with its input as content, plain and streamed', async (path) => {
    const ask = (stream: boolean) =>
      post(path, {
        stream,
        messages: [{ role: 'user', content: 'Which city? [[mock:tool=json_response]]' }],
        response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
      });
    const plain = (await (await ask(false)).json()) as { choices: Array<{ message: { content: string; tool_calls?: unknown[] }; finish_reason: string }> };
    expect(JSON.parse(plain.choices[0]!.message.content)).toHaveProperty('city');
    expect(plain.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(plain.choices[0]!.finish_reason).toBe('stop');
    const sent = mock.requests.at(-1)!.body as { tool_choice?: unknown; toolConfig?: { toolChoice?: unknown } };
    expect(sent.tool_choice ?? sent.toolConfig?.toolChoice).toEqual(path === '/anthropic' ? { type: 'tool', name: 'json_response' } : { tool: { name: 'json_response' } });
    expect(JSON.parse(streamedText(await readSse(await ask(true))))).toHaveProperty('city');
  });

  it("gives Cohere's tool_plan as the content beside its calls, plain and streamed, which goes back to it as tool_plan", async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const plain = (await (await post('/cohere', chat('Weather in Paris? [[mock:tool]]', { tools }))).json()) as any;
    const message = plain.choices[0].message;
    expect(message.content).toBe('I will call the tool.');
    expect(message.tool_calls).toHaveLength(1);
    const events = await readSse(await post('/cohere', chat('Weather in Paris? [[mock:tool]]', { tools, stream: true })));
    expect(streamedText(events)).toBe('I will call the tool.');
    expect(chunksOf(events).some((c) => c.choices?.[0]?.delta?.tool_calls)).toBe(true);
    const history = [{ role: 'user', content: 'Weather in Paris?' }, message, { role: 'tool', tool_call_id: message.tool_calls[0].id, content: '18°C' }];
    expect((await post('/cohere', { messages: history, tools })).status).toBe(200);
    expect((mock.requests.at(-1)!.body as any).messages[1]).toMatchObject({ role: 'assistant', tool_plan: 'I will call the tool.' });
  });

  it('sends another provider a Gemini history without the thought signatures in its tool-call ids', async () => {
    const id = `call_${'a'.repeat(24)}__ts_${'b'.repeat(300)}`;
    const res = await post('/openai', {
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: id, content: '3°C' },
      ],
    });
    expect(res.status).toBe(200);
    const sent = mock.requests.at(-1)!.body as { messages: Array<{ tool_call_id?: string; tool_calls?: Array<{ id: string }> }> };
    expect(sent.messages[1]!.tool_calls![0]!.id).toBe(`call_${'a'.repeat(24)}`);
    expect(sent.messages[2]!.tool_call_id).toBe(`call_${'a'.repeat(24)}`);
  });

  it("gives Gemini 3 the calls it did not make (another provider's, a client's) with the signature that skips its check", async () => {
    const signed = `call_${'a'.repeat(24)}__ts_${Buffer.from('gemini-signature').toString('base64url')}`;
    const history = (model: string) =>
      post(model, {
        messages: [
          { role: 'user', content: 'weather in two cities?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'toolu_01', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
              { id: 'toolu_02', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_01', content: '3°C' },
          { role: 'tool', tool_call_id: 'toolu_02', content: '18°C' },
          { role: 'assistant', content: null, tool_calls: [{ id: signed, type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
          { role: 'tool', tool_call_id: signed, content: '4°C' },
        ],
        tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      });
    const signatures = () =>
      (mock.requests.at(-1)!.body as { contents: Array<{ role: string; parts: Array<{ functionCall?: unknown; thoughtSignature?: string }> }> }).contents
        .filter((c) => c.role === 'model')
        .map((c) => c.parts.filter((p) => p.functionCall).map((p) => p.thoughtSignature));
    expect((await history('/gemini-3')).status).toBe(200);
    // Gemini signs the first call of a step: so does the gateway, and its own signatures go back as they came.
    expect(signatures()).toEqual([['skip_thought_signature_validator', undefined], [Buffer.from('gemini-signature').toString('base64')]]);
    // Gemini 2.5 checks nothing: it gets no sentinel.
    expect((await history('/gemini')).status).toBe(200);
    expect(signatures()).toEqual([[undefined, undefined], [Buffer.from('gemini-signature').toString('base64')]]);
  });

  it('a skipped target costs no retry, and the next one keeps its backoff and retry-after', async () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } };
    const ask = { messages: [{ role: 'user', content: [{ type: 'text', text: 'what is it?' }, image] }] };
    // retries: 0, yet the request reaches the second target.
    expect((await post('/images-strict', ask)).headers.get('x-ai-target')).toBe('backup');
    // With retries left, a retry-after beyond max_retry_after_s still ends the request instead of
    // calling the one remaining provider again at once.
    mock.program({ match: { model: 'gpt-4o-mini' }, times: 'forever', behaviour: { fail: 429, retryAfter: 3600 } });
    const limited = await post('/images', ask);
    expect(limited.status).toBe(429);
    expect(mock.requests.filter((r) => r.model === 'gpt-4o-mini')).toHaveLength(1);
  });

  it('a half-open target whose probe was an input it cannot take is probed again by the next request', async () => {
    mock.program({ match: { model: 'flaky-br' }, times: 1, behaviour: { fail: 503 } });
    expect((await post('/half-open', chat('open the breaker'))).headers.get('x-ai-target')).toBe('backup');
    await new Promise((r) => setTimeout(r, 1100));
    const image = { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } };
    expect((await post('/half-open', { messages: [{ role: 'user', content: [image] }] })).headers.get('x-ai-target')).toBe('backup');
    expect((await post('/half-open', chat('probe now'))).headers.get('x-ai-target')).toBe('brp');
  });

  it('falls back when a stream breaks after announcing the role but before any content', async () => {
    mock.program({ match: { model: 'claude-cut' }, times: 'forever', behaviour: { cut: 0 } });
    const res = await post('/stream-fallback', chat('stream or fall back', { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('backup');
    const events = await readSse(res);
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(streamedText(events).length).toBeGreaterThan(0);
    expect(chunksOf(events).filter((c) => (c as { choices: Array<{ delta: { role?: string } }> }).choices[0]?.delta.role).length).toBe(1);
  });

  it('opens the circuit breaker after repeated failures and stops calling the target', async () => {
    mock.program({ match: { model: 'flaky-model' }, times: 'forever', behaviour: { fail: 503 } });
    for (let i = 0; i < 3; i++) expect((await post('/breaker', chat(`breaker ${i}`))).status).toBe(200);
    const flakyCalls = () => mock.requests.filter((r) => r.model === 'flaky-model').length;
    const before = flakyCalls();
    for (let i = 0; i < 3; i++) expect((await post('/breaker', chat(`open ${i}`))).status).toBe(200);
    expect(before).toBe(2);
    expect(flakyCalls()).toBe(before);
  });

  it('streams from an Azure api-version that refuses stream_options (GA 2024-06-01) without them, the usage estimated', async () => {
    const res = await post('/azure-2024-06', chat('Stream please [[mock:tokens=6]]', { stream: true, stream_options: { include_usage: true } }));
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(streamedText(events)).toContain('Mock answer to: Stream please');
    expect(chunksOf(events).at(-1)!.usage.completion_tokens).toBeGreaterThan(0);
    expect(mock.requests.at(-1)!.body).not.toHaveProperty('stream_options');
  });

  it('ends a stream the provider cuts with an SSE error event, never [DONE]', async () => {
    const events = await readSse(await post('/openai', chat('cut me [[mock:cut=3]]', { stream: true })));
    const last = JSON.parse(events.at(-1)!.data);
    expect(last.error.code).toBe('stream_truncated');
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
  });

  it('cancels the provider call when the client disconnects', async () => {
    const controller = new AbortController();
    const aborted = fetch(`${stack.standin.url}/openai`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat('abandon me [[mock:rate=5,tokens=100]]', { stream: true })),
      signal: controller.signal,
    });
    const response = await aborted;
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await new Promise((r) => setTimeout(r, 1500));
    const record = mock.requests.find((r) => JSON.stringify(r.body).includes('abandon me'))!;
    expect(record.outcome).toMatch(/client|abort|closed|disconnect/i);
  });

  it('lets the client pick a target by model or alias, and refuses unknown models', async () => {
    expect((await post('/models', { ...chat('x'), model: 'fast' })).headers.get('x-ai-target')).toBe('oa-mini');
    expect((await post('/models', { ...chat('x'), model: 'claude-sonnet-4' })).headers.get('x-ai-target')).toBe('claude');
    const unknown = await post('/models', { ...chat('x'), model: 'gpt-9' });
    expect(unknown.status).toBe(404);
    // As OpenAI answers it, so SDKs branch on it as they would on OpenAI's.
    expect(((await unknown.json()) as any).error).toEqual({
      message: "The model 'gpt-9' does not exist or you do not have access to it.",
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
  });

  it('serves embeddings', async () => {
    const res = await post('/embeddings', { model: 'x', input: ['a', 'b'] });
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.data).toHaveLength(2);
  });

  it.each([
    ['malformed JSON', '{"messages": [', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_json'],
    ['a wrong type', { messages: 'hello' }, 400, 'invalid_value'],
    ['empty messages', { messages: [] }, 400, 'invalid_value'],
    ['an unknown role', { messages: [{ role: 'wizard', content: 'x' }] }, 400, 'invalid_value'],
    ['a user message without content', { messages: [{ role: 'user' }] }, 400, 'invalid_value'],
    ['a tool result whose content is null', { messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'c1', content: null }] }, 400, 'invalid_value'],
    ['a JSON array', [1, 2], 400, 'invalid_request'],
  ])('refuses %s with an OpenAI error', async (_what, body, status, code) => {
    const res = await post('/openai', body as never);
    expect(res.status).toBe(status);
    const error = ((await res.json()) as any).error;
    expect(error.code).toBe(code);
    expect(error.type).toBe('invalid_request_error');
  });

  it('names the message whose content is missing', async () => {
    const res = await post('/openai', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user' }] });
    expect(((await res.json()) as any).error).toMatchObject({ param: 'messages.1.content', message: expect.stringContaining('a user message must have content') });
  });

  it('says why n above 1 is refused', async () => {
    const res = await post('/openai', { ...chat('x'), n: 2 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ param: 'n', message: expect.stringContaining('one choice per request') });
  });

  it('refuses a body over the route limit with 413', async () => {
    const res = await post('/small', chat('x'.repeat(500)));
    expect(res.status).toBe(413);
  });

  it('accepts array-form content with text and image parts', async () => {
    const res = await post('/anthropic', {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }],
    });
    expect(res.status).toBe(200);
    const sent = mock.requests.at(-1)!.body as any;
    expect(sent.messages[0].content[1].type).toBe('image');
  });

  it('enforces token budgets per team in Redis, with a 429 and retry-after once spent', async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      const spend = (team: string) => post('/budget', chat('spend tokens'), { 'x-team': team });
      // Each answer is counted before the client has all of it: the next request sees it at once.
      expect((await spend('team-a')).status).toBe(200);
      expect((await spend('team-a')).status).toBe(200);
      const refused = await spend('team-a');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const error = ((await refused.json()) as any).error;
      expect(error).toMatchObject({ type: 'rate_limit_error', code: 'budget_exceeded' });
      expect((await spend('team-b')).status).toBe(200);
      const keys = await redis.keys(`${BUDGET_PREFIX}:*`);
      expect(keys.some((k) => k.includes(':tokens:team-a:'))).toBe(true);
      const counted = Number(await redis.get(keys.find((k) => k.includes(':tokens:team-a:'))!));
      expect(counted).toBeGreaterThanOrEqual(60);
    } finally {
      const keys = await redis.keys(`${BUDGET_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('refuses requests that reach the bridge without a valid ticket (fails closed)', async () => {
    const direct = await fetch(`http://127.0.0.1:${bridgePort}/__ai_bridge`, { method: 'POST', body: '{}', headers: { 'proxy-authorization': 'AI-Suite-Ticket forged' } });
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as any).error.code).toBe('missing_ticket');
  });

  it('records ai.proxy.meta for Kong log plugins when log_statistics is on (off by default, as in Kong) and never logs the key', async () => {
    await post('/openai', chat('do not log me'));
    await new Promise((r) => setTimeout(r, 300));
    expect((stack.standin.logs.at(-1) as any).ai?.proxy?.meta).toBeUndefined();
    await post('/bridge-service', chat('log me'));
    await new Promise((r) => setTimeout(r, 300));
    const entry = stack.standin.logs.at(-1) as any;
    expect(entry.ai.proxy.meta).toMatchObject({ provider_name: 'openai', route_type: 'llm/v1/chat' });
    expect(JSON.stringify(stack.standin.logs)).not.toContain(KEY);
    // The bridge ticket is set on Kong's one request object, which the serializer shows: under a header it redacts.
    expect(entry.request.headers['proxy-authorization']).toBe('REDACTED');
    expect(JSON.stringify(stack.standin.logs)).not.toContain('AI-Suite-Ticket');
    const suiteLog = stack.suiteLog() + stack.standin.errorLog.join('\n');
    expect(suiteLog).toContain('"method":"plugin.StartInstance"'); // debug lines are being written
    expect(suiteLog).not.toContain(KEY);
    expect(suiteLog).not.toContain('log me');
  });

  it('exports tokens, cost and timings on the suite’s Prometheus endpoint', async () => {
    await post('/openai', chat('count me'));
    await new Promise((r) => setTimeout(r, 100));
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/ai_suite_llm_requests_total\{provider="openai",model="gpt-4o-mini",target="oa",status="200"\} \d+/);
    expect(text).toMatch(/ai_suite_llm_tokens_total\{provider="openai",model="gpt-4o-mini",kind="completion",estimated="false"\} \d+/);
    expect(text).toMatch(/ai_suite_llm_cost_usd_total\{provider="openai",model="gpt-4o-mini"\} [0-9.e-]+/);
    expect(text).toContain('ai_suite_llm_time_to_first_token_seconds_bucket');
  });

  it('never reveals a provider key in errors', async () => {
    mock.program({ match: { model: 'gpt-4o-mini' }, times: 'forever', behaviour: { fail: 500 } });
    const res = await post('/openai', chat('fail'));
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain(KEY);
  });
});
