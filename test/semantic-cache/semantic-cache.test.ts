import http from 'node:http';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { readSse, streamedText } from '../support/sse';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitForSemanticHits } from '../support/warm-cache';

jest.setTimeout(60_000);

const PREFIX = `test:cache:${process.pid}:${Date.now()}:`;

function route(name: string, cache: Record<string, unknown>, mockUrl: string, extraPlugins: object[] = []) {
  return postRoute(name, [...extraPlugins, { name: 'semantic-cache', config: { redis_prefix: `${PREFIX}${name}:`, ...cache } }, llmProxy(mockUrl)]);
}

/** The write-back runs once the bridge has finished the answer, just after the client has it. */
const settle = () => new Promise((r) => setTimeout(r, 150));

type Answer = { choices: Array<{ message: { content: string } }> };

describe('semantic-cache through the stand-in and the real plugin server', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      env: { AI_SUITE_REDIS_URL: 'redis://127.0.0.1:6379' },
      declarative: declarative(
        [
          route('cache', {}, mock.url),
          route('tenants', {}, mock.url, [{ name: 'key-auth' }]),
          route('shared', { scope: ['route', 'model'] }, mock.url, [{ name: 'key-auth' }]),
          // Its own target: the failures below open that target's circuit breaker.
          route('faults', {}, mock.url),
          route('hot', { bypass_temperature_above: 1 }, mock.url),
          route('tool-requests', { cache_tool_requests: true }, mock.url),
          postRoute('completions', [{ name: 'semantic-cache', config: { redis_prefix: `${PREFIX}completions:` } }, llmProxy(mock.url, { route_type: 'llm/v1/completions' })]),
        ],
        {
          consumers: [
            { username: 'alice', keyauth_credentials: [{ key: 'alice-key' }] },
            { username: 'bob', keyauth_credentials: [{ key: 'bob-key' }] },
          ],
        },
      ),
    });
  });
  beforeAll(() => waitForSemanticHits((text) => ask('hot', text)));
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  const ask = (routeName: string, text: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    fetch(`${stack.standin.url}/${routeName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ messages: [{ role: 'user', content: text }], ...extra }),
    });
  const calls = () => mock.requests.length;

  it('misses, then answers an exact repeat from the cache without calling the model', async () => {
    const first = await ask('cache', 'What is the capital of France?');
    expect(first.headers.get('x-cache-status')).toBe('Miss');
    const firstBody = (await first.json()) as Answer;
    await settle();
    const before = calls();
    const again = await ask('cache', 'what is the capital of   France?');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-cache-status')).toBe('Hit');
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(0);
    const body = (await again.json()) as Answer & { id: string };
    expect(body.choices[0]!.message.content).toBe(firstBody.choices[0]!.message.content);
    expect(body.id).toMatch(/^chatcmpl-cache-/);
    expect(calls()).toBe(before);
    expect(JSON.stringify([...again.headers])).not.toMatch(/ai-suite:|test:cache/);
  });

  it('answers a paraphrase from the cache, but not the opposite request', async () => {
    await (await ask('cache', 'How do I turn on the kitchen lights?')).text();
    await settle();
    const before = calls();
    const paraphrase = await ask('cache', 'How can I turn on the kitchen lights?');
    expect(paraphrase.headers.get('x-cache-status')).toBe('Hit');
    expect(calls()).toBe(before);
    const opposite = await ask('cache', 'How do I turn off the kitchen lights?');
    expect(opposite.headers.get('x-cache-status')).toBe('Miss');
    const otherNumber = await ask('cache', 'How do I turn on the kitchen lights in 5 rooms?');
    expect(otherNumber.headers.get('x-cache-status')).toBe('Miss');
  });

  it('never answers a query that lists or changes rows, nor another case of an algorithm, with the answer to the other', async () => {
    await (await ask('cache', 'Write a SQL query to delete inactive users')).text();
    await (await ask('cache', 'What is the time complexity of quicksort in the worst case?')).text();
    await settle();
    expect((await ask('cache', 'Write an SQL query to delete inactive users')).headers.get('x-cache-status')).toBe('Hit');
    for (const other of ['Write a SQL query to list inactive users', 'Write a SQL query to update inactive users', 'What is the time complexity of quicksort in the average case?']) {
      const res = await ask('cache', other);
      await res.text();
      expect([other, res.headers.get('x-cache-status')]).toEqual([other, 'Miss']);
    }
  });

  it('writes back a streamed answer and replays it as a well-formed stream', async () => {
    const events = await readSse(await ask('cache', 'Tell me a story about a lighthouse keeper', { stream: true }));
    const original = streamedText(events);
    await settle();
    const res = await ask('cache', 'Tell me a story about a lighthouse keeper', { stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('x-cache-status')).toBe('Hit');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const replay = await readSse(res);
    expect(streamedText(replay)).toBe(original);
    expect(replay.at(-1)!.data).toBe('[DONE]');
    const chunks = replay.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.at(-1).usage).toBeDefined();
    // A streamed entry also answers a plain request.
    const plain = await ask('cache', 'Tell me a story about a lighthouse keeper');
    expect(((await plain.json()) as Answer).choices[0]!.message.content).toBe(original);
  });

  it('never stores an error or a cut stream', async () => {
    const failing = 'Summarise the quarterly report [[mock:fail=500]]';
    expect((await ask('faults', failing)).status).toBeGreaterThanOrEqual(500);
    const again = await ask('faults', failing);
    expect(again.headers.get('x-cache-status')).toBe('Miss');
    await again.text();

    const cut = 'Describe the ocean in detail [[mock:cut=3]]';
    await readSse(await ask('faults', cut, { stream: true })).catch(() => []);
    await new Promise((r) => setTimeout(r, 100));
    const retry = await ask('faults', cut, { stream: true });
    expect(retry.headers.get('x-cache-status')).toBe('Miss');
    await retry.text().catch(() => '');
  });

  it('honours Cache-Control: no-store bypasses, no-cache refreshes, max-age limits age', async () => {
    await (await ask('cache', 'List three prime numbers')).text();
    await settle();
    const bypass = await ask('cache', 'List three prime numbers', {}, { 'cache-control': 'no-store' });
    expect(bypass.headers.get('x-cache-status')).toBe('Bypass');
    const refresh = await ask('cache', 'List three prime numbers', {}, { 'cache-control': 'no-cache' });
    expect(refresh.headers.get('x-cache-status')).toBe('Refresh');
    await refresh.text();
    await new Promise((r) => setTimeout(r, 1100));
    const tooOld = await ask('cache', 'List three prime numbers', {}, { 'cache-control': 'max-age=0' });
    expect(tooOld.headers.get('x-cache-status')).toBe('Refresh');
    await tooOld.text();
    await settle();
    const fresh = await ask('cache', 'List three prime numbers', {}, { 'cache-control': 'max-age=60' });
    expect(fresh.headers.get('x-cache-status')).toBe('Hit');
    const header = await ask('cache', 'List three prime numbers', {}, { 'x-cache-bypass': '1' });
    expect(header.headers.get('x-cache-status')).toBe('Bypass');
    // Header lines of one name are one list (RFC 9110 §5.3), as a proxy in front may add its own line.
    const twoLines = await new Promise<string | undefined>((resolve, reject) => {
      const url = new URL(`${stack.standin.url}/cache`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers['x-cache-status'] as string | undefined));
      });
      req.setHeader('cache-control', ['max-age=60', 'no-store']);
      req.on('error', reject);
      req.end(JSON.stringify({ messages: [{ role: 'user', content: 'List three prime numbers' }] }));
    });
    expect(twoLines).toBe('Bypass');
  });

  it('bypasses tool requests and hot temperatures', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
    const res = await ask('cache', 'What is the weather in Oslo?', { tools });
    expect(res.headers.get('x-cache-status')).toBe('Bypass');
    const hot = await ask('hot', 'Write a haiku about rain', { temperature: 1.5 });
    expect(hot.headers.get('x-cache-status')).toBe('Bypass');
  });

  it('keeps tenants apart unless the scope says otherwise', async () => {
    const question = 'What is our refund policy for enterprise plans?';
    await (await ask('tenants', question, {}, { apikey: 'alice-key' })).text();
    await settle();
    const alice = await ask('tenants', question, {}, { apikey: 'alice-key' });
    expect(alice.headers.get('x-cache-status')).toBe('Hit');
    const bob = await ask('tenants', question, {}, { apikey: 'bob-key' });
    expect(bob.headers.get('x-cache-status')).toBe('Miss');

    await (await ask('shared', question, {}, { apikey: 'alice-key' })).text();
    await settle();
    const bobShared = await ask('shared', question, {}, { apikey: 'bob-key' });
    expect(bobShared.headers.get('x-cache-status')).toBe('Hit');
  });

  it('keeps apart what the last user message leaves out: earlier turns, pictures, the tools offered, tool results', async () => {
    const post = (routeName: string, body: Record<string, unknown>) =>
      fetch(`${stack.standin.url}/${routeName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const status = async (routeName: string, body: Record<string, unknown>) => {
      const res = await post(routeName, body);
      await res.text();
      await settle();
      return res.headers.get('x-cache-status');
    };
    const followUp = (document: string) => ({
      messages: [
        { role: 'user', content: document },
        { role: 'assistant', content: 'Got it.' },
        { role: 'user', content: 'Summarise the text above in one sentence.' },
      ],
    });
    expect(await status('cache', followUp('The quarterly report shows revenue up 12% in the north.'))).toBe('Miss');
    expect(await status('cache', followUp('The quarterly report shows revenue up 12% in the north.'))).toBe('Hit');
    expect(await status('cache', followUp('Our cat Mittens knocked the vase off the shelf again.'))).toBe('Miss');
    const picture = (url: string) => ({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is shown in this picture?' }, { type: 'image_url', image_url: { url } }] }] });
    expect(await status('cache', picture('https://example.com/cat.png'))).toBe('Miss');
    expect(await status('cache', picture('https://example.com/cat.png'))).toBe('Hit');
    expect(await status('cache', picture('https://example.com/x-ray.png'))).toBe('Miss');
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
    const weather = (extra: Record<string, unknown>) => ({ messages: [{ role: 'user', content: 'What is the weather in Bergen today?' }], ...extra });
    expect(await status('tool-requests', weather({}))).toBe('Miss');
    expect(await status('tool-requests', weather({ tools, tool_choice: 'required' }))).toBe('Miss');
    const result = (content: string) => ({
      messages: [
        { role: 'user', content: 'How should I dress for Tromsø tomorrow?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content },
      ],
    });
    expect(await status('tool-requests', result('{"temp_c": 25, "sky": "sunny"}'))).toBe('Miss');
    expect(await status('tool-requests', result('{"temp_c": -12, "sky": "blizzard"}'))).toBe('Miss');
    // On a route that does not cache tool requests, a conversation with a legacy function call and its result is bypassed.
    const legacy = {
      messages: [
        { role: 'user', content: 'How should I dress for Narvik tomorrow?' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{}' } },
        { role: 'function', name: 'get_weather', content: '{"temp_c": 3}' },
      ],
    };
    expect(await status('cache', legacy)).toBe('Bypass');
    // Any parameter llm-proxy passes on shapes the answer, known to the cache or not (vLLM's, Mistral's), and so does
    // the name of whoever asks.
    const question = (extra: Record<string, unknown>, name?: string) => ({ messages: [{ role: 'user', content: 'Is Bergen rainier than Oslo?', ...(name ? { name } : {}) }], ...extra });
    expect(await status('cache', question({ guided_choice: ['yes', 'no'] }))).toBe('Miss');
    expect(await status('cache', question({ guided_choice: ['yes', 'no'] }))).toBe('Hit');
    expect(await status('cache', question({}))).toBe('Miss');
    expect(await status('cache', question({ top_k: 1 }))).toBe('Miss');
    expect(await status('cache', question({ random_seed: 2 }))).toBe('Miss');
    expect(await status('cache', question({ user: 'someone-else', metadata: { run: 'b' } }))).toBe('Hit');
    expect(await status('cache', question({}, 'alice'))).toBe('Miss');
    expect(await status('cache', question({}, 'bob'))).toBe('Miss');
  });

  it('keeps code apart by its indentation, and never caches a request for log probabilities', async () => {
    const code = (indent: string) => `Does this Python print anything?\n\nfor i in range(3):\n    pass\n${indent}print(i)`;
    expect((await (await ask('cache', code('    ')).then(async (r) => (await r.text(), settle(), r)))).headers.get('x-cache-status')).toBe('Miss');
    await settle();
    const dedented = await ask('cache', code(''));
    expect(dedented.headers.get('x-cache-status')).not.toBe('Hit');
    await dedented.text();
    expect((await ask('cache', 'Name a prime number above 100', { logprobs: true })).headers.get('x-cache-status')).toBe('Bypass');
    // A legacy completion is never stored, so it is never looked up either.
    const completion = await fetch(`${stack.standin.url}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'Say hello' }) });
    expect(completion.status).toBe(200);
    expect(completion.headers.get('x-cache-status')).toBe('Bypass');
  });

  it('keeps answers to different system prompts apart', async () => {
    const body = (system: string) => ({ messages: [{ role: 'system', content: system }, { role: 'user', content: 'Greet me' }] });
    const post = (system: string) => fetch(`${stack.standin.url}/cache`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(system)) });
    await (await post('You are a pirate.')).text();
    await settle();
    const second = await post('You are a pirate.');
    expect(second.headers.get('x-cache-status')).toBe('Hit');
    expect((await post('You are a butler.')).headers.get('x-cache-status')).toBe('Miss');
  });
});

