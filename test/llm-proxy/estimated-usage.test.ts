import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { chunksOf, readSse, chatChunk as chunk } from '../support/sse';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * Usage the gateway counts itself when a provider sends none (as several self-hosted servers do in streams): every
 * text the model wrote counts, its reasoning and its calls' arguments as much as its content, or budgets miss them.
 */
/** About 300 tokens of tool-call arguments, as a model streams them, in 50-character pieces. */
const ARGUMENTS = JSON.stringify({ city: 'Paris', notes: 'word '.repeat(300) });
const pieces = (text: string) => Array.from({ length: Math.ceil(text.length / 50) }, (_, i) => text.slice(i * 50, i * 50 + 50));

describe('llm-proxy usage estimated without the provider’s', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      declarative: declarative([
        postRoute('self-hosted', [
          { name: 'llm-proxy', config: { targets: [{ name: 'vllm', provider: 'openai-compatible', model: 'my-llama', upstream_url: `${provider.url}/v1`, auth: { api_key: 'k' } }], balancer: { retries: 0 } } },
        ]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const ask = (body: Record<string, unknown>) =>
    fetch(`${stack.standin.url}/self-hosted`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'weather in Paris?' }], ...body }) });
  const streamedUsage = async () => {
    const res = await ask({ stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    return chunksOf(await readSse(res)).at(-1)!.usage;
  };

  it('counts the arguments of a streamed tool call', async () => {
    provider.respond = () => ({
      status: 200,
      sse: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
        ...pieces(ARGUMENTS).map((part) => chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] })),
        chunk({}, 'tool_calls'),
        'data: [DONE]\n\n',
      ],
      sseGapMs: 0,
    });
    expect((await streamedUsage()).completion_tokens).toBeGreaterThan(250);
  });

  it('counts the reasoning of a streamed answer', async () => {
    provider.respond = () => ({
      status: 200,
      sse: [chunk({ role: 'assistant', content: '' }), ...Array.from({ length: 300 }, () => chunk({ reasoning_content: 'think ' })), chunk({ content: 'ok' }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
      sseGapMs: 0,
    });
    expect((await streamedUsage()).completion_tokens).toBeGreaterThan(250);
  });

  it('counts the calls and reasoning of a whole answer', async () => {
    provider.respond = () => ({
      status: 200,
      body: {
        id: 'c2',
        object: 'chat.completion',
        created: 1,
        model: 'my-llama',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, reasoning_content: 'think '.repeat(300), tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: ARGUMENTS } }] },
            finish_reason: 'tool_calls',
          },
        ],
      },
    });
    const res = await ask({});
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ai-usage-estimated')).toBe('true');
    expect(Number(res.headers.get('x-ai-usage-completion-tokens'))).toBeGreaterThan(550);
  });
});
