import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse } from '../support/sse';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * Streams as real providers send them, at their edges: OpenAI's opening chunk with its empty fields, Azure's
 * annotation frames without a delta, an answer that breaks off with an error reason, a first token that comes late
 * after early headers, and a pause in the middle of an answer.
 */
const chunk = (delta: Record<string, unknown> | undefined, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, ...(delta ? { delta } : {}), finish_reason: finish, ...extra }] })}\n\n`;
const cohereEvent = (type: string, data: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const OPENING = { role: 'assistant', content: '', refusal: null };

describe('llm-proxy at the edges of real streams', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const target = (name: string, kind: string, model: string) => ({ name, provider: kind, model, upstream_url: provider.url, auth: { api_key: 'sk-test-0123456789' } });
  const proxy = (config: Record<string, unknown>) => ({ name: 'llm-proxy', config });

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      declarative: declarative([
        postRoute('fallback', [proxy({ targets: [target('first', 'openai', 'model-one'), target('second', 'openai', 'model-two')], balancer: { retries: 1, backoff_ms: 10, first_token_timeout_ms: 800 } })]),
        postRoute('openai', [proxy({ targets: [target('oa', 'openai', 'gpt-4o-mini')], balancer: { retries: 0, first_token_timeout_ms: 1000 } })]),
        postRoute('completions', [proxy({ route_type: 'llm/v1/completions', targets: [target('oa', 'openai', 'gpt-3.5-turbo-instruct')], balancer: { retries: 0, first_token_timeout_ms: 500 } })]),
        postRoute('cohere', [{ name: 'semantic-cache', config: { exact_only: true } }, proxy({ targets: [target('co', 'cohere', 'command-a')], balancer: { retries: 0 } })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const stream = (route: string, content: string) =>
    fetch(`${stack.standin.url}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stream: true, messages: [{ role: 'user', content }] }) });
  const textOf = (events: Array<{ data: string }>) =>
    events.filter((e) => e.data !== '[DONE]').map((e) => (JSON.parse(e.data) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '').join('');

  it("falls back after OpenAI's opening chunk when the first target then fails or says nothing", async () => {
    // Azure's opening chunk may carry an empty content_filter_results beside the role: it says nothing yet either.
    const azureOpening = { ...OPENING, content_filter_results: {} };
    for (const [opening, failure] of [
      [OPENING, 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'],
      [OPENING, 'hang'],
      [azureOpening, 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'],
    ] as const) {
      provider.respond = (req) => {
        if (JSON.parse(req.body.toString('utf8')).model === 'model-two') return { status: 200, sse: [chunk(OPENING), chunk({ content: 'From two.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] };
        return failure === 'hang' ? { status: 200, sse: [chunk(opening)], sseGapMs: 3000 } : { status: 200, sse: [chunk(opening), failure] };
      };
      const res = await stream('fallback', 'Hello');
      expect(res.status).toBe(200);
      expect(textOf(await readSse(res))).toBe('From two.');
    }
  });

  it('passes over frames without a delta (Azure content-filter annotations), before and after the finish', async () => {
    const annotation = chunk(undefined, null, { content_filter_offsets: { start_offset: 0, end_offset: 10 }, content_filter_results: { hate: { filtered: false } } });
    provider.respond = () => ({ status: 200, sse: [chunk(OPENING), annotation, chunk({ content: 'Part one,' }), annotation, chunk({ content: ' part two.' }), chunk({}, 'stop'), annotation, 'data: [DONE]\n\n'] });
    const events = await readSse(await stream('openai', 'Hello'));
    expect(textOf(events)).toBe('Part one, part two.');
    expect(events.at(-1)!.data).toBe('[DONE]');
  });

  describe('tool calls streamed without their index', () => {
    const call = (id: string | undefined, name: string | undefined, args: string) => ({
      ...(id ? { id, type: 'function' } : {}),
      function: { ...(name ? { name } : {}), arguments: args },
    });
    /** A chunk whose choices each bear their own delta (n > 1). */
    const choices = (...deltas: Array<Record<string, unknown>>) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: deltas.map((delta, index) => ({ index, delta, finish_reason: null })) })}\n\n`;
    /** The calls the client reads, by choice and index: each delta must bear a number. */
    const callsOf = (events: Array<{ data: string }>) => {
      const out: Record<number, Record<number, { ids: string[]; name: string; args: string }>> = {};
      for (const event of events) {
        if (event.data === '[DONE]') continue;
        for (const choice of JSON.parse(event.data).choices ?? []) {
          for (const delta of choice.delta?.tool_calls ?? []) {
            expect(typeof delta.index).toBe('number');
            const calls = (out[choice.index] ??= {});
            const seen = (calls[delta.index] ??= { ids: [], name: '', args: '' });
            if (delta.id && !seen.ids.includes(delta.id)) seen.ids.push(delta.id);
            if (delta.function?.name && !seen.name) seen.name = delta.function.name;
            seen.args += delta.function?.arguments ?? '';
          }
        }
      }
      return out;
    };
    const answer = async (...sse: string[]) => {
      provider.respond = () => ({ status: 200, sse: [...sse, chunk({}, 'tool_calls'), 'data: [DONE]\n\n'] });
      return callsOf(await readSse(await stream('openai', 'Call the tools.')));
    };

    it("numbers them in order, as OpenAI does (Gemini's OpenAI endpoint, older Ollama)", async () => {
      expect(
        await answer(
          chunk({ role: 'assistant', tool_calls: [call('call_a', 'weather', '{"city":')] }),
          // A delta with no id nor name goes on with the last call; one with a known id, with that call.
          chunk({ tool_calls: [call(undefined, undefined, '"Oslo"}')] }),
          chunk({ tool_calls: [call('call_b', 'time', '{}'), call('call_c', 'news', '')] }),
          chunk({ tool_calls: [call('call_c', undefined, '{"topic":"ski"}')] }),
        ),
      ).toEqual({
        0: {
          0: { ids: ['call_a'], name: 'weather', args: '{"city":"Oslo"}' },
          1: { ids: ['call_b'], name: 'time', args: '{}' },
          2: { ids: ['call_c'], name: 'news', args: '{"topic":"ski"}' },
        },
      });
    });

    it('numbers the calls of each choice from 0 (n = 2)', async () => {
      expect(
        await answer(
          choices({ role: 'assistant', tool_calls: [call('call_1', 'weather', '{"city":"Oslo"}')] }, { role: 'assistant', tool_calls: [call('call_2', 'weather', '{"city":')] }),
          choices({ tool_calls: [call('call_3', 'time', '{}')] }, { tool_calls: [call(undefined, undefined, '"Bergen"}')] }),
        ),
      ).toEqual({
        0: { 0: { ids: ['call_1'], name: 'weather', args: '{"city":"Oslo"}' }, 1: { ids: ['call_3'], name: 'time', args: '{}' } },
        1: { 0: { ids: ['call_2'], name: 'weather', args: '{"city":"Bergen"}' } },
      });
    });

    it('keeps together a call whose name comes again on every delta, and parts two calls of one name', async () => {
      expect(
        await answer(
          chunk({ role: 'assistant', tool_calls: [call(undefined, 'f', '{"x":')] }),
          chunk({ tool_calls: [call(undefined, 'f', '1}')] }),
          // The arguments of the first call are whole: the same name again is the next call.
          chunk({ tool_calls: [call(undefined, 'f', '{"x":2}')] }),
        ),
      ).toEqual({ 0: { 0: { ids: [], name: 'f', args: '{"x":1}' }, 1: { ids: [], name: 'f', args: '{"x":2}' } } });
    });

    it('keeps together a call that bears a new id on every delta', async () => {
      expect(
        await answer(
          chunk({ role: 'assistant', tool_calls: [call('a1', 'f', '{"x":')] }),
          chunk({ tool_calls: [call('a2', undefined, '1}')] }),
          // The first call is whole: a new id starts the next call, named or not.
          chunk({ tool_calls: [call('a3', 'g', '{}')] }),
        ),
      ).toEqual({ 0: { 0: { ids: ['a1', 'a2'], name: 'f', args: '{"x":1}' }, 1: { ids: ['a3'], name: 'g', args: '{}' } } });
    });

    it('parts two calls of different names that share an id', async () => {
      expect(
        await answer(
          chunk({ role: 'assistant', tool_calls: [call('call_0', 'f', '{"x":1}')] }),
          chunk({ tool_calls: [call('call_0', 'g', '{"y":')] }),
          // The id now stands for the later call.
          chunk({ tool_calls: [call('call_0', undefined, '2}')] }),
        ),
      ).toEqual({ 0: { 0: { ids: ['call_0'], name: 'f', args: '{"x":1}' }, 1: { ids: ['call_0'], name: 'g', args: '{"y":2}' } } });
    });

    it("passes OpenAI's own deltas, which bear their index, as they came", async () => {
      const indexed = [
        chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }),
        // OpenAI's parallel calls: the next index, then the arguments of both interleaved as they come.
        chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'f', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{"x":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '' } }, { index: 1, function: { arguments: '2}' } }] }),
      ];
      provider.respond = () => ({ status: 200, sse: [...indexed, chunk({}, 'tool_calls'), 'data: [DONE]\n\n'] });
      const events = await readSse(await stream('openai', 'Call the tools.'));
      const sent = indexed.map((frame) => JSON.parse(frame.slice('data: '.length)).choices[0].delta.tool_calls);
      const received = events
        .filter((e) => e.data !== '[DONE]')
        .map((e) => JSON.parse(e.data).choices?.[0]?.delta?.tool_calls)
        .filter(Boolean);
      expect(received).toEqual(sent);
    });
  });

  it('reports an answer that broke off as such, and never caches it', async () => {
    provider.respond = () => ({
      status: 200,
      sse: [
        cohereEvent('message-start', { id: 'x', delta: { message: { role: 'assistant' } } }),
        cohereEvent('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }),
        cohereEvent('content-delta', { index: 0, delta: { message: { content: { text: 'The capital of France is' } } } }),
        cohereEvent('message-end', { delta: { finish_reason: 'ERROR', usage: { tokens: { input_tokens: 3, output_tokens: 5 } } } }),
      ],
    });
    const events = await readSse(await stream('cohere', 'What is the capital of France?'));
    const finishes = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices?.[0]?.finish_reason).filter(Boolean);
    expect(finishes).toEqual(['error']);
    await new Promise((r) => setTimeout(r, 300));
    const again = await stream('cohere', 'What is the capital of France?');
    expect(again.headers.get('x-cache-status')).not.toBe('Hit');
    await readSse(again);
  });

  it('counts the first-token timeout from the attempt, not from the headers', async () => {
    // Headers at 0.6 s, the first token at 1.5 s: past the 1 s allowed.
    provider.respond = () => ({ status: 200, delayMs: 600, sseGapMs: 900, sse: [': waiting\n\n', chunk({ role: 'assistant', content: 'Late.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] });
    const res = await stream('openai', 'Hello');
    expect(res.status).toBe(504);
    expect(JSON.parse(await res.text()).error.code).toBe('provider_timeout');
  });

  it('fails a legacy completions stream whose first text comes later than the first-token timeout, before any byte is sent', async () => {
    const text = (t: string, finish: string | null = null) => `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: t, finish_reason: finish }] })}\n\n`;
    provider.respond = () => ({ status: 200, sseGapMs: 2000, sse: [': waiting\n\n', text('Late.', 'stop'), 'data: [DONE]\n\n'] });
    const started = Date.now();
    const res = await fetch(`${stack.standin.url}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'Hello', stream: true }) });
    const body = await res.text();
    expect(res.status).toBe(504);
    expect(JSON.parse(body).error.code).toBe('provider_timeout');
    expect(body).not.toContain('Late.');
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it("asks a legacy completions stream for the provider's usage, as chat streams do; the client gets it only when it asked", async () => {
    const text = (t: string, finish: string | null = null) => `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: t, finish_reason: finish, logprobs: null }] })}\n\n`;
    const asked: unknown[] = [];
    const answer = [': keep-alive\n\n', text('Hello'), text(' there', 'stop')];
    const usage = `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;
    provider.respond = (req) => {
      const sent = JSON.parse(req.body.toString('utf8'));
      asked.push(sent.stream_options);
      return { status: 200, sse: [...answer, ...(sent.stream_options?.include_usage ? [usage] : []), 'data: [DONE]\n\n'] };
    };
    const complete = async (extra: Record<string, unknown>) =>
      (await fetch(`${stack.standin.url}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'Hello', stream: true, ...extra }) })).text();
    // The rest of the stream as the provider sent it, byte for byte.
    expect(await complete({})).toBe([...answer, 'data: [DONE]\n\n'].join(''));
    expect(asked.at(-1)).toEqual({ include_usage: true });
    expect(await complete({ stream_options: { include_usage: true } })).toBe([...answer, usage, 'data: [DONE]\n\n'].join(''));
  });

  it('lets an answer pause longer than the first-token timeout once it has begun', async () => {
    provider.respond = () => ({ status: 200, sseGapMs: 1300, sse: [chunk({ role: 'assistant', content: 'Part one,' }), chunk({ content: ' part two.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] });
    const events = await readSse(await stream('openai', 'Hello'));
    expect(textOf(events)).toBe('Part one, part two.');
    expect(events.at(-1)!.data).toBe('[DONE]');
  });
});
