import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { declarative, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * semantic-router in front of llm-proxy, through the Kong stand-in and the real
 * suite process: prompts about billing and about the weather reach different
 * llm-proxy targets (different models on the mock LLM), nonsense reaches the
 * default route, and a bad router config refuses the instance.
 */
const KEY = 'sk-test-provider-key-0123456789';

describe('semantic-router through Kong (stand-in) and llm-proxy', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    const target = (name: string, model: string) => ({ name, provider: 'openai', model, upstream_url: mock.url, auth: { api_key: KEY } });
    const proxy = {
      name: 'llm-proxy',
      config: { targets: [target('general', 'general-model'), target('billing-llm', 'billing-model'), target('weather-llm', 'weather-model')] },
    };
    const routes = [
      {
        name: 'billing',
        utterances: ['why was my credit card charged twice', 'I need a copy of my last invoice', 'how do I update my payment method', 'can I get a refund for this month'],
        targets: ['billing-llm'],
      },
      {
        name: 'weather',
        utterances: ['will it rain tomorrow', 'what is the forecast for the weekend', 'how hot is it going to be today', 'do I need an umbrella this afternoon'],
        targets: ['weather-llm'],
      },
    ];
    stack = await startSuiteStack({
      plugins: shipped('semantic-router', 'llm-proxy'),
      declarative: declarative([
        postRoute('routed', [{ name: 'semantic-router', config: { routes, default_route: { targets: ['general'] } } }, proxy]),
        postRoute('any-target', [{ name: 'semantic-router', config: { routes } }, proxy]),
        postRoute('duplicate', [{ name: 'semantic-router', config: { routes: [routes[0], routes[0]] } }, proxy]),
        postRoute('unknown-target', [{ name: 'semantic-router', config: { routes: [{ ...routes[0], targets: ['no-such-target'] }] } }, proxy]),
        postRoute('one-unknown', [{ name: 'semantic-router', config: { routes: [{ ...routes[0], targets: ['billing-llm', 'misspelt-llm'] }] } }, proxy]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  const post = (p: string, text: string) =>
    fetch(`${stack.standin.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anything', messages: [{ role: 'user', content: text }] }),
    });

  it('sends billing and weather prompts to different targets, and tells the client the route', async () => {
    const billing = await post('/routed', 'I was charged twice on my card, can I get my money back?');
    expect(billing.status).toBe(200);
    expect(billing.headers.get('x-route')).toBe('billing');
    expect(billing.headers.get('x-ai-target')).toBe('billing-llm');
    expect(((await billing.json()) as { model: string }).model).toBe('billing-model');

    const weather = await post('/routed', 'is it going to rain this weekend?');
    expect(weather.status).toBe(200);
    expect(weather.headers.get('x-route')).toBe('weather');
    expect(weather.headers.get('x-ai-target')).toBe('weather-llm');
    await weather.text();
    expect(mock.requests.map((r) => r.model)).toEqual(['billing-model', 'weather-model']);
  });

  it('sends nonsense to the default route', async () => {
    const res = await post('/routed', 'zxq vlorp 7781 plinth gargle');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-route')).toBe('default');
    expect(res.headers.get('x-ai-target')).toBe('general');
    await res.text();
    expect(mock.requests.map((r) => r.model)).toEqual(['general-model']);
  });

  it("logs a default route that leaves the targets to llm-proxy without its empty list (Kong's logs would write it as {})", async () => {
    const res = await post('/any-target', 'zxq vlorp 7781 plinth gargle');
    expect(res.status).toBe(200);
    await res.text();
    await new Promise((r) => setTimeout(r, 200));
    const router = (stack.standin.logs.at(-1) as { ai: { router: Record<string, unknown> } }).ai.router;
    expect(router).toMatchObject({ route: 'default', abstained: true });
    expect(router).not.toHaveProperty('targets');
  });

  it('refuses an instance whose routes share a name (Kong answers 500, nothing reaches a provider)', async () => {
    const res = await post('/duplicate', 'why was my card charged twice');
    expect(res.status).toBe(500);
    await res.text();
    expect(mock.requests).toHaveLength(0);
  });

  it('answers a 500 router_config_error when a route names a target llm-proxy does not define', async () => {
    const res = await post('/unknown-target', 'why was my credit card charged twice');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('router_config_error');
    expect(body.error.message).toContain('no-such-target');
    expect(mock.requests).toHaveLength(0);
  });

  it('serves from the known targets when a route also names one llm-proxy does not define, and says so in the log once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post('/one-unknown', 'why was my credit card charged twice');
      expect(res.status).toBe(200);
      await res.text();
    }
    expect(mock.requests.map((r) => r.model)).toEqual(['billing-model', 'billing-model']);
    const warnings = stack.suiteLog().split('\n').filter((line) => line.includes('misspelt-llm'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("does not define");
  });
});
