import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { MockClient, type SseResult } from './client';
import { startMockLlm, type MockLlm } from './server';

// ---- minimal wire shapes read by the tests ----------------------------------------
interface OpenAiUsage { prompt_tokens: number; completion_tokens: number; total_tokens: number }
interface OpenAiToolCall { index?: number; id?: string; type?: string; function: { name?: string; arguments: string } }
interface ChatCompletion {
  choices: { message: { content: string | null; tool_calls?: OpenAiToolCall[] }; finish_reason: string }[];
  usage: OpenAiUsage;
}
interface ChatChunk {
  object: string;
  choices: { delta: { role?: string; content?: string | null; tool_calls?: OpenAiToolCall[] }; finish_reason: string | null }[];
  usage?: OpenAiUsage | null;
}
interface AnthropicMessage {
  content: { type: string; text?: string; name?: string; input?: Record<string, unknown> }[];
  stop_reason: string;
  usage: { input_tokens: number; output_tokens: number };
}
interface GeminiResponse {
  candidates: { content: { role: string; parts: { text?: string; functionCall?: { name: string; args: Record<string, unknown> } }[] }; finishReason?: string }[];
  usageMetadata: { promptTokenCount: number; candidatesTokenCount?: number; totalTokenCount: number };
}

const OPENAI_AUTH = { authorization: 'Bearer sk-test-1' };
const ANTHROPIC_AUTH = { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };
const GEMINI_AUTH = { 'x-goog-api-key': 'g-key' };
const WEATHER_TOOL_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer' } },
  required: ['city'],
};

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });
const claude = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content }], ...extra });
const gemini = (text: string, extra: Record<string, unknown> = {}) => ({ contents: [{ role: 'user', parts: [{ text }] }], ...extra });

const data = <T>(result: SseResult): T[] => result.events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as T);

let mock: MockLlm;
let client: MockClient;

beforeAll(async () => {
  mock = await startMockLlm();
  client = new MockClient(mock.url);
});
afterAll(async () => {
  await client.close();
  await mock.close();
});
beforeEach(() => mock.reset());

describe('OpenAI chat completions', () => {
  test('plain answer has the chat.completion shape and consistent usage', async () => {
    const res = await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('What is the capital of France?') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      system_fingerprint: expect.any(String),
      choices: [{ index: 0, message: { role: 'assistant', content: expect.stringMatching(/^Mock answer to: What is the capital of France\?/) }, finish_reason: 'stop', logprobs: null }],
    });
    expect(res.json).toHaveProperty('id', expect.stringMatching(/^chatcmpl-/));
    expect(res.json).toHaveProperty('created', expect.any(Number));
    const { usage } = res.json;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBe(32);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  test('streaming sends role chunk, content deltas, finish chunk, usage chunk, [DONE]', async () => {
    const prompt = 'Tell me a story about gateways';
    const plain = await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat(prompt) });
    const res = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat(prompt, { stream: true, stream_options: { include_usage: true } }) });
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.events[res.events.length - 1]?.data).toBe('[DONE]');

    const chunks = data<ChatChunk>(res);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    const usageChunk = chunks[chunks.length - 1];
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toEqual(expect.objectContaining(plain.json.usage));
    const finish = chunks[chunks.length - 2];
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });

    const deltas = chunks.slice(1, -2);
    expect(deltas).toHaveLength(plain.json.usage.completion_tokens);
    expect(deltas.map((c) => c.choices[0]?.delta.content).join('')).toBe(plain.json.choices[0]?.message.content);
  });

  test('without include_usage there is no usage chunk', async () => {
    const res = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hi', { stream: true }) });
    const chunks = data<ChatChunk>(res);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  test('tool call on [[mock:tool]], plain and streamed', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: WEATHER_TOOL_SCHEMA } }];
    const body = chat('Weather in Paris? [[mock:tool]]', { tools });
    const plain = await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body });
    const choice = plain.json.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call).toMatchObject({ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({ city: 'mock-city', unit: 'celsius', days: 1 });

    const res = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: { ...body, stream: true } });
    const chunks = data<ChatChunk>(res);
    const first = chunks[0]?.choices[0]?.delta.tool_calls?.[0];
    expect(first).toMatchObject({ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '' } });
    const args = chunks.slice(1).map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function.arguments ?? '').join('');
    expect(args).toBe(call?.function.arguments);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  test('tool_choice forcing a function calls it without a directive; tool results get a text answer', async () => {
    const tools = [
      { type: 'function', function: { name: 'a', parameters: { type: 'object', properties: {} } } },
      { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } },
    ];
    const forced = await client.json<ChatCompletion>('/v1/chat/completions', {
      headers: OPENAI_AUTH,
      body: chat('find it', { tools, tool_choice: { type: 'function', function: { name: 'lookup' } } }),
    });
    expect(forced.json.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('lookup');

    const afterTool = await client.json<ChatCompletion>('/v1/chat/completions', {
      headers: OPENAI_AUTH,
      body: {
        model: 'gpt-4o',
        tools,
        messages: [
          { role: 'user', content: 'find it [[mock:tool]]' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '42' },
        ],
      },
    });
    expect(afterTool.json.choices[0]?.finish_reason).toBe('stop');
    expect(afterTool.json.choices[0]?.message.content).toMatch(/^Mock answer to: find it/);
  });

  test('max_tokens truncates with finish_reason length; [[mock:tokens]] sets the length', async () => {
    const short = await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hello', { max_tokens: 3 }) });
    expect(short.json.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'Mock answer to' } });
    expect(short.json.usage.completion_tokens).toBe(3);
    const long = await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hello [[mock:tokens=200]]') });
    expect(long.json.usage.completion_tokens).toBe(200);
    expect(long.json.choices[0]?.finish_reason).toBe('stop');
    expect(long.json.choices[0]?.message.content).not.toContain('[[mock');
  });
});

