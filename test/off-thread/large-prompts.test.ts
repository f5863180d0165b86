import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(120_000);

/**
 * A large prompt is read by the guard and the sanitizer in worker threads: the plugin server's one event loop keeps
 * serving every other request meanwhile (on the loop, a 900 KB prompt held them all), and the large prompt is read
 * exactly as a small one is: the same placeholders, in tool-call arguments and parts too.
 */
const okChat = { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
const EMAIL = 'liesel.andersson@fabrikam-example.se';
const CITIES = ['Lisbon', 'Osaka', 'Denver', 'Nairobi', 'Quito', 'Tallinn', 'Perth', 'Bergen'];
const GOODS = ['spare parts', 'valves', 'sensor boards', 'pallets of paper', 'filters', 'gaskets'];

/** Benign shipping notes, `chars` long, varied enough that nothing reads them faster for repeating. */
function shippingNotes(chars: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line = `Shipment ${i * 7919} left the ${CITIES[i % 8]} depot with ${(i * 37) % 500} crates of ${GOODS[(i * 5) % 6]}; the driver logged ${(i * 13) % 90} minutes at stop ${(i * 31) % 17}.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** One conversation with values in a string, in parts and in a tool call's arguments, and `padding` in front. */
function conversation(padding: string) {
  return {
    messages: [
      ...(padding ? [{ role: 'user', content: padding }] : []),
      { role: 'user', content: [{ type: 'text', text: `Write to ${EMAIL} about card 4111 1111 ` }, { type: 'text', text: '1111 1111 today.' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ email: EMAIL, password: 'Xk9#vQ2!mLp7$wZr' }) } }] },
      { role: 'tool', tool_call_id: 'c1', content: JSON.stringify({ owner: 'Margarethe Okonkwo-Brandt', phone: '+44 20 7946 0958' }) },
    ],
  };
}

describe('large prompts', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    provider.respond = () => ({ status: 200, body: okChat });
    const limit = { max_body_size: 4 * 1024 * 1024 };
    stack = await startSuiteStack({
      plugins: shipped('prompt-guard', 'pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        postRoute('read', [{ name: 'prompt-guard', config: limit }, { name: 'pii-sanitizer', config: { ...limit, roles: ['user', 'assistant', 'tool'] } }, llmProxy(provider.url, { balancer: { retries: 0 }, max_request_body_size: 4 * 1024 * 1024 })]),
        postRoute('small', [{ name: 'prompt-guard', config: {} }, llmProxy(provider.url, { balancer: { retries: 0 } })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const post = (path: string, body: unknown) => fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('holds no other request while it is read', async () => {
    const finished: string[] = [];
    const large = post('read', conversation(shippingNotes(2_500_000))).then((res) => {
      finished.push('large');
      return res;
    });
    // Once the large prompt is being read, small requests come and go.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 5; i++) {
      const res = await post('small', { messages: [{ role: 'user', content: `What is ${i} + ${i}?` }] });
      expect(res.status).toBe(200);
      finished.push('small');
    }
    expect((await large).status).toBe(200);
    expect(finished).toEqual(['small', 'small', 'small', 'small', 'small', 'large']);
  });

  it('is sanitized as a small one is', async () => {
    const sentFor = async (padding: string) => {
      const before = provider.received.length;
      expect((await post('read', conversation(padding))).status).toBe(200);
      const sent = JSON.parse(provider.received[before]!.body.toString()) as { messages: unknown[] };
      return sent.messages.slice(padding ? 1 : 0);
    };
    const small = await sentFor('');
    const large = await sentFor(shippingNotes(200_000));
    expect(large).toEqual(small);
    const text = JSON.stringify(small);
    for (const value of [EMAIL, '4111', 'Xk9#vQ2', 'Okonkwo', '7946']) expect(text).not.toContain(value);
    expect(text).toContain('[EMAIL_1]');
  });
});
