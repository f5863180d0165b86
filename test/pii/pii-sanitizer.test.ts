import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { readSse, streamedText } from '../support/sse';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

const EMAIL = 'jane.doe@corp-example.com';
const CARD = '4111 1111 1111 1111';

function route(name: string, pii: Record<string, unknown>, mockUrl: string) {
  return postRoute(name, [{ name: 'pii-sanitizer', config: pii }, llmProxy(mockUrl)]);
}

describe('pii-sanitizer with llm-proxy, through the stand-in', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped('pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        route('placeholder', {}, mock.url),
        route('block', { actions: { credit_card: 'block' } }, mock.url),
        route('block-ids', { actions: { national_id: 'block' } }, mock.url),
        route('mask', { default_action: 'mask' }, mock.url),
        route('output', { mode: 'output' }, mock.url),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  const ask = (routeName: string, text: string, extra: Record<string, unknown> = {}) =>
    fetch(`${stack.standin.url}/${routeName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: text }], ...extra }),
    });
  const lastPrompt = () => JSON.stringify(mock.requests.at(-1)!.body);

  it('sends placeholders to the provider and restores the values in a plain answer', async () => {
    const res = await ask('placeholder', `Write to ${EMAIL} now`);
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(lastPrompt()).toContain('[EMAIL_1]');
    expect(lastPrompt()).not.toContain(EMAIL);
    expect(body.choices[0].message.content).toContain(`Mock answer to: Write to ${EMAIL} now`);
  });

  it('restores a placeholder split across stream chunks', async () => {
    const events = await readSse(await ask('placeholder', `Email ${EMAIL} and ${EMAIL} again`, { stream: true }));
    const chunks = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices?.[0]?.delta?.content ?? '');
    expect(chunks.some((c: string) => c.includes('[') && !c.includes(']'))).toBe(false);
    expect(streamedText(events)).toContain(`Email ${EMAIL} and ${EMAIL} again`);
    expect(lastPrompt()).toContain('[EMAIL_1] and [EMAIL_1] again');
  });

  it('blocks with a 400 that names the category, never the value', async () => {
    const res = await ask('block', `Charge card ${CARD} please`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).error).toMatchObject({ code: 'pii_detected', type: 'invalid_request_error' });
    expect(text).toContain('credit_card');
    expect(text).not.toContain('4111');
  });

  it('puts a national identifier behind a placeholder and back, or blocks it by its category', async () => {
    const dni = '54362315K';
    const res = await ask('placeholder', `Mi DNI es ${dni}, ¿puedes rellenar el formulario?`);
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(lastPrompt()).toContain('[NATIONAL_ID_1]');
    expect(lastPrompt()).not.toContain(dni);
    expect(body.choices[0].message.content).toContain(dni);
    const blocked = await ask('block-ids', 'BSN van de klant: 111222333');
    expect(blocked.status).toBe(400);
    const text = await blocked.text();
    expect(text).toContain('national_id');
    expect(text).not.toContain('111222333');
  });

  it("puts a cloud resource's identifier behind a placeholder and restores it in the answer", async () => {
    const arn = 'arn:aws:iam::507349912345:role/payments-prod-deployer';
    const res = await ask('placeholder', `Why can't ${arn} read s3://acme-payments-ledger/2024/?`);
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(lastPrompt()).toContain("Why can't [CLOUD_IDENTIFIER_1] read [CLOUD_IDENTIFIER_2]/2024/?");
    expect(lastPrompt()).not.toContain('507349912345');
    expect(body.choices[0].message.content).toContain(`${arn} read s3://acme-payments-ledger/2024/`);
  });

  it('masks partially when asked', async () => {
    await ask('mask', `Card ${CARD} on file`);
    expect(lastPrompt()).toContain('****1111');
    expect(lastPrompt()).not.toContain(CARD);
  });

  it('scans the model’s answer in output mode', async () => {
    const res = await ask('output', `Repeat ${EMAIL} please`);
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(lastPrompt()).toContain(EMAIL);
    expect(body.choices[0].message.content).not.toContain(EMAIL);
  });

  it('covers array-form content parts and tool-call arguments', async () => {
    await fetch(`${stack.standin.url}/placeholder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          { role: 'user', content: [{ type: 'text', text: `Contact ${EMAIL}` }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ email: EMAIL }) } }] },
          { role: 'tool', tool_call_id: 'c1', content: `found ${EMAIL}` },
          { role: 'user', content: 'thanks' },
        ],
      }),
    });
    expect(lastPrompt()).not.toContain(EMAIL);
    expect(lastPrompt()).toContain('[EMAIL_1]');
  });

  it('records counts per category, never values, in what Kong logs', async () => {
    await ask('placeholder', `Write to ${EMAIL}`);
    await new Promise((r) => setTimeout(r, 300));
    const entry = stack.standin.logs.at(-1) as { ai: { pii: { counts: Record<string, number> } } };
    expect(entry.ai.pii.counts.email).toBe(1);
    const everything = JSON.stringify(stack.standin.logs) + stack.standin.errorLog.join('\n') + stack.suiteLog();
    expect(everything).not.toContain(EMAIL);
    expect(everything).not.toContain('4111 1111');
  });
});