describe('OpenAI legacy completions, embeddings, models', () => {
  test('completions plain and streamed', async () => {
    const body = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' };
    const plain = await client.json<{ object: string; choices: { text: string; finish_reason: string }[]; usage: OpenAiUsage }>('/v1/completions', { headers: OPENAI_AUTH, body });
    expect(plain.json).toMatchObject({ object: 'text_completion', choices: [{ index: 0, logprobs: null, finish_reason: 'stop' }] });
    expect(plain.json.choices[0]?.text).toMatch(/^Mock answer to: Say this is a test/);

    const res = await client.sse('/v1/completions', { headers: OPENAI_AUTH, body: { ...body, stream: true, stream_options: { include_usage: true } } });
    expect(res.events[res.events.length - 1]?.data).toBe('[DONE]');
    const chunks = data<{ choices: { text: string; finish_reason: string | null }[]; usage?: OpenAiUsage }>(res);
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe(plain.json.choices[0]?.text);
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[chunks.length - 1]?.usage).toEqual(plain.json.usage);
  });

  test('embeddings: deterministic unit vectors, dimensions, base64, token arrays', async () => {
    type Embeddings = { object: string; data: { object: string; index: number; embedding: number[] | string }[]; usage: { prompt_tokens: number; total_tokens: number } };
    const call = (body: Record<string, unknown>) => client.json<Embeddings>('/v1/embeddings', { headers: OPENAI_AUTH, body: { model: 'text-embedding-3-small', ...body } });
    const res = await call({ input: ['the quick brown fox', 'the quick brown fox jumps', 'tax law of 1999'] });
    expect(res.json).toMatchObject({ object: 'list', model: 'text-embedding-3-small' });
    const vectors = res.json.data.map((d) => d.embedding as number[]);
    expect(vectors.map((v) => v.length)).toEqual([256, 256, 256]);
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    for (const v of vectors) expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    expect(dot(vectors[0] ?? [], vectors[1] ?? [])).toBeGreaterThan(dot(vectors[0] ?? [], vectors[2] ?? []));
    expect(res.json.usage.prompt_tokens).toBe(res.json.usage.total_tokens);
    expect(res.json.usage.prompt_tokens).toBeGreaterThan(0);

    const again = await call({ input: 'the quick brown fox', dimensions: 64 });
    const again2 = await call({ input: 'the quick brown fox', dimensions: 64, encoding_format: 'base64' });
    const floats = again.json.data[0]?.embedding as number[];
    expect(floats).toHaveLength(64);
    const bytes = Buffer.from(again2.json.data[0]?.embedding as string, 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(floats);

    const tokens = await call({ input: [[1, 2, 3], [4, 5]] });
    expect(tokens.json.data).toHaveLength(2);
    expect(tokens.json.usage.prompt_tokens).toBe(5);
  });

  test('models list', async () => {
    const res = await client.json<{ object: string; data: { id: string; object: string }[] }>('/v1/models', { headers: OPENAI_AUTH });
    expect(res.json.object).toBe('list');
    expect(res.json.data[0]).toMatchObject({ object: 'model', id: expect.any(String) });
  });
});

