import os from 'node:os';
import path from 'node:path';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { FIRST_START_WINDOW_MS } from '../../plugins/core/readiness-check';
import { startRpcTap, type RpcTap } from '../support/rpc-tap';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { freePort } from '../support/free-port';

/**
 * What llm-proxy costs in plugin-server round trips, counted on the real
 * protocol between Kong (the stand-in) and the suite: alone on a route it asks
 * Kong for one thing (the ticket header); behind another suite plugin on the
 * same route it first finds the request context that plugin made.
 */
describe('llm-proxy round trips to Kong', () => {
  let mock: MockLlm;
  let stack: SuiteStack;
  let tap: RpcTap;
  let pendingTap: Promise<RpcTap> | undefined;

  beforeAll(async () => {
    mock = await startMockLlm();
    const bridgePort = await freePort();
    const proxy = { targets: [{ name: 'oa', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mock.url, auth: { api_key: 'sk-test-0123456789' } }] };
    const tapPath = path.join(os.tmpdir(), `llm-proxy-tap-${process.pid}.sock`);
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy', 'prompt-guard'),
      env: { AI_SUITE_BRIDGE_PORT: String(bridgePort) },
      kongSocket: (plugin, suiteSocket) => {
        if (plugin !== 'llm-proxy') return suiteSocket;
        pendingTap = startRpcTap(tapPath, suiteSocket);
        return tapPath;
      },
      declarative: {
        _format_version: '3.0',
        services: [
          {
            name: 'llm',
            // The deployment the README recommends: the service URL is the bridge.
            url: `http://127.0.0.1:${bridgePort}`,
            routes: [
              { name: 'alone', paths: ['/alone'], plugins: [{ name: 'llm-proxy', config: proxy }] },
              { name: 'guarded', paths: ['/guarded'], plugins: [{ name: 'prompt-guard', config: {} }, { name: 'llm-proxy', config: proxy }] },
            ],
          },
          {
            // A suite plugin on the service: it runs on every route of the service.
            name: 'guarded-service',
            url: `http://127.0.0.1:${bridgePort}`,
            plugins: [{ name: 'prompt-guard', config: {} }],
            routes: [{ name: 'on-service', paths: ['/on-service'], plugins: [{ name: 'llm-proxy', config: proxy }] }],
          },
        ],
      },
    });
    tap = await pendingTap!;
    // What is counted is the steady state: not the first seconds, when each request's start time is asked for.
    await new Promise((r) => setTimeout(r, FIRST_START_WINDOW_MS));
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await tap?.close();
    await mock?.close();
  });

  const ask = (route: string) =>
    fetch(`${stack.standin.url}/${route}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] }),
    });

  async function callsOf(route: string): Promise<string[]> {
    const warm = await ask(route);
    expect(warm.status).toBe(200);
    await warm.text();
    const before = tap.calls.length;
    const res = await ask(route);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(answer.choices[0]!.message.content).toBeTruthy();
    return tap.calls.slice(before);
  }

  it('alone on a route: one PDK call, the ticket header', async () => {
    expect(await callsOf('alone')).toEqual(['kong.service.request.set_header', 'ret']);
  });

  it('behind another suite plugin: finds the context it made, then sets the ticket', async () => {
    expect(await callsOf('guarded')).toEqual(['kong.ctx.shared.get', 'kong.service.request.set_header', 'ret']);
  });

  it('behind a suite plugin on its service: looks too, and so does a route-scoped instance that cannot know its service', async () => {
    expect(await callsOf('on-service')).toEqual(['kong.ctx.shared.get', 'kong.service.request.set_header', 'ret']);
    // The service-scoped guard might run on the "alone" route for all its instance knows: caution wins.
    expect(await callsOf('alone')).toEqual(['kong.ctx.shared.get', 'kong.service.request.set_header', 'ret']);
  });
});
