import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, mockTarget, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * Secret references in referenceable fields, resolved by the stand-in from the environment before the plugin sees
 * its config, as Kong's env vault does: a provider key kept out of kong.yml reaches the provider, and a reference that
 * names no variable is logged by field, never by value.
 */
describe("the stand-in's env vault", () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const KEY = 'sk-from-the-vault-0123456789';

  beforeAll(async () => {
    process.env.DEMO_PROVIDER_KEY = KEY;
    provider = await startCaptureServer();
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      declarative: declarative([
        postRoute('vaulted', [llmProxy(provider.url, { targets: [mockTarget(provider.url, { auth: { api_key: '{vault://env/demo-provider-key}' } })] })]),
        postRoute('unset', [llmProxy(provider.url, { targets: [mockTarget(provider.url, { auth: { api_key: '{vault://env/no-such-variable}' } })] })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
    delete process.env.DEMO_PROVIDER_KEY;
  });

  const ask = (route: string) =>
    fetch(`${stack.standin.url}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) });

  it('resolves {vault://env/…} to the variable it names', async () => {
    expect((await ask('vaulted')).status).toBe(200);
    expect(provider.received.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('logs a reference it cannot resolve by its field, and leaves the field unset', async () => {
    expect(stack.standin.errorLog.join('\n')).toMatch(/unable to resolve the secret reference in config\.targets\[1\]\.auth\.api_key/);
    expect(stack.standin.errorLog.join('\n')).not.toContain(KEY);
    await (await ask('unset')).text();
    expect(provider.received.at(-1)!.headers.authorization).toBeUndefined();
  });
});