describe('Azure OpenAI', () => {
  const azurePath = '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21';

  test('chat with api-key; model is the deployment', async () => {
    const res = await client.json<ChatCompletion & { model: string }>(azurePath, { headers: { 'api-key': 'az-key' }, body: { messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.status).toBe(200);
    expect(res.json.model).toBe('my-gpt');
    expect(mock.requests[0]).toMatchObject({ provider: 'azure', model: 'my-gpt', headers: { 'api-key': 'az-key' } });
  });

  test('missing key gets Azure 401; missing api-version gets 404', async () => {
    const noKey = await client.json(azurePath, { body: chat('hi') });
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ error: { code: '401', message: expect.stringContaining('Access denied') } });
    const noVersion = await client.json('/openai/deployments/my-gpt/chat/completions', { headers: { 'api-key': 'k' }, body: chat('hi') });
    expect(noVersion.status).toBe(404);
  });

  test('embeddings and streaming', async () => {
    const emb = await client.json<{ data: { embedding: number[] }[] }>('/openai/deployments/emb/embeddings?api-version=2024-10-21', { headers: { 'api-key': 'k' }, body: { input: 'x' } });
    expect(emb.json.data[0]?.embedding).toHaveLength(256);
    const res = await client.sse(azurePath, { headers: { 'api-key': 'k' }, body: { messages: [{ role: 'user', content: 'hi' }], stream: true } });
    expect(res.events[res.events.length - 1]?.data).toBe('[DONE]');
  });
});

describe('Anthropic messages', () => {
  test('plain message with usage', async () => {
    const res = await client.json<AnthropicMessage>('/v1/messages', {
      headers: ANTHROPIC_AUTH,
      body: claude('Explain rate limits', { system: 'You are terse.' }),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: expect.stringMatching(/^Mock answer to: Explain rate limits/) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: expect.any(Number), output_tokens: 32 },
    });
  });

  test('content blocks in messages are read', async () => {
    const res = await client.json<AnthropicMessage>('/v1/messages', {
      headers: ANTHROPIC_AUTH,
      body: { model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: 'block text' }] }] },
    });
    expect(res.json.content[0]?.text).toMatch(/^Mock answer to: block text/);
    expect(res.json.stop_reason).toBe('max_tokens');
  });

  test('missing max_tokens or anthropic-version is a 400 invalid_request_error', async () => {
    const noMax = await client.json('/v1/messages', { headers: ANTHROPIC_AUTH, body: { model: 'claude', messages: [{ role: 'user', content: 'hi' }] } });
    expect(noMax.status).toBe(400);
    expect(noMax.json).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
    const noVersion = await client.json('/v1/messages', { headers: { 'x-api-key': 'k' }, body: claude('hi') });
    expect(noVersion.status).toBe(400);
  });

  test('streaming follows the exact event sequence', async () => {
    const plain = await client.json<AnthropicMessage>('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('stream me') });
    const res = await client.sse('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('stream me', { stream: true }) });
    const names = res.events.map((e) => e.event);
    const deltas = plain.json.usage.output_tokens;
    expect(names).toEqual([
      'message_start', 'content_block_start', 'ping',
      ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    for (const e of res.events) expect(JSON.parse(e.data)).toHaveProperty('type', e.event);
    const payloads = res.events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({ message: { usage: { input_tokens: plain.json.usage.input_tokens }, content: [], stop_reason: null } });
    expect(payloads[1]).toMatchObject({ index: 0, content_block: { type: 'text', text: '' } });
    const text = payloads.filter((p) => p.type === 'content_block_delta').map((p) => (p.delta as { text: string }).text).join('');
    expect(text).toBe(plain.json.content[0]?.text);
    expect(payloads[payloads.length - 2]).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas } });
  });

  test('tool_use, plain and streamed', async () => {
    const tools = [{ name: 'get_weather', description: 'weather', input_schema: WEATHER_TOOL_SCHEMA }];
    const plain = await client.json<AnthropicMessage>('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('weather [[mock:tool]]', { tools }) });
    expect(plain.json.stop_reason).toBe('tool_use');
    expect(plain.json.content[0]).toMatchObject({ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'mock-city' } });

    const res = await client.sse('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('weather [[mock:tool]]', { tools, stream: true }) });
    const payloads = res.events.map((e) => JSON.parse(e.data) as { type: string; delta?: { type: string; partial_json?: string; stop_reason?: string }; content_block?: { type: string; name: string } });
    expect(payloads[1]?.content_block).toMatchObject({ type: 'tool_use', name: 'get_weather', input: {} });
    const json = payloads.filter((p) => p.delta?.type === 'input_json_delta').map((p) => p.delta?.partial_json).join('');
    expect(JSON.parse(json)).toEqual(plain.json.content[0]?.input);
    expect(payloads.find((p) => p.type === 'message_delta')?.delta?.stop_reason).toBe('tool_use');
  });

  test('auth errors in Anthropic shape', async () => {
    const bad = await client.json('/v1/messages', { headers: { ...ANTHROPIC_AUTH, 'x-api-key': 'bad-key' }, body: claude('hi') });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
    const missing = await client.json('/v1/messages', { headers: { 'anthropic-version': '2023-06-01' }, body: claude('hi') });
    expect(missing.status).toBe(401);
  });
});

