import { resolveReferences } from '../../kong/standin/vault';
import { configSchema } from '../../plugins/llm-proxy/config';
import { toKongFields } from '../../schemas/zod-to-kong';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, mockTarget, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * Secret references in referenceable fields, resolved by the stand-in from the environment before the plugin sees
 * its config, as Kong's env vault does: a provider key kept out of kong.yml reaches the provider, and a reference that
 * names no variable is logged by field, never by value. Kong 3.4.2 sends an unresolved reference as "" with the
 * record's "$refs" naming it; the suite refuses that instance (fail closed) rather than call a provider without the key
 * or with the node's own credentials.
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
        postRoute('unset', [
          llmProxy(provider.url, {
            targets: [
              mockTarget(provider.url, { name: 'unset', auth: { api_key: '{vault://env/no-such-variable}' }, priority: 0 }),
              mockTarget(provider.url, { name: 'vaulted', auth: { api_key: '{vault://env/demo-provider-key}' }, priority: 1 }),
            ],
          }),
        ]),
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

  it('sends an unresolved reference as Kong does: "" in the field, the reference in the record\'s "$refs"', () => {
    const target = (api_key: string) => ({ name: 't', provider: 'openai', model: 'm', auth: { api_key } });
    const config = { targets: [target('{vault://env/no-such-variable}'), target('{vault://env/demo-provider-key}'), target('plain')] };
    const sent = resolveReferences(toKongFields(configSchema), config, { DEMO_PROVIDER_KEY: KEY }, () => undefined);
    expect((sent.targets as Array<{ auth: unknown }>).map((t) => t.auth)).toEqual([
      { api_key: '', $refs: { api_key: '{vault://env/no-such-variable}' } },
      { api_key: KEY, $refs: { api_key: '{vault://env/demo-provider-key}' } },
      { api_key: 'plain' },
    ]);
  });

  it('logs a reference it cannot resolve by its field; the instance is refused, and nothing goes out without the key', async () => {
    expect(stack.standin.errorLog.join('\n')).toMatch(/unable to resolve the secret reference in config\.targets\[1\]\.auth\.api_key/);
    expect(stack.standin.errorLog.join('\n')).not.toContain(KEY);
    const before = provider.received.length;
    const response = await ask('unset');
    const body = (await response.json()) as { error: { code: string } };
    expect(response.status).toBe(500);
    expect(body.error.code).toBe('gateway_plugin_misconfigured');
    expect(provider.received.length).toBe(before);
    expect(stack.suiteLog()).toMatch(/targets\.0\.auth\.api_key: its vault reference could not be resolved/);
  });
});
