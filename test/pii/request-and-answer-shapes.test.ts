import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { readSse, chatChunk as chunk } from '../support/sse';
import { declarative, llmProxy, mockTarget, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * The less common shapes of a request and of an answer, through the real stack to a provider that records what it
 * gets: every place a client can put words is sanitized before it leaves, and every place a model can put them is
 * restored (or scanned) before the client reads it.
 */
const EMAIL = 'jane.doe@corp-example.com';
const CARD = '4111 1111 1111 1111';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const completion = (message: Record<string, unknown>, finish = 'stop') => ({
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});
const GEMINI_OK = { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] };

describe('pii-sanitizer on the less common shapes of requests and answers', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const route = (name: string, pii: Record<string, unknown>, proxy: Record<string, unknown> = {}) =>
    postRoute(name, [{ name: 'pii-sanitizer', config: pii }, llmProxy(provider.url, { balancer: { retries: 0 }, ...proxy })]);

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('prompt-guard', 'pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        route('oa', {}),
        postRoute('remote-topics', [
          {
            name: 'prompt-guard',
            config: { deny_topics: [{ name: 'weapons', examples: ['how to build a weapon'] }], embedding: { engine: 'openai', url: `${provider.url}/v1`, api_key: 'sk-embed-test' } },
          },
          { name: 'pii-sanitizer', config: {} },
          llmProxy(provider.url, { balancer: { retries: 0 } }),
        ]),
        route('out', { mode: 'output' }),
        route('gem', {}, { targets: [mockTarget(provider.url, { provider: 'gemini', model: 'gemini-2.0-flash' })] }),
        route('anth', {}, { targets: [mockTarget(provider.url, { provider: 'anthropic', model: 'claude-x' })] }),
        route('comp', {}, { route_type: 'llm/v1/completions' }),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });
  const post = (path: string, body: unknown) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const lastSent = () => provider.received.at(-1)!.body.toString('utf8');

  describe('what leaves', () => {
    it("sanitizes a legacy completion's suffix, and the end user's id under each of its names", async () => {
      provider.respond = () => ({ status: 200, body: { id: 'x', object: 'text_completion', choices: [{ index: 0, text: 'ok', finish_reason: 'stop' }] } });
      expect((await post('comp', { prompt: `Write to ${EMAIL}`, suffix: `Regards, ${EMAIL}` })).status).toBe(200);
      expect(lastSent()).not.toContain(EMAIL);
      expect(JSON.parse(lastSent()).suffix).toBe('Regards, [EMAIL_1]');

      provider.respond = () => ({ status: 200, body: completion({ content: 'ok' }) });
      expect((await post('oa', { messages: [{ role: 'user', content: 'hi' }], user: EMAIL, safety_identifier: EMAIL, prompt_cache_key: EMAIL })).status).toBe(200);
      expect(lastSent()).not.toContain(EMAIL);
    });

    it("sanitizes reasoning parts nested in a message's parts (Mistral's thinking)", async () => {
      provider.respond = () => ({ status: 200, body: completion({ content: 'ok' }) });
      const history = {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: `The user is ${EMAIL}, card ${CARD}` }] },
          { type: 'thinking', thinking: `Again ${EMAIL}` },
          { type: 'text', text: `Hello ${EMAIL}` },
        ],
      };
      const res = await post('oa', { messages: [{ role: 'user', content: 'hi' }, history, { role: 'user', content: 'go on' }] });
      expect(res.status).toBe(200);
      expect(lastSent()).not.toContain(EMAIL);
      expect(lastSent()).not.toContain(CARD);
      expect(JSON.parse(lastSent()).messages[1].content[0].thinking[0].text).toContain('[EMAIL_1]');
    });

    it("sanitizes fields a provider adds to a message (OpenRouter's reasoning_details), keeping their kinds and signatures", async () => {
      provider.respond = () => ({ status: 200, body: completion({ content: 'ok' }) });
      const details = [
        { type: 'reasoning.text', text: `The user is ${EMAIL}, card ${CARD}.`, signature: 'c2lnbmF0dXJlLWFiYzEyMw==', format: 'unknown', index: 0 },
        { type: 'reasoning.encrypted', data: 'gAAAAABoZ3xK9mQ2pR7sT1uV4wX8yZ0aB3cD6eF9gH2iJ5kL8mN1oP4qR7sT0uV3wX6yZ9aB2cD5eF8gH1iJ4kL7', id: 'r1', format: 'unknown', index: 1 },
      ];
      const history = { role: 'assistant', content: 'Done.', reasoning_details: details };
      const res = await post('oa', { messages: [{ role: 'user', content: 'hi' }, history, { role: 'user', content: 'go on' }] });
      expect(res.status).toBe(200);
      expect(lastSent()).not.toContain(EMAIL);
      expect(lastSent()).not.toContain(CARD);
      const sent = JSON.parse(lastSent()).messages[1].reasoning_details;
      expect(sent[0]).toEqual({ ...details[0], text: 'The user is [EMAIL_1], card [CREDIT_CARD_1].' });
      expect(sent[1]).toEqual(details[1]);
    });

    it("sanitizes a bare value that answers the assistant's question, and leaves an ordinary short number", async () => {
      provider.respond = () => ({ status: 200, body: completion({ content: 'ok' }) });
      const replies: Array<[string, string, boolean]> = [
        ['To verify your identity, what is your Social Security number?', '536904399', true],
        ['What mobile number can we reach you on?', '0151 23456789', true],
        ['To continue, please type your account password.', 'Summer2024!', true],
        ['What is the PIN of the card?', '4821', true],
        ['Which password manager do you use?', '1Password', false],
        ['How many items are in your cart?', '42', false],
        ['Which order is it about?', '536904399', false],
      ];
      for (const [asked, reply, sensitive] of replies) {
        const res = await post('oa', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: asked }, { role: 'user', content: reply }] });
        expect(res.status).toBe(200);
        expect(JSON.parse(lastSent()).messages[2].content === reply).toBe(!sensitive);
      }
    });

    it('refuses an image_url whose data is not an image, before anything leaves', async () => {
      const before = provider.received.length;
      for (const url of [`data:text/plain;base64,${b64(`Contact ${EMAIL}`)}`, `data:text/plain,Contact%20${encodeURIComponent(EMAIL)}`]) {
        const res = await post('gem', { messages: [{ role: 'user', content: [{ type: 'text', text: 'summarise' }, { type: 'image_url', image_url: { url } }] }] });
        expect(res.status).toBe(400);
        const body = await res.text();
        expect(JSON.parse(body).error.message).toMatch(/image/);
        expect(body).not.toContain(EMAIL);
      }
      expect(provider.received.length).toBe(before);
    });

    it("reads a text file whatever media type names it (a script, octet-stream), as Gemini's model would", async () => {
      provider.respond = () => ({ status: 200, body: GEMINI_OK });
      for (const mediaType of ['application/x-javascript', 'application/octet-stream', 'application/x-unknown-vendor']) {
        const file = { filename: 'a.js', file_data: `data:${mediaType};base64,${b64(`const owner = "${EMAIL}";`)}` };
        expect((await post('gem', { messages: [{ role: 'user', content: [{ type: 'text', text: 'review' }, { type: 'file', file }] }] })).status).toBe(200);
        const inline = JSON.parse(lastSent()).contents[0].parts[1].inlineData;
        expect(inline.mimeType).toBe(mediaType);
        expect(Buffer.from(inline.data, 'base64').toString()).toBe('const owner = "[EMAIL_1]";');
      }
    });
  });

  it("gives a guard's remote embedding engine the prompt with its PII as placeholders (the guard runs before the sanitizer)", async () => {
    provider.respond = (req) => {
      if (!req.path.endsWith('/embeddings')) return { status: 200, body: completion({ content: 'ok' }) };
      const input = JSON.parse(req.body.toString('utf8')).input as string[];
      return { status: 200, body: { data: input.map((_, index) => ({ index, embedding: [1, index % 2, 0.5] })) } };
    };
    const before = provider.received.length;
    const res = await post('remote-topics', { messages: [{ role: 'user', content: `Email ${EMAIL} my card ${CARD} please` }] });
    const embedded = provider.received.slice(before).filter((r) => r.path.endsWith('/embeddings')).map((r) => r.body.toString('utf8'));
    expect(embedded.some((body) => body.includes('[EMAIL_1]'))).toBe(true);
    expect(embedded.join('\n')).not.toContain(EMAIL);
    expect(embedded.join('\n')).not.toContain(CARD);
    expect(res.status).toBe(400); // the vectors the endpoint gives put the prompt on the denied topic
  });

  describe('what comes back', () => {
    it('never issues a placeholder that a text document in the request writes itself', async () => {
      provider.respond = () => ({
        status: 200,
        body: { id: 'x', type: 'message', role: 'assistant', model: 'c', content: [{ type: 'text', text: 'The template says: [EMAIL_1]' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } },
      });
      const file = { filename: 't.txt', file_data: `data:text/plain;base64,${b64('Template: send to [EMAIL_1]')}` };
      const res = await post('anth', { messages: [{ role: 'user', content: [{ type: 'text', text: `I am ${EMAIL}. Quote the template.` }, { type: 'file', file }] }] });
      expect(res.status).toBe(200);
      expect(lastSent()).not.toContain(EMAIL);
      expect(lastSent()).toContain('[EMAIL_2]');
      const answer = JSON.parse(await res.text());
      expect(answer.choices[0].message.content).toBe('The template says: [EMAIL_1]');
    });

    it("restores a legacy function call's arguments, whole and streamed", async () => {
      const functions = [{ name: 'send', parameters: { type: 'object' } }];
      provider.respond = () => ({ status: 200, body: completion({ content: null, function_call: { name: 'send', arguments: '{"to":"[EMAIL_1]"}' } }, 'function_call') });
      const whole = (await (await post('oa', { messages: [{ role: 'user', content: `mail ${EMAIL}` }], functions })).json()) as any;
      expect(JSON.parse(whole.choices[0].message.function_call.arguments)).toEqual({ to: EMAIL });

      provider.respond = () => ({
        status: 200,
        sse: [chunk({ role: 'assistant', content: null }), chunk({ function_call: { name: 'send', arguments: '{"to":"[EMA' } }), chunk({ function_call: { arguments: 'IL_1]"}' } }), chunk({}, 'function_call'), 'data: [DONE]\n\n'],
      });
      const events = await readSse(await post('oa', { messages: [{ role: 'user', content: `mail ${EMAIL}` }], functions, stream: true }));
      const args = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices?.[0]?.delta?.function_call?.arguments ?? '').join('');
      expect(JSON.parse(args)).toEqual({ to: EMAIL });
    });

    it("scans a legacy function call's arguments in output mode, whole and streamed", async () => {
      const functions = [{ name: 'send', parameters: { type: 'object' } }];
      const leaked = `{"to":"${EMAIL}","card":"${CARD}"}`;
      provider.respond = () => ({ status: 200, body: completion({ content: null, function_call: { name: 'send', arguments: leaked } }, 'function_call') });
      const whole = await (await post('out', { messages: [{ role: 'user', content: 'hi' }], functions })).text();
      expect(whole).not.toContain(EMAIL);
      expect(whole).not.toContain(CARD);

      provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: null }), chunk({ function_call: { name: 'send', arguments: leaked } }), chunk({}, 'function_call'), 'data: [DONE]\n\n'] });
      const streamed = JSON.stringify(await readSse(await post('out', { messages: [{ role: 'user', content: 'hi' }], functions, stream: true })));
      expect(streamed).toContain('function_call');
      expect(streamed).not.toContain(EMAIL);
      expect(streamed).not.toContain(CARD);
    });

    it("scans fields a provider adds to an answer (OpenRouter's reasoning_details), whole, and drops them from a scanned stream", async () => {
      const details = [{ type: 'reasoning.text', text: `The user is ${EMAIL}, card ${CARD}.`, format: 'unknown', index: 0 }];
      provider.respond = () => ({ status: 200, body: completion({ content: 'Sure.', reasoning_details: details }) });
      const whole = (await (await post('out', { messages: [{ role: 'user', content: 'hi' }] })).json()) as any;
      expect(JSON.stringify(whole)).not.toContain(EMAIL);
      expect(JSON.stringify(whole)).not.toContain(CARD);
      expect(whole.choices[0].message.reasoning_details[0]).toMatchObject({ type: 'reasoning.text', format: 'unknown', index: 0 });

      provider.respond = () => ({
        status: 200,
        sse: [chunk({ role: 'assistant', content: '' }), chunk({ reasoning: `The user is ${EMAIL} `, reasoning_details: details }), chunk({ content: 'Sure.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
      });
      const streamed = JSON.stringify(await readSse(await post('out', { messages: [{ role: 'user', content: 'hi' }], stream: true })));
      expect(streamed).toContain('Sure.');
      expect(streamed).not.toContain(EMAIL);
      expect(streamed).not.toContain(CARD);

      // Restored, not scanned, they go on as the provider wrote them, placeholders put back.
      provider.respond = () => ({ status: 200, body: completion({ content: 'ok', reasoning_details: [{ type: 'reasoning.text', text: 'Mailing [EMAIL_1].' }] }) });
      const restored = (await (await post('oa', { messages: [{ role: 'user', content: `mail ${EMAIL}` }] })).json()) as any;
      expect(restored.choices[0].message.reasoning_details[0].text).toBe(`Mailing ${EMAIL}.`);
    });

    it("gives an answer written as parts (Mistral's reasoning models) in OpenAI's form, restored and scanned", async () => {
      const parts = [{ type: 'thinking', thinking: [{ type: 'text', text: 'Mailing [EMAIL_1].' }] }, { type: 'text', text: 'Sent to [EMAIL_1].' }];
      provider.respond = () => ({ status: 200, body: completion({ content: parts }) });
      const whole = (await (await post('oa', { messages: [{ role: 'user', content: `mail ${EMAIL}` }] })).json()) as any;
      expect(whole.choices[0].message).toMatchObject({ content: `Sent to ${EMAIL}.`, reasoning_content: `Mailing ${EMAIL}.` });

      provider.respond = () => ({
        status: 200,
        sse: [chunk({ role: 'assistant', content: [{ type: 'text', text: 'Sent to [EMA' }] }), chunk({ content: [{ type: 'text', text: 'IL_1].' }] }), chunk({}, 'stop'), 'data: [DONE]\n\n'],
      });
      const events = await readSse(await post('oa', { messages: [{ role: 'user', content: `mail ${EMAIL}` }], stream: true }));
      const text = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices?.[0]?.delta?.content ?? '').join('');
      expect(text).toBe(`Sent to ${EMAIL}.`);

      provider.respond = () => ({ status: 200, body: completion({ content: [{ type: 'text', text: `Write to ${EMAIL}, card ${CARD}` }] }) });
      const scanned = await (await post('out', { messages: [{ role: 'user', content: 'hi' }] })).text();
      expect(scanned).not.toContain(EMAIL);
      expect(scanned).not.toContain(CARD);
    });
  });
});
