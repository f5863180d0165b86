import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { declarative, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(90_000);

/**
 * semantic-router whose (remote) embeddings are down when it starts: with on_error pass its prompts go to the default
 * route, said so, and once the embeddings are back the router builds its model again and routes as configured.
 */
const BILLING = [1, 0, 0];
const OTHER = [0, 1, 0];
const completion = { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };

describe('semantic-router while its embeddings are down', () => {
  let server: CaptureServer;
  let stack: SuiteStack;
  let embeddingsUp = false;

  beforeAll(async () => {
    server = await startCaptureServer();
    server.respond = (req) => {
      if (!req.path.endsWith('/embeddings')) return { status: 200, body: completion };
      if (!embeddingsUp) return { status: 503, body: { error: { message: 'down' } } };
      const input = JSON.parse(req.body.toString('utf8')).input as string[];
      return { status: 200, body: { data: input.map((text, index) => ({ index, embedding: /invoice|bill|refund/i.test(text) ? BILLING : OTHER })) } };
    };
    const target = (name: string) => ({ name, provider: 'openai', model: `${name}-model`, upstream_url: server.url, auth: { api_key: 'k' } });
    stack = await startSuiteStack({
      plugins: shipped('semantic-router', 'llm-proxy'),
      declarative: declarative([
        postRoute('chat', [
          {
            name: 'semantic-router',
            config: {
              embedding: { engine: 'openai', url: `${server.url}/v1`, api_key: 'sk-embed' },
              routes: [
                { name: 'billing', utterances: ['I need a refund for my invoice', 'Why is my bill so high?', 'Send me last month’s invoice'], targets: ['billing'] },
                { name: 'weather', utterances: ['Will it rain tomorrow?', 'How warm is it outside?', 'Forecast for the weekend'], targets: ['weather'] },
              ],
              default_route: { targets: ['general'] },
            },
          },
          { name: 'llm-proxy', config: { targets: [target('general'), target('billing'), target('weather')], balancer: { retries: 0 } } },
        ]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await server?.close();
  });

  const ask = async () => {
    const before = server.received.length;
    const res = await fetch(`${stack.standin.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'Please refund my last invoice' }] }) });
    await res.text();
    const call = server.received.slice(before).find((r) => r.path.includes('/chat/completions'));
    return { status: res.status, route: res.headers.get('x-route'), model: call ? JSON.parse(call.body.toString('utf8')).model : undefined };
  };

  it('sends prompts to the default route, then routes them once the embeddings are back', async () => {
    expect(await ask()).toEqual({ status: 200, route: 'default', model: 'general-model' });
    embeddingsUp = true;
    let last = await ask();
    const deadline = Date.now() + 30_000;
    while (last.route !== 'billing' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      last = await ask();
    }
    expect(last).toEqual({ status: 200, route: 'billing', model: 'billing-model' });
  });
});
