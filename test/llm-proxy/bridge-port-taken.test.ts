import http from 'node:http';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { freePort } from '../support/free-port';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * `kong reload` starts a new suite process while the old one still serves its streams on AI_SUITE_BRIDGE_PORT. The
 * new process must serve all the same (it crashed on EADDRINUSE, taking all six plugins down), and its tickets must
 * reach its own bridge, not the old process's, which knows none of them.
 */
describe('llm-proxy when another process holds the bridge port', () => {
  let mock: MockLlm;
  let stack: SuiteStack;
  let old: http.Server;
  const oldSaw: string[] = [];

  beforeAll(async () => {
    mock = await startMockLlm();
    const port = await freePort();
    old = http.createServer((req, res) => {
      oldSaw.push(req.url ?? '');
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":{"code":"missing_ticket"}}');
    });
    await new Promise<void>((resolve) => old.listen(port, '127.0.0.1', resolve));
    const proxy = { targets: [{ name: 'oa', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mock.url, auth: { api_key: 'sk-test-0123456789' } }] };
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      env: { AI_SUITE_BRIDGE_PORT: String(port) },
      declarative: {
        _format_version: '3.0',
        // The README's deployment: the service URL is the fixed bridge port.
        services: [{ name: 'llm', url: `http://127.0.0.1:${port}`, routes: [{ name: 'chat', paths: ['/chat'], plugins: [{ name: 'llm-proxy', config: proxy }] }] }],
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise((resolve) => old?.close(resolve));
    await mock?.close();
  });

  it('listens on a free port and sends Kong there', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.standin.url}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello after a reload' }] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toContain('Hello after a reload');
    }
    expect(oldSaw).toEqual([]);
  });
});
