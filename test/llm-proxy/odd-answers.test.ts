import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse, chatChunk as chunk } from '../support/sse';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { encodeEventStream } from '../../plugins/core/providers/aws-eventstream';

jest.setTimeout(60_000);

/**
 * Answers that are not what the bridge asked for, as providers and the proxies before them do send them: an error
 * under a 200; a stream that ends after its last finish without the end marker; a whole answer to a stream request;
 * a compressed answer; a body that goes on after the stream's end marker. The client gets the provider's error
 * (or the next target's answer), never a crash message or an empty answer, and a finished answer is one.
 */
const AWS = { aws_access_key_id: 'AKIDEXAMPLE', aws_secret_access_key: 'secretsecretsecret' };
const text = (t: string, finish: string | null = null) => `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: t, finish_reason: finish }] })}\n\n`;
const frame = (event: string, payload: Record<string, unknown>) =>
  encodeEventStream({ headers: { ':message-type': 'event', ':event-type': event, ':content-type': 'application/json' }, payload: Buffer.from(JSON.stringify(payload)) });
const completion = (content: string) => ({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });

describe('llm-proxy when the provider answers something else than an answer', () => {
  let provider: CaptureServer;
  let raw: http.Server;
  /** The raw provider: answers with bytes as scripted, and records the headers of each request. */
  let rawAnswer: (res: http.ServerResponse) => void = (res) => res.end();
  const rawRequests: http.IncomingHttpHeaders[] = [];
  const rawPorts: number[] = [];
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    raw = http.createServer((req, res) => {
      rawRequests.push(req.headers);
      rawPorts.push(req.socket.remotePort!);
      req.resume();
      req.on('end', () => rawAnswer(res));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const target = (name: string, kind: string, model: string, extra: Record<string, unknown> = {}) => ({ name, provider: kind, model, upstream_url: provider.url, auth: { api_key: 'sk-test-0123456789' }, ...extra });
    const proxy = (targets: object[], extra: Record<string, unknown> = {}) => ({ name: 'llm-proxy', config: { targets, balancer: { retries: 0 }, ...extra } });
    const second = target('second', 'openai', 'model-two', { priority: 1 });
    const fallback = { balancer: { retries: 1, backoff_ms: 10 } };
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      declarative: declarative([
        postRoute('openai', [proxy([target('oa', 'openai', 'gpt-4o-mini')])]),
        postRoute('azure', [proxy([target('az', 'azure', 'gpt-4o')])]),
        postRoute('mistral', [proxy([target('mi', 'mistral', 'mistral-large')])]),
        postRoute('anthropic', [proxy([target('an', 'anthropic', 'claude-sonnet-4')])]),
        postRoute('gemini', [proxy([target('gm', 'gemini', 'gemini-2.5-flash')])]),
        postRoute('cohere', [proxy([target('co', 'cohere', 'command-a')])]),
        postRoute('bedrock', [proxy([target('br', 'bedrock', 'anthropic.claude-3-haiku', { auth: AWS })])]),
        postRoute('openai-fb', [proxy([target('oa', 'openai', 'gpt-4o-mini'), second], fallback)]),
        postRoute('gemini-fb', [proxy([target('gm', 'gemini', 'gemini-2.5-flash'), second], fallback)]),
        postRoute('cmpl-fb', [proxy([target('first', 'openai', 'model-one'), second], { route_type: 'llm/v1/completions', ...fallback })]),
        postRoute('cmpl', [proxy([target('oa', 'openai', 'gpt-3.5-turbo-instruct')], { route_type: 'llm/v1/completions' })]),
        postRoute('raw', [proxy([target('raw', 'openai', 'gpt-4o-mini', { upstream_url: rawUrl })])]),
        // Targets of their own, whose circuit breakers the failures asked of the others never opened.
        postRoute('keep', [proxy([target('keep', 'openai', 'gpt-4o-mini', { upstream_url: rawUrl })])]),
        postRoute('gemini-usage', [proxy([target('gu', 'gemini', 'gemini-2.5-flash')])]),
        postRoute('raw-cmpl', [proxy([target('raw-cmpl', 'openai', 'gpt-3.5-turbo-instruct', { upstream_url: rawUrl })], { route_type: 'llm/v1/completions' })]),
        postRoute('raw-small', [proxy([target('raw', 'openai', 'gpt-4o-mini', { upstream_url: rawUrl })], { max_response_body_size: 4096 })]),
        postRoute('bedrock-raw', [proxy([target('br', 'bedrock', 'anthropic.claude-3-haiku', { upstream_url: rawUrl, auth: AWS })])]),
        postRoute('cached', [{ name: 'semantic-cache', config: { exact_only: true } }, proxy([target('oa', 'openai', 'gpt-4o-mini')])]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
    raw?.closeAllConnections();
    await new Promise((resolve) => raw?.close(resolve));
  });

  const post = (route: string, body: Record<string, unknown>) =>
    fetch(`${stack.standin.url}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const chat = (stream = false) => ({ stream, messages: [{ role: 'user', content: 'hi' }] });
  const fromSecond = (req: { body: Buffer }) => JSON.parse(req.body.toString()).model === 'model-two';

  it("an error under a 200 is the provider's error (502, its message), for every provider", async () => {
    const errors: Record<string, unknown> = {
      openai: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } },
      azure: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } },
      mistral: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } },
      anthropic: { type: 'error', error: { type: 'overloaded_error', message: 'The server had an error while processing your request.' } },
      gemini: { error: { code: 500, message: 'The server had an error while processing your request.', status: 'INTERNAL' } },
      cohere: { message: 'The server had an error while processing your request.' },
      bedrock: { message: 'The server had an error while processing your request.' },
    };
    for (const [route, body] of Object.entries(errors)) {
      provider.respond = () => ({ status: 200, body });
      const res = await post(route, chat());
      const error = ((await res.json()) as { error: { message: string; code: string } }).error;
      expect([route, res.status, error.code]).toEqual([route, 502, 'provider_error']);
      expect(error.message).toContain('The server had an error while processing your request.');
    }
  });

  it('a 200 whose body has no answer in it is an error too, and so is a legacy completion without choices', async () => {
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'chat.completion' } });
    const res = await post('openai', chat());
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('provider_error');
    provider.respond = () => ({ status: 200, body: { error: { message: 'Engine overloaded.' } } });
    const cmpl = await post('cmpl', { prompt: 'hi' });
    expect(cmpl.status).toBe(502);
    expect(((await cmpl.json()) as { error: { message: string } }).error.message).toContain('Engine overloaded.');
  });

  it('the next target answers when the first one sent an error under a 200', async () => {
    for (const route of ['openai-fb', 'gemini-fb']) {
      provider.respond = (req) => (fromSecond(req) ? { status: 200, body: completion('From two.') } : { status: 200, body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } } });
      const res = await post(route, chat());
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ai-target')).toBe('second');
      expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('From two.');
    }
  });

  it('a stream that ends cleanly after its finish is complete without [DONE], and is cached', async () => {
    for (const [i, ending] of [[], ['data: [DONE]\n']].entries()) {
      provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' }), chunk({}, 'stop'), ...ending] });
      const ask = () => post('cached', { stream: true, messages: [{ role: 'user', content: `ending ${i}` }] });
      const events = await readSse(await ask());
      expect(events.map((e) => e.data).join('')).not.toContain('stream_truncated');
      expect(events.at(-1)!.data).toBe('[DONE]');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await ask();
      expect(again.headers.get('x-cache-status')).toBe('Hit');
      await again.text();
    }
  });

  it('a stream that ends cleanly before its finish is still cut', async () => {
    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' })] });
    const events = await readSse(await post('openai', chat(true)));
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe('stream_truncated');
  });

  it("a Bedrock stream is complete after messageStop, whether or not the metadata frame follows", async () => {
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      res.end(Buffer.concat([frame('messageStart', { role: 'assistant' }), frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }), frame('messageStop', { stopReason: 'end_turn' })]));
    };
    const events = await readSse(await post('bedrock-raw', chat(true)));
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(JSON.parse(events.at(-2)!.data).choices[0].finish_reason).toBe('stop');
  });

  it('a legacy completions stream is complete after its finish, and its last event reaches the client whole', async () => {
    for (const ending of [[], ['data: [DONE]\n']]) {
      provider.respond = () => ({ status: 200, sse: [text('Hello'), text(' world', 'stop'), ...ending] });
      const events = await readSse(await post('cmpl', { prompt: 'hi', stream: true }));
      expect(events.map((e) => e.data).join('')).not.toContain('stream_truncated');
      expect(JSON.parse(events.find((e) => e.data !== '[DONE]' && JSON.parse(e.data).choices[0].finish_reason)!.data).choices[0].text).toBe(' world');
      expect(events.at(-1)!.data).toBe('[DONE]');
    }
  });

  it('a legacy completions stream that fails before its first text falls back, as a chat stream does', async () => {
    provider.respond = (req) =>
      fromSecond(req) ? { status: 200, sse: [text('From two.', 'stop'), 'data: [DONE]\n\n'] } : { status: 200, sse: [': hello\n\n', 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'] };
    const res = await post('cmpl-fb', { prompt: 'hi', stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-target')).toBe('second');
    expect((await readSse(res)).map((e) => e.data)).toEqual([expect.stringContaining('From two.'), '[DONE]']);
    provider.respond = () => ({ status: 200, sse: ['data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'] });
    const alone = await post('cmpl', { prompt: 'hi', stream: true });
    expect(alone.status).toBe(502);
    expect(((await alone.json()) as { error: { message: string } }).error.message).toContain('overloaded');
  });

  it("a legacy completions stream that fails after its first text ends with the provider's error alone", async () => {
    provider.respond = () => ({ status: 200, sse: [text('Hello'), 'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'] });
    const events = await readSse(await post('cmpl', { prompt: 'hi', stream: true }));
    expect(events.map((e) => e.data)).toEqual([expect.stringContaining('Hello'), expect.stringContaining('overloaded')]);
  });

  it('a legacy completions stream cut inside an event gets its error as an event of its own', async () => {
    provider.respond = () => ({ status: 200, sse: [text('Hello'), text(' world').slice(0, 40)] });
    const events = await readSse(await post('cmpl', { prompt: 'hi', stream: true }));
    expect(JSON.parse(events[0]!.data).choices[0].text).toBe('Hello');
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe('stream_truncated');
  });

  it("the provider's own error in the middle of a stream reaches the client, without the target's key", async () => {
    const an = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    provider.respond = () => ({
      status: 200,
      sse: [
        an('message_start', { message: { id: 'm', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 3, output_tokens: 1 } } }),
        an('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        an('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
        an('error', { error: { type: 'overloaded_error', message: 'Overloaded (key sk-test-0123456789)' } }),
      ],
    });
    const events = await readSse(await post('anthropic', chat(true)));
    const error = JSON.parse(events.at(-1)!.data).error;
    expect(error.code).toBe('stream_truncated');
    expect(error.message).toContain('Overloaded');
    expect(events.map((e) => e.data).join('')).not.toContain('0123456789');
  });

  it('a Bedrock error frame is the provider’s error: a throttled stream is a 429 before the first byte, its message after it', async () => {
    const throttled = encodeEventStream({ headers: { ':message-type': 'error', ':error-code': 'ThrottlingException', ':error-message': 'Too many requests' }, payload: Buffer.alloc(0) });
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      res.end(throttled);
    };
    const before = await post('bedrock-raw', chat(true));
    expect(before.status).toBe(429);
    const error = ((await before.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('provider_rate_limited');
    expect(error.message).toContain('Too many requests');
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      res.end(Buffer.concat([frame('messageStart', { role: 'assistant' }), frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }), throttled]));
    };
    const events = await readSse(await post('bedrock-raw', chat(true)));
    expect(JSON.parse(events.at(-1)!.data).error).toMatchObject({ code: 'stream_truncated', message: expect.stringContaining('Too many requests') });
  });

  it('a whole JSON answer to a stream request (a server that ignores stream: true) reaches the client as a stream', async () => {
    provider.respond = () => ({ status: 200, body: { ...completion('Hello'), usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } } });
    const res = await post('openai', { ...chat(true), stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = await readSse(res);
    const chunks = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Hello');
    expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
    expect(events.at(-1)!.data).toBe('[DONE]');
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'Hello', finish_reason: 'stop' }] } });
    const cmpl = await readSse(await post('cmpl', { prompt: 'hi', stream: true }));
    expect(JSON.parse(cmpl[0]!.data).choices[0]).toMatchObject({ text: 'Hello', finish_reason: 'stop' });
    expect(cmpl.at(-1)!.data).toBe('[DONE]');
  });

  it('a JSON error under a 200 to a stream request is the provider’s error, and the next target answers', async () => {
    provider.respond = () => ({ status: 200, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const res = await post('anthropic', chat(true));
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('Overloaded') });
    provider.respond = (req) => (fromSecond(req) ? { status: 200, sse: [chunk({ content: 'From two.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] } : { status: 200, body: { error: { message: 'Overloaded' } } });
    const fb = await post('openai-fb', chat(true));
    expect(fb.headers.get('x-ai-target')).toBe('second');
    expect((await readSse(fb)).at(-1)!.data).toBe('[DONE]');
  });

  it('asks for gzip and reads gzip and deflate answers and streams; a bomb stops at max_response_body_size', async () => {
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(JSON.stringify(completion('Hello'))));
    };
    const res = await post('raw', chat());
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('Hello');
    expect(rawRequests.at(-1)!['accept-encoding']).toContain('gzip');
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'deflate' });
      res.end(zlib.deflateSync(chunk({ content: 'Hello' }) + chunk({}, 'stop') + 'data: [DONE]\n\n'));
    };
    const events = await readSse(await post('raw', chat(true)));
    expect(JSON.parse(events[0]!.data).choices[0].delta.content).toBe('Hello');
    expect(events.at(-1)!.data).toBe('[DONE]');
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.alloc(20_000_000, 32)));
    };
    const bomb = await post('raw-small', chat());
    expect(bomb.status).toBe(502);
    expect(((await bomb.json()) as { error: { message: string } }).error.message).toContain('max_response_body_size');
  });

  it('an answer in an encoding the bridge did not ask for is the provider’s error', async () => {
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
      res.end(zlib.brotliCompressSync(JSON.stringify(completion('Hello'))));
    };
    const res = await post('raw', chat());
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('(br)') });
  });

  it('a stream whose body ends after its end marker keeps its upstream connection, within a bound', async () => {
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'Hello' }) + chunk({}, 'stop') + 'data: [DONE]\n\n');
      setTimeout(() => res.end(), 20);
    };
    rawPorts.length = 0;

    for (let i = 0; i < 3; i++) expect((await readSse(await post('keep', chat(true)))).at(-1)!.data).toBe('[DONE]');
    expect(new Set(rawPorts).size).toBe(1);
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'Hello' }) + chunk({}, 'stop') + 'data: [DONE]\n\n');
      const late = setTimeout(() => res.end(), 5000);
      res.on('close', () => clearTimeout(late));
    };
    const started = Date.now();
    expect((await readSse(await post('keep', chat(true)))).at(-1)!.data).toBe('[DONE]');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a stream that has ended with its usage reaches the client whole while the provider holds its body open', async () => {
    let providerEnded = 0;
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ content: 'Hello' }) + chunk({}, 'stop') + `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } })}\n\n` + 'data: [DONE]\n\n');
      const late = setTimeout(() => {
        providerEnded = Date.now();
        res.end();
      }, 3000);
      res.on('close', () => {
        clearTimeout(late);
        providerEnded ||= Date.now();
      });
    };
    const events = await readSse(await post('keep', { ...chat(true), stream_options: { include_usage: true } }));
    // The provider's body was still open when the client had the whole answer.
    const openWhenAnswered = providerEnded === 0;
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(JSON.parse(events.at(-2)!.data).usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 1 });
    expect(openWhenAnswered).toBe(true);
  });

  it('a legacy completions stream reaches the client whole at its [DONE], before the bridge stops reading the body behind it', async () => {
    let providerClosed: Promise<number> = Promise.resolve(0);
    rawAnswer = (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(text('Hello') + text(' there', 'stop') + 'data: [DONE]\n\n');
      // The body stays open until the bridge lets it go (its drain's bound) or for 3 s.
      const late = setTimeout(() => res.end(), 3000);
      providerClosed = new Promise((resolve) => res.on('close', () => {
        clearTimeout(late);
        resolve(Date.now());
      }));
    };
    const events = await readSse(await post('raw-cmpl', { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello', stream: true }));
    const answered = Date.now();
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(events.slice(0, -1).map((e) => JSON.parse(e.data).choices[0].text).join('')).toBe('Hello there');
    expect(answered).toBeLessThan(await providerClosed);
  });

  it("usage a provider sends after its answer's end (Gemini) is counted", async () => {
    const gm = (data: Record<string, unknown>) => `data: ${JSON.stringify(data)}\n\n`;
    provider.respond = () => ({
      status: 200,
      sse: [gm({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }] }, finishReason: 'STOP' }] }), gm({ usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 2, totalTokenCount: 9 } })],
    });
    const events = await readSse(await post('gemini-usage', { ...chat(true), stream_options: { include_usage: true } }));
    const chunks = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
    expect(events.at(-1)!.data).toBe('[DONE]');
  });
});
