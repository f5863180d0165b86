import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * Kong's request-transformer (801) runs after the suite's readers (the sanitizer at 900) and before llm-proxy (770):
 * the provider must get the body Kong forwards, not the copy the suite read before it was rewritten.
 */
describe('a body a Kong plugin rewrites between the suite and llm-proxy', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    const transformer = { name: 'request-transformer', config: { add: { body: ['service_tier:flex'] }, remove: { body: ['stop'] } } };
    stack = await startSuiteStack({
      plugins: shipped('pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        postRoute('rewritten', [{ name: 'pii-sanitizer', config: {} }, transformer, llmProxy(provider.url, { balancer: { retries: 0 } })]),
        postRoute('as-read', [{ name: 'pii-sanitizer', config: {} }, llmProxy(provider.url, { balancer: { retries: 0 } })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const ask = async (route: string) => {
    const before = provider.received.length;
    const res = await fetch(`${stack.standin.url}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Write to jane.doe@example.com' }], stop: ['END'] }),
    });
    expect(res.status).toBe(200);
    return JSON.parse(provider.received.slice(before)[0]!.body.toString()) as Record<string, unknown>;
  };

  it('sends what Kong forwards: the sanitized body with the transformer’s changes', async () => {
    const sent = await ask('rewritten');
    expect(sent.service_tier).toBe('flex');
    expect(sent).not.toHaveProperty('stop');
    expect(JSON.stringify(sent)).not.toContain('jane.doe@example.com');
  });

  it('keeps the plan made in access when nothing rewrote the body', async () => {
    const sent = await ask('as-read');
    expect(sent.stop).toEqual(['END']);
    expect(sent).not.toHaveProperty('service_tier');
    expect(JSON.stringify(sent)).not.toContain('jane.doe@example.com');
  });
});
