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
    stack = await startSuiteStack({
      plugins: shipped('langfuse-tracing', 'llm-proxy'),
      declarative: declarative([
        postRoute('chat', [tracing, { name: 'llm-proxy', config: { targets: [target] } }]),
        postRoute('completions', [tracing, { name: 'llm-proxy', config: { route_type: 'llm/v1/completions', targets: [target] } }]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await langfuse?.close();
    await provider?.close();
  });

  const outputOf = async (res: Response): Promise<unknown> => {
    await res.text();
    const traceId = res.headers.get('x-langfuse-trace-id')!;
    const generation = await waitFor(() => spansOf(langfuse.received).find((s) => s.traceId === traceId && attrs(s)['langfuse.observation.type'] === 'generation'));
    return JSON.parse(String(attrs(generation)['langfuse.observation.output']));
  };
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
});