describe('Gemini', () => {
  const base = '/v1beta/models/gemini-2.5-flash';

  test('generateContent with usageMetadata; key via query', async () => {
    const res = await client.json<GeminiResponse>(`${base}:generateContent?key=q-key`, {
      body: gemini('Why is the sky blue?', { systemInstruction: { parts: [{ text: 'Be brief' }] }, generationConfig: { temperature: 0 } }),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      candidates: [{ content: { role: 'model', parts: [{ text: expect.stringMatching(/^Mock answer to: Why is the sky blue\?/) }] }, finishReason: 'STOP', index: 0 }],
      modelVersion: 'gemini-2.5-flash',
    });
    const usage = res.json.usageMetadata;
    expect(usage.candidatesTokenCount).toBe(32);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + 32);
    expect(mock.requests[0]?.query).toEqual({ key: 'q-key' });
  });

  test('streamGenerateContent with alt=sse', async () => {
    const plain = await client.json<GeminiResponse>(`${base}:generateContent`, { headers: GEMINI_AUTH, body: gemini('stream please') });
    const res = await client.sse(`${base}:streamGenerateContent?alt=sse`, { headers: GEMINI_AUTH, body: gemini('stream please') });
    expect(res.headers['content-type']).toContain('text/event-stream');
    const chunks = data<GeminiResponse>(res);
    expect(chunks).toHaveLength(32);
    expect(chunks.map((c) => c.candidates[0]?.content.parts[0]?.text).join('')).toBe(plain.json.candidates[0]?.content.parts[0]?.text);
    const last = chunks[chunks.length - 1];
    expect(last?.candidates[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata).toEqual(plain.json.usageMetadata);
    expect(chunks.slice(0, -1).every((c) => c.candidates[0]?.finishReason === undefined)).toBe(true);
  });

  test('streamGenerateContent without alt=sse streams a JSON array', async () => {
    const res = await client.raw(`${base}:streamGenerateContent`, { headers: GEMINI_AUTH, body: gemini('array please [[mock:tokens=6]]') });
    expect(res.headers['content-type']).toContain('application/json');
    const array = JSON.parse(res.text) as GeminiResponse[];
    expect(array).toHaveLength(6);
    expect(array[5]?.candidates[0]?.finishReason).toBe('STOP');
  });

  test('functionCall for tools, plain and streamed', async () => {
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } }] }];
    const body = gemini('weather? [[mock:tool]]', { tools });
    const res = await client.json<GeminiResponse>(`${base}:generateContent`, { headers: GEMINI_AUTH, body });
    expect(res.json.candidates[0]?.content.parts[0]).toEqual({ functionCall: { name: 'get_weather', args: { city: 'mock-city' } } });
    expect(res.json.candidates[0]?.finishReason).toBe('STOP');
    const streamed = data<GeminiResponse>(await client.sse(`${base}:streamGenerateContent?alt=sse`, { headers: GEMINI_AUTH, body }));
    expect(streamed[streamed.length - 1]?.candidates[0]?.content.parts[0]?.functionCall?.name).toBe('get_weather');

    const forced = await client.json<GeminiResponse>(`${base}:generateContent`, {
      headers: GEMINI_AUTH,
      body: gemini('no directive', { tools, toolConfig: { functionCallingConfig: { mode: 'ANY' } } }),
    });
    expect(forced.json.candidates[0]?.content.parts[0]?.functionCall?.name).toBe('get_weather');
  });

  test('embedContent and batchEmbedContents', async () => {
    const one = await client.json<{ embedding: { values: number[] } }>('/v1beta/models/text-embedding-004:embedContent', {
      headers: GEMINI_AUTH,
      body: { content: { parts: [{ text: 'hello world' }] }, outputDimensionality: 32 },
    });
    expect(one.json.embedding.values).toHaveLength(32);
    const batch = await client.json<{ embeddings: { values: number[] }[] }>('/v1beta/models/text-embedding-004:batchEmbedContents', {
      headers: GEMINI_AUTH,
      body: { requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'hello world' }] }, outputDimensionality: 32 }, { content: { parts: [{ text: 'b' }] } }] },
    });
    expect(batch.json.embeddings[0]?.values).toEqual(one.json.embedding.values);
    expect(batch.json.embeddings[1]?.values).toHaveLength(768);
  });

  test('errors in Google shape', async () => {
    const bad = await client.json(`${base}:generateContent?key=bad-key`, { body: gemini('hi') });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 400, message: expect.any(String), status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } });
    const missing = await client.json(`${base}:generateContent`, { body: gemini('hi') });
    expect(missing.status).toBe(403);
    const noContents = await client.json(`${base}:generateContent`, { headers: GEMINI_AUTH, body: {} });
    expect(noContents.status).toBe(400);
    expect(noContents.json).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });
});

