import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * One cache in front of routes whose llm-proxy stream differently (a global plugin): a hit answers in the form the
 * route's own llm-proxy would, and a stream a route denies is left to its llm-proxy to refuse.
 */
describe("a global cache before routes of different response_streaming", () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      declarative: {
        _format_version: '3.0',
        plugins: [{ name: 'semantic-cache', config: { exact_only: true, redis_prefix: `streaming:${process.pid}:${Date.now()}:` } }],
        services: [
          {
            name: 'llm',
            url: 'http://127.0.0.1:9',
            routes: [
              postRoute('allow', [llmProxy(mock.url)]),
              postRoute('always', [llmProxy(mock.url, { response_streaming: 'always' })]),
              postRoute('deny', [llmProxy(mock.url, { response_streaming: 'deny' })]),
            ],
          },
          {
            // A route-scoped cache, and another service whose llm-proxy always streams: not this route's.
            name: 'own',
            url: 'http://127.0.0.1:9',
            routes: [postRoute('own-cache', [{ name: 'semantic-cache', config: { exact_only: true, redis_prefix: `own:${process.pid}:${Date.now()}:` } }, llmProxy(mock.url)])],
          },
          { name: 'other', url: 'http://127.0.0.1:9', plugins: [llmProxy(mock.url, { response_streaming: 'always' })], routes: [postRoute('other', [])] },
        ],
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  const ask = async (route: string, stream = false) => {
    const res = await fetch(`${stack.standin.url}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stream, messages: [{ role: 'user', content: 'Name a colour of the rainbow' }] }),
    });
    await res.text();
    await new Promise((r) => setTimeout(r, 300));
    return { status: res.status, cache: res.headers.get('x-cache-status'), type: res.headers.get('content-type') };
  };

  it("answers each route's hits in the form that route's llm-proxy gives", async () => {
    // Each route's llm-proxy starts (until it has, the cache cannot tell the route's form and leaves the request to
    // llm-proxy), and then each route's entry is stored (the cache keeps routes apart).
    for (const route of ['allow', 'always', 'deny']) await ask(route);
    for (const route of ['allow', 'always', 'deny']) await ask(route);
    expect(await ask('allow')).toMatchObject({ status: 200, cache: 'Hit', type: expect.stringMatching(/json/) });
    expect(await ask('allow', true)).toMatchObject({ status: 200, cache: 'Hit', type: expect.stringMatching(/event-stream/) });
    expect(await ask('always')).toMatchObject({ status: 200, cache: 'Hit', type: expect.stringMatching(/event-stream/) });
    expect(await ask('deny')).toMatchObject({ status: 200, cache: 'Hit', type: expect.stringMatching(/json/) });
    expect(await ask('deny', true)).toMatchObject({ status: 400, cache: 'Bypass' });

    await ask('other');
    await ask('own-cache');
    expect(await ask('own-cache')).toMatchObject({ status: 200, cache: 'Hit', type: expect.stringMatching(/json/) });
  });
});
