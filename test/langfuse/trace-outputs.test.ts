import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { attrs, spansOf } from '../support/otlp-decode';
import { declarative, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitFor } from '../support/wait-for';
import { chatChunk as chunk } from '../support/sse';

jest.setTimeout(60_000);

/** What a trace's generation says the model answered, whichever route and however it was sent. */
const textChunk = (text: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text, finish_reason: finish }] })}\n\n`;

describe('trace outputs', () => {
  let provider: CaptureServer;
  let langfuse: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    langfuse = await startCaptureServer();
    langfuse.respond = () => ({ status: 200, body: {} });
    const tracing = { name: 'langfuse-tracing', config: { otlp_protocol: 'http/json', host: langfuse.url, public_key: 'pk', secret_key: 'sk', flush_interval_ms: 50 } };
    const target = { name: 'm', provider: 'openai-compatible', model: 'deepseek-r1', upstream_url: provider.url, auth: { api_key: 'k' } };
    const claude = { name: 'c', provider: 'anthropic', model: 'claude-sonnet-4', upstream_url: provider.url, auth: { api_key: 'k' } };
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'llm-proxy'),
      declarative: declarative([
        postRoute('chat', [tracing, { name: 'llm-proxy', config: { targets: [target] } }]),
        postRoute('claude', [tracing, { name: 'llm-proxy', config: { targets: [claude] } }]),
        postRoute('completions', [tracing, { name: 'llm-proxy', config: { route_type: 'llm/v1/completions', targets: [target] } }]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await provider?.close();
  });

  const generationOf = async (res: Response) => {
    await res.text();
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    return attrs(await waitFor(() => spansOf(langfuse.received).find((s) => s.traceId === traceId && attrs(s)['langfuse.observation.type'] === 'generation')));
  };
  const outputOf = async (res: Response): Promise<unknown> => JSON.parse(String((await generationOf(res))['langfuse.observation.output']));
  const post = (path: string, body: Record<string, unknown>) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("records a streamed chat answer's reasoning as a whole answer's is", async () => {
    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', reasoning_content: 'Thinking it over.' }), chunk({ content: 'Paris.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'] });
    const res = await post('chat', { stream: true, messages: [{ role: 'user', content: 'Capital of France?' }] });
    expect(await outputOf(res)).toMatchObject({ content: 'Paris.', reasoning_content: 'Thinking it over.' });
  });

  it("records a legacy completion's text, whole and streamed", async () => {
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'Once upon a time.', finish_reason: 'stop' }], usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 } } });
    expect(await outputOf(await post('completions', { prompt: 'Tell a story' }))).toBe('Once upon a time.');
    provider.respond = () => ({ status: 200, sse: [textChunk('Once upon'), textChunk(' a time.', 'stop'), 'data: [DONE]\n\n'] });
    const streamed = await post('completions', { prompt: 'Tell a story', stream: true });
    expect(await outputOf(streamed)).toBe('Once upon a time.');
  });

  it("reports a Claude answer's prompt-cache writes by how long they live, as Langfuse prices them", async () => {
    const usage = { input_tokens: 10, cache_read_input_tokens: 300, cache_creation_input_tokens: 5000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 4000 }, output_tokens: 2 };
    provider.respond = () => ({ status: 200, body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage } });
    const generation = await generationOf(await post('claude', { messages: [{ role: 'user', content: 'hi' }] }));
    // No total of the writes besides: Langfuse adds up every priced key it gets.
    expect(JSON.parse(String(generation['langfuse.observation.usage_details']))).toEqual({
      input: 10,
      output: 2,
      total: 5312,
      input_cached_tokens: 300,
      input_cache_creation_5m: 1000,
      input_cache_creation_1h: 4000,
    });
  });
});