describe('determinism and usage', () => {
  const answer = async (prompt: string) =>
    (await client.json<ChatCompletion>('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat(prompt) })).json;

  test('same prompt, same answer; different prompt, different answer', async () => {
    const a = await answer('one two three');
    const b = await answer('one two three');
    const c = await answer('one two four');
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    expect(a.usage).toEqual(b.usage);
    expect(c.choices[0]?.message.content).not.toBe(a.choices[0]?.message.content);
  });

  test('the same prompt gets the same text from every provider', async () => {
    const openai = (await answer('provider neutral')).choices[0]?.message.content;
    const anthropic = await client.json<AnthropicMessage>('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('provider neutral') });
    const google = await client.json<GeminiResponse>('/v1beta/models/g:generateContent', { headers: GEMINI_AUTH, body: gemini('provider neutral') });
    expect(anthropic.json.content[0]?.text).toBe(openai);
    expect(google.json.candidates[0]?.content.parts[0]?.text).toBe(openai);
  });

  test('prompt tokens grow with the prompt', async () => {
    const short = await answer('short prompt');
    const long = await answer('a much longer prompt '.repeat(50));
    expect(long.usage.prompt_tokens).toBeGreaterThan(short.usage.prompt_tokens + 100);
  });
});

describe('failure modes', () => {
  test('429 carries retry-after in every provider shape', async () => {
    const openai = await client.json('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:fail=429]]') });
    expect(openai.status).toBe(429);
    expect(openai.headers['retry-after']).toBe('1');
    expect(openai.json).toMatchObject({ error: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message: expect.any(String) } });

    const anthropic = await client.json('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('x [[mock:fail=429,retry-after=7]]') });
    expect(anthropic.status).toBe(429);
    expect(anthropic.headers['retry-after']).toBe('7');
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });

    const google = await client.json('/v1beta/models/g:generateContent', { headers: GEMINI_AUTH, body: gemini('x [[mock:fail=429]]') });
    expect(google.status).toBe(429);
    expect(google.headers['retry-after']).toBe('1');
    expect(google.json).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
  });

  test('500 and 503 in provider shapes; streaming requests fail before the stream', async () => {
    const e500 = await client.json('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:fail=500]]', { stream: true }) });
    expect(e500.status).toBe(500);
    expect(e500.headers['content-type']).toContain('application/json');
    expect(e500.json).toMatchObject({ error: { type: 'server_error' } });
    const e503 = await client.json('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('x [[mock:fail=503]]') });
    expect(e503.status).toBe(503);
    expect(e503.json).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    const g503 = await client.json('/v1beta/models/g:streamGenerateContent?alt=sse', { headers: GEMINI_AUTH, body: gemini('x [[mock:fail=503]]') });
    expect(g503.json).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });

  test('hang never answers; the client timeout ends it and the server notices', async () => {
    const started = Date.now();
    await expect(
      client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:hang]]'), signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await waitFor(() => mock.requests[0]?.outcome === 'aborted');
    expect(mock.requests[0]?.status).toBeUndefined();
  });

  test('cut stream: N content chunks then a broken connection without [DONE] / message_stop', async () => {
    const openai = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:cut=5]]', { stream: true }) });
    expect(openai.status).toBe(200);
    expect(openai.error).toBeDefined();
    expect(openai.events.some((e) => e.data === '[DONE]')).toBe(false);
    expect(openai.events).toHaveLength(1 + 5);

    const anthropic = await client.sse('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('x [[mock:cut=3]]', { stream: true }) });
    expect(anthropic.error).toBeDefined();
    expect(anthropic.events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_delta']);

    const google = await client.raw('/v1beta/models/g:streamGenerateContent', { headers: GEMINI_AUTH, body: gemini('x [[mock:cut=2]]') });
    expect(google.error).toBeDefined();
    expect(() => JSON.parse(google.text) as unknown).toThrow();
    await waitFor(() => mock.requests.every((r) => r.outcome === 'cut'));
  });

  test('cut plain answer: headers and half a body, then a broken connection', async () => {
    const res = await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:cut=1]]') });
    expect(res.status).toBe(200);
    expect(res.error).toBeDefined();
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  test('auth: missing or bad-key gets OpenAI 401; any other key passes and is logged', async () => {
    const missing = await client.json('/v1/chat/completions', { body: chat('hi') });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    const bad = await client.json('/v1/chat/completions', { headers: { authorization: 'Bearer bad-key' }, body: chat('hi') });
    expect(bad.status).toBe(401);
    const good = await client.json('/v1/chat/completions', { headers: { authorization: 'Bearer anything-else' }, body: chat('hi') });
    expect(good.status).toBe(200);
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer bad-key', 'Bearer anything-else']);
  });

  test('malformed JSON is a 400 in the provider shape', async () => {
    const openai = await client.json('/v1/chat/completions', { headers: { ...OPENAI_AUTH, 'content-type': 'application/json' }, body: '{"model":' });
    expect(openai.status).toBe(400);
    expect(openai.json).toMatchObject({ error: { type: 'invalid_request_error' } });
    const anthropic = await client.json('/v1/messages', { headers: { ...ANTHROPIC_AUTH, 'content-type': 'application/json' }, body: 'nope' });
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const google = await client.json('/v1beta/models/g:generateContent', { headers: { ...GEMINI_AUTH, 'content-type': 'application/json' }, body: '[' });
    expect(google.json).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(mock.requests[0]?.body).toBe('{"model":');
  });

  test('unknown paths get a 404', async () => {
    const res = await client.json('/v1/nope', { headers: OPENAI_AUTH, body: {} });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('timing', () => {
  test('latency delays the headers', async () => {
    const res = await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:latency=200]]') });
    expect(res.status).toBe(200);
    expect(res.headersMs).toBeGreaterThanOrEqual(195);
  });

  test('ttft delays the first event, not the headers; rate spreads tokens', async () => {
    const res = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:ttft=250,tokens=10,rate=50]]', { stream: true }) });
    expect(res.events[0]?.atMs).toBeGreaterThanOrEqual(245);
    expect(res.headersMs).toBeLessThan(res.events[0]?.atMs ?? 0);
    // 10 tokens at 50/s: 9 gaps of 20 ms after the first token.
    expect(res.totalMs).toBeGreaterThanOrEqual(245 + 170);
  });

  test('plain answers take ttft + tokens / rate', async () => {
    const res = await client.raw('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('x [[mock:ttft=100,tokens=20,rate=100]]') });
    expect(res.headersMs).toBeGreaterThanOrEqual(295);
  });

  test('a client leaving mid-stream stops the work', async () => {
    await expect(
      client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:tokens=1000,rate=20]]', { stream: true }), signal: AbortSignal.timeout(250) }),
    ).resolves.toMatchObject({ error: expect.any(Error) });
    await waitFor(() => mock.requests[0]?.outcome === 'aborted');
  });

  test('back-pressure: a slow reader still gets the whole long stream', async () => {
    const res = await client.sse('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('x [[mock:tokens=20000]]', { stream: true }), readDelayMs: 300 });
    expect(res.error).toBeUndefined();
    expect(res.events).toHaveLength(1 + 20000 + 1 + 1);
    expect(mock.requests[0]?.outcome).toBe('ok');
  });
});

describe('control API', () => {
  test('program over HTTP: times, match, then back to normal', async () => {
    const programmed = await client.json('/__mock/program', {
      body: { match: { path: '/v1/chat/completions', model: 'gpt-4o-mini' }, times: 2, behaviour: { fail: 503, retryAfter: 2 } },
    });
    expect(programmed.status).toBe(200);
    const statuses: number[] = [];
    const other = await client.json('/v1/chat/completions', { headers: OPENAI_AUTH, body: { ...chat('hi'), model: 'gpt-4o' } });
    for (let i = 0; i < 3; i++) statuses.push((await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hi') })).status);
    expect(other.status).toBe(200);
    expect(statuses).toEqual([503, 503, 200]);
    expect(mock.requests[1]?.behaviour).toMatchObject({ fail: 503, retryAfter: 2 });
  });

  test('programs queue in order and match by provider', async () => {
    mock.program({ match: { provider: 'anthropic' }, behaviour: { fail: 529 } });
    mock.program({ behaviour: { fail: 500 } });
    mock.program({ match: { provider: 'anthropic' }, times: 'forever', behaviour: { tokens: 3 } });
    const openai = await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hi') });
    const a1 = await client.json('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('hi') });
    const a2 = await client.json<AnthropicMessage>('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('hi') });
    const a3 = await client.json<AnthropicMessage>('/v1/messages', { headers: ANTHROPIC_AUTH, body: claude('hi') });
    expect(openai.status).toBe(500);
    expect(a1.status).toBe(529);
    expect(a1.json).toMatchObject({ error: { type: 'overloaded_error' } });
    expect(a2.json.usage.output_tokens).toBe(3);
    expect(a3.json.usage.output_tokens).toBe(3);
    expect(mock.pending()).toHaveLength(1);
  });

  test('defaults, request log and reset over HTTP', async () => {
    const set = await client.json<{ defaults: Record<string, number> }>('/__mock/defaults', { body: { latencyMs: 150 } });
    expect(set.json.defaults).toEqual({ latencyMs: 150 });
    const slow = await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hi') });
    expect(slow.headersMs).toBeGreaterThanOrEqual(145);

    const log = await client.json<{ path: string; headers: Record<string, string>; body: { model: string } }[]>('/__mock/requests');
    expect(log.json).toHaveLength(1);
    expect(log.json[0]).toMatchObject({ path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test-1' }, body: { model: 'gpt-4o-mini' } });

    await client.json('/__mock/program', { body: { behaviour: { fail: 500 } } });
    await client.json('/__mock/reset', { method: 'POST', body: {} });
    expect((await client.json<unknown[]>('/__mock/requests')).json).toEqual([]);
    expect((await client.json<{ defaults: object }>('/__mock/defaults')).json.defaults).toEqual({});
    const fast = await client.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('hi') });
    expect(fast.status).toBe(200);
  });

  test('invalid programs are rejected with 400', async () => {
    const res = await client.json<{ error: string }>('/__mock/program', { body: { behaviour: { fial: 500 } } });
    expect(res.status).toBe(400);
    expect(res.json.error).toContain('fial');
    expect(() => mock.program({ times: 0, behaviour: {} })).toThrow();
  });

  test('keep-alive: sequential requests reuse one connection', async () => {
    const fresh = new MockClient(mock.url, { connections: 1 });
    try {
      await fresh.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('a') });
      await fresh.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('b', { stream: true }) });
      await fresh.raw('/v1/chat/completions', { headers: OPENAI_AUTH, body: chat('c') });
    } finally {
      await fresh.close();
    }
    const ids = new Set(mock.requests.map((r) => r.connection));
    expect(ids.size).toBe(1);
  });
});

describe('CLI', () => {
  test('prints the URL, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, 'main.js'), '--port', '0', '--latency', '10'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const cli = new MockClient(url);
      const health = await cli.json<{ ok: boolean }>('/__mock/health');
      const defaults = await cli.json<{ defaults: object }>('/__mock/defaults');
      await cli.close();
      expect(health.json.ok).toBe(true);
      expect(defaults.json.defaults).toEqual({ latencyMs: 10 });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}
