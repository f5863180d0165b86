import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { chunksOf, readSse, streamedText, chatChunk as chunk } from '../support/sse';
import { declarative, llmProxy, mockTarget, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * The sanitizer on every path an answer takes, against a scripted provider that answers exactly what each test
 * says (chunk boundaries included): streamed output scanning, tool calls in parallel, legacy completions, JSON
 * answers, the last chunk's order, streams without a finish, and every shape a request carries text in.
 */
const EMAIL = 'jane.doe@corp-example.com';
const CARD = '4111 1111 1111 1111';

const DONE = 'data: [DONE]\n\n';
const stream = (pieces: string[], finish: string | null = 'stop') => [chunk({ role: 'assistant', content: '' }), ...pieces.map((content) => chunk({ content })), ...(finish ? [chunk({}, finish)] : []), DONE];
const completion = (content: string | null, toolCalls?: unknown[]) => ({
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});
/** One tool call streamed, its arguments cut into pieces of `size` characters. */
const toolCallStream = (name: string, args: string, size: number) => [
  chunk({ role: 'assistant', content: null }),
  chunk({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name, arguments: '' } }] }),
  ...args.match(new RegExp(`.{1,${size}}`, 'gs'))!.map((piece) => chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
  chunk({}, 'tool_calls'),
  DONE,
];
const toolArguments = (events: Array<Record<string, any>>) => {
  const args: Record<number, string> = {};
  for (const c of events) for (const t of c.choices?.[0]?.delta?.tool_calls ?? []) args[t.index] = (args[t.index] ?? '') + (t.function?.arguments ?? '');
  return args;
};

describe('pii-sanitizer on every answer path', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const route = (name: string, pii: Record<string, unknown>, proxy: Record<string, unknown> = {}, before: object[] = []) =>
    postRoute(name, [...before, { name: 'pii-sanitizer', config: pii }, { ...llmProxy(provider.url, { balancer: { retries: 0 }, ...proxy }) }]);

  beforeAll(async () => {
    provider = await startCaptureServer();
    stack = await startSuiteStack({
      plugins: shipped('prompt-guard', 'pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        route('placeholder', {}),
        route('output', { mode: 'output' }),
        route('completions', {}, { route_type: 'llm/v1/completions' }),
        route('completions-output', { mode: 'output' }, { route_type: 'llm/v1/completions' }),
        route('block', { actions: { credit_card: 'block' } }),
        route('block-all', { default_action: 'block' }),
        route('small', { max_body_size: 1000 }, {}, [{ name: 'prompt-guard', config: {} }]),
        route('proxy-small', {}, { max_request_body_size: 1000 }),
        postRoute('plain', [llmProxy(provider.url, { balancer: { retries: 0 } })]),
        postRoute('plain-completions', [llmProxy(provider.url, { balancer: { retries: 0 }, route_type: 'llm/v1/completions' })]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const chat = (path: string, content: unknown, extra: Record<string, unknown> = {}) => post(path, { messages: [{ role: 'user', content }], ...extra });
  const sent = () => provider.received.at(-1)!;
  const sentBody = () => JSON.parse(sent().body.toString('utf8'));

  it('masks a value with blanks that streams a few characters at a time in output mode, as the whole answer does', async () => {
    const text = `Here is what you asked for, repeated back exactly as requested by you. The card is ${CARD} and the IBAN is DE89 3704 0044 0532 0130 00 and the phone is +1 415 555 2671, that is all I have for you today.`;
    provider.respond = () => ({ status: 200, sse: stream(text.match(/.{1,3}/gs)!) });
    const streamed = streamedText(await readSse(await chat('output', 'hello', { stream: true })));
    provider.respond = () => ({ status: 200, body: completion(text) });
    const whole = ((await (await chat('output', 'hello')).json()) as any).choices[0].message.content as string;
    for (const answer of [streamed, whole]) {
      expect(answer).not.toContain('1111 1111');
      expect(answer).not.toContain('3704 0044');
      expect(answer).not.toContain('555 2671');
      expect(answer).toContain('that is all I have for you today.');
    }
    expect(streamed).toBe(whole);
  });

  it('masks reasoning and refusals in output mode, and sends no token log probabilities', async () => {
    const reasoning = `I will write to ${EMAIL}, card ${CARD}`;
    provider.respond = () => ({
      status: 200,
      body: {
        ...completion('Done.'),
        choices: [{ index: 0, message: { role: 'assistant', content: 'Done.', reasoning_content: reasoning }, finish_reason: 'stop', logprobs: { content: [{ token: EMAIL, logprob: -0.1, bytes: [] }] } }],
      },
    });
    const plain = JSON.stringify(await (await chat('output', 'hi', { logprobs: true })).json());
    expect(plain).not.toContain(EMAIL);
    expect(plain).not.toContain('1111 1111');
    expect(plain).toContain('reasoning_content');

    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), ...reasoning.match(/.{1,4}/gs)!.map((piece) => chunk({ reasoning_content: piece })), chunk({ content: 'Done.' }), chunk({}, 'stop'), DONE] });
    const events = chunksOf(await readSse(await chat('output', 'hi', { stream: true })));
    const streamed = events.map((c) => c.choices?.[0]?.delta?.reasoning_content ?? '').join('');
    expect(streamed).toContain('I will write to');
    expect(streamed).not.toContain(EMAIL);
    expect(streamed).not.toContain('1111 1111');
  });

  it('scans a JSON answer (response_format) whole as JSON in output mode', async () => {
    const answer = JSON.stringify({ address: '221B Baker Street\nLondon NW1 6XE', email: EMAIL });
    provider.respond = () => ({ status: 200, body: completion(answer) });
    const plain = ((await (await chat('output', 'hi', { response_format: { type: 'json_object' } })).json()) as any).choices[0].message.content as string;
    provider.respond = () => ({ status: 200, sse: stream(answer.match(/.{1,3}/gs)!) });
    const streamed = streamedText(await readSse(await chat('output', 'hi', { stream: true, response_format: { type: 'json_object' } })));
    for (const content of [plain, streamed]) {
      expect(JSON.stringify(JSON.parse(content))).not.toMatch(/London NW1|jane\.doe/);
    }
  });

  it('streams text without blanks (Chinese) in output mode as it comes, not all at the end', async () => {
    const text = '这是一个很长的回答，'.repeat(40);
    provider.respond = () => ({ status: 200, sse: stream(Array.from(text)) });
    const events = chunksOf(await readSse(await chat('output', 'hi', { stream: true })));
    const pieces = events.map((c) => c.choices?.[0]?.delta?.content ?? '').filter(Boolean);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(5);
  });

  it('keeps the last chunk’s own text before what was held back, and delivers held text when no finish comes', async () => {
    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Mail [EMAIL_1] today ' }), chunk({ content: 'or see note [1' }, 'stop'), DONE] });
    expect(streamedText(await readSse(await chat('placeholder', `to ${EMAIL}`, { stream: true })))).toBe(`Mail ${EMAIL} today or see note [1`);

    const long = 'The answer goes on for a while so that the output scanner keeps a window of text back, and it ends here: THE END.';
    provider.respond = () => ({ status: 200, sse: stream(long.match(/.{1,5}/gs)!, null) });
    expect(streamedText(await readSse(await chat('output', 'hi', { stream: true })))).toBe(long);

    provider.respond = () => ({ status: 200, sse: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Mail [EMA' }), chunk({ content: 'IL_1]' }), DONE] });
    expect(streamedText(await readSse(await chat('placeholder', `to ${EMAIL}`, { stream: true })))).toBe(`Mail ${EMAIL}`);
  });

  it('restores the placeholders the model writes into tool-call arguments, plain and streamed', async () => {
    const placeholderIn = (req: { body: Buffer }) => /\[EMAIL_\d+\]/.exec(req.body.toString())![0];
    provider.respond = (req) => ({ status: 200, body: completion(null, [{ id: 'c', type: 'function', function: { name: 'send_mail', arguments: JSON.stringify({ to: placeholderIn(req) }) } }]) });
    const plain = ((await (await chat('placeholder', `Mail ${EMAIL}`)).json()) as any).choices[0].message.tool_calls[0];
    expect(JSON.parse(plain.function.arguments)).toEqual({ to: EMAIL });
    expect(sent().body.toString()).not.toContain(EMAIL);

    provider.respond = (req) => ({ status: 200, sse: toolCallStream('send_mail', JSON.stringify({ to: placeholderIn(req) }), 4) });
    const streamed = toolArguments(chunksOf(await readSse(await chat('placeholder', `Mail ${EMAIL}`, { stream: true }))));
    expect(JSON.parse(streamed[0]!)).toEqual({ to: EMAIL });
  });

  it('restores each of several streamed tool calls on its own, as valid JSON', async () => {
    provider.respond = () => ({
      status: 200,
      sse: [
        chunk({ role: 'assistant', content: null }),
        chunk({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"to":"[EMAIL_1]","note":"see [1' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'g', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{"x":1}' } }] }),
        chunk({}, 'tool_calls'),
        DONE,
      ],
    });
    const args = toolArguments(chunksOf(await readSse(await chat('placeholder', `mail ${EMAIL}`, { stream: true }))));
    expect(JSON.parse(args[0]!)).toEqual({ to: EMAIL, note: 'see [1' });
    expect(JSON.parse(args[1]!)).toEqual({ x: 1 });
  });

  it('restores and scans legacy completions, plain and streamed', async () => {
    const echo = (body: { prompt: string }) => `Echo: ${body.prompt}`;
    provider.respond = (req) => ({ status: 200, body: { id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: echo(JSON.parse(req.body.toString())), finish_reason: 'stop' }] } });
    const plain = (await (await post('completions', { prompt: `Write to ${EMAIL}` })).json()) as any;
    expect(sentBody().prompt).toBe('Write to [EMAIL_1]');
    expect(plain.choices[0].text).toBe(`Echo: Write to ${EMAIL}`);

    provider.respond = (req) => {
      const text = echo(JSON.parse(req.body.toString()));
      const cut = text.indexOf('[EMAIL') + 4;
      const event = (t: string, finish: string | null) => `data: ${JSON.stringify({ id: 'x', object: 'text_completion', choices: [{ index: 0, text: t, finish_reason: finish }] })}\n\n`;
      return { status: 200, sse: [event(text.slice(0, cut), null), event(text.slice(cut), 'stop'), DONE] };
    };
    const events = chunksOf(await readSse(await post('completions', { prompt: `Write to ${EMAIL}`, stream: true })));
    expect(events.map((c) => c.choices?.[0]?.text ?? '').join('')).toBe(`Echo: Write to ${EMAIL}`);

    provider.respond = () => ({ status: 200, body: { id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: `Contact ${EMAIL} or card ${CARD}`, finish_reason: 'stop' }] } });
    const scanned = ((await (await post('completions-output', { prompt: 'who?' })).json()) as any).choices[0].text as string;
    expect(scanned).not.toContain(EMAIL);
    expect(scanned).not.toContain(CARD);
  });

  it('puts values back escaped inside a JSON answer (response_format)', async () => {
    const prompt = 'Ship to:\n221B Baker Street\nLondon NW1 6XE\nthanks, reach me at "jane\\doe"@corp-example.com';
    provider.respond = (req) => {
      const placeholders = req.body.toString().match(/\[[A-Z_]+_\d+\]/g) ?? [];
      return { status: 200, body: completion(JSON.stringify({ slots: placeholders })) };
    };
    const content = ((await (await chat('placeholder', prompt, { response_format: { type: 'json_object' } })).json()) as any).choices[0].message.content as string;
    const parsed = JSON.parse(content) as { slots: string[] };
    expect(parsed.slots.length).toBeGreaterThan(0);
    expect(parsed.slots.join('\n')).toContain('221B Baker Street');
  });

  it('sanitizes the strings of tool-call and function-call arguments and still sends valid JSON', async () => {
    provider.respond = () => ({ status: 200, body: completion('ok') });
    const args = '{"email":"j\\u00f6rg@example.com","addr":"221B Baker Street\\nLondon NW1 6XE","password":"Xk9#mP2qz7!vB4"}';
    await post('placeholder', {
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: args } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: JSON.stringify({ email: EMAIL }) } },
        { role: 'function', name: 'lookup', content: `found ${EMAIL}` },
      ],
    });
    const body = sentBody();
    const decoded = JSON.parse(body.messages[1].tool_calls[0].function.arguments);
    expect(decoded.email).toBe('[EMAIL_1]');
    expect(decoded.addr).not.toContain('London NW1');
    expect(decoded.password).toMatch(/^\[SECRET_\d+\]$/);
    expect(JSON.parse(body.messages[3].function_call.arguments)).toEqual({ email: '[EMAIL_2]' });
    expect(sent().body.toString()).not.toContain(EMAIL);
  });

  it('never puts a value back for a placeholder the request wrote itself', async () => {
    provider.respond = (req) => ({ status: 200, body: completion(`Echo: ${JSON.parse(req.body.toString()).messages[0].content}`) });
    const content = ((await (await chat('placeholder', `Fill [EMAIL_1] in the template; my address is ${EMAIL}`)).json()) as any).choices[0].message.content;
    expect(sentBody().messages[0].content).toBe('Fill [EMAIL_1] in the template; my address is [EMAIL_2]');
    expect(content).toBe(`Echo: Fill [EMAIL_1] in the template; my address is ${EMAIL}`);

    // Written with a JSON escape, it is the same placeholder.
    provider.respond = () => ({ status: 200, body: completion('Fill [EMAIL_1]') });
    const escaped = `{"messages":[{"role":"user","content":"Fill [EMAIL\\u005f1] in; my address is ${EMAIL}"}]}`;
    const res = await fetch(`${stack.standin.url}/placeholder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: escaped });
    expect(((await res.json()) as any).choices[0].message.content).toBe('Fill [EMAIL_1]');
  });

  it('sanitizes keys and long numbers of the arguments too, leaves every other byte as it was, and takes any depth', async () => {
    provider.respond = () => ({ status: 200, body: completion('ok') });
    const args = `{"card": 4111111111111111, "${EMAIL}": "vip", "order_id": 12345678901234567890, "price": 1.50, "note": "call +1 415 555 2671"}`;
    const deep = `${'['.repeat(20000)}"${EMAIL}"${']'.repeat(20000)}`;
    const res = await post('placeholder', {
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: args } }, { id: 'c2', type: 'function', function: { name: 'g', arguments: deep } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
        { role: 'tool', tool_call_id: 'c2', content: 'done' },
      ],
    });
    expect(res.status).toBe(200);
    const [first, second] = sentBody().messages[1].tool_calls.map((c: any) => c.function.arguments as string);
    expect(first).toBe('{"card": "[CREDIT_CARD_1]", "[EMAIL_1]": "vip", "order_id": 12345678901234567890, "price": 1.50, "note": "call [PHONE_1]"}');
    expect(second).toBe(`${'['.repeat(20000)}"[EMAIL_1]"${']'.repeat(20000)}`);
  });

  it('reads each argument value after the key it belongs to, however nested or spaced', async () => {
    provider.respond = () => ({ status: 200, body: completion('ok') });
    const cases = [
      { args: '{"password":[{"hint":"pet"},"S3cr3t-Passw0rd!"]}', masked: 'S3cr3t-Passw0rd!' },
      { args: `{"password"${' '.repeat(80)}: "hunter2Xyz!93"}`, masked: 'hunter2Xyz!93' },
      { args: '{"contacts":[{"first_name":"Ann"},"Springfield"]}', kept: 'Springfield' },
      { args: '{"env":[{"name":"DB_PASSWORD","value":"Tr0ub4dor&3horse"}]}', masked: '3horse' },
    ];
    for (const { args, masked, kept } of cases) {
      await post('placeholder', {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: args } }] },
          { role: 'tool', tool_call_id: 'c1', content: 'done' },
        ],
      });
      const sentArgs = sentBody().messages[1].tool_calls[0].function.arguments as string;
      if (masked) expect(sentArgs).not.toContain(masked);
      if (kept) expect(sentArgs).toContain(kept);
    }
  });

  it('masks what the model writes into tool-call arguments in output mode and keeps them valid JSON', async () => {
    const args = '{"card": 4111111111111111, "email": "j\\u00f6rg@example.com", "to": "221B Baker Street\\nLondon NW1 6XE"}';
    provider.respond = () => ({ status: 200, body: completion(null, [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }]) });
    const plain = ((await (await chat('output', 'hi')).json()) as any).choices[0].message.tool_calls[0].function.arguments as string;
    provider.respond = () => ({ status: 200, sse: toolCallStream('f', args, 5) });
    const streamed = toolArguments(chunksOf(await readSse(await chat('output', 'hi', { stream: true }))))[0]!;
    for (const answer of [plain, streamed]) {
      const decoded = JSON.parse(answer);
      expect(JSON.stringify(decoded)).not.toMatch(/4111|rg@example|London NW1/);
    }
  });

  it('masks a private key streamed in output mode, longer than the window', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const text = `Here is the key you asked for:\n${pem}\nKeep it safe.`;
    provider.respond = () => ({ status: 200, sse: stream(text.match(/.{1,7}/gs)!) });
    const streamed = streamedText(await readSse(await chat('output', 'hi', { stream: true })));
    expect(streamed).not.toContain(pem.split('\n')[1]);
    expect(streamed).toContain('Keep it safe.');
  });

  it('relays a provider’s stream unchanged where no plugin transforms it', async () => {
    const completionEvents = [': keep-alive\n\n', `event: completion\nid: 7\ndata: ${JSON.stringify({ id: 'x', object: 'text_completion', choices: [{ index: 0, text: 'Hello', finish_reason: 'stop' }] })}\n\n`, DONE];
    provider.respond = () => ({ status: 200, sse: completionEvents });
    expect(await (await post('plain-completions', { prompt: 'hi', stream: true })).text()).toBe(completionEvents.join(''));

    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const final = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: ' there' }, finish_reason: 'stop' }], usage })}\n\n`;
    const roleWithUsage = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 } })}\n\n`;
    provider.respond = () => ({ status: 200, sse: [roleWithUsage, chunk({ content: 'Hi' }), final, DONE] });
    const events = chunksOf(await readSse(await chat('plain', 'hi', { stream: true, stream_options: { include_usage: true } })));
    expect(events.filter((c) => c.usage).length).toBe(1);
    expect(events.at(-1)!.choices).toEqual([]);
    expect(events.map((c) => c.choices?.[0]?.delta?.content ?? '').join('')).toBe('Hi there');
  });

  it('sanitizes Predicted Outputs, the end user\'s id and a participant\'s name', async () => {
    provider.respond = () => ({ status: 200, body: completion('ok') });
    await post('placeholder', {
      messages: [{ role: 'user', name: 'Ada_Lovelace', content: 'Fix the signature below' }],
      prediction: { type: 'content', content: `Regards,\nAda Lovelace\n${EMAIL}\n+44 20 7946 0958` },
      user: EMAIL,
    });
    const raw = sent().body.toString();
    expect(raw).not.toContain(EMAIL);
    expect(raw).not.toContain('7946 0958');
    expect(raw).not.toContain('Lovelace');
    expect(sentBody().messages[0].name).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('blocks what every place of the body carries, however the part or the field is shaped', async () => {
    const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });
    const bodies = [
      user([{ type: 'text', text: { value: `card ${CARD}` } }]),
      user([{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: 'https://jane.doe:hunter2pass@img.example.com/a.png' } }]),
      user([{ type: 'file', file: { filename: `statement ${EMAIL}.pdf`, file_data: 'JVBERi0xLjQK' } }]),
      { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'output_text', text: `card ${CARD}` }] }] },
      { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'refusal', refusal: `not ${EMAIL}` }] }] },
      { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok', reasoning_content: `write to ${EMAIL}`, refusal: null }] },
      { messages: [{ role: 'user', content: 'hi' }], metadata: { customer: EMAIL } },
    ];
    for (const body of bodies) {
      const res = await post('block-all', body);
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/4111|jane\.doe|hunter2/);
    }
  });

  it('refuses bad bodies clearly, and never repeats what they hold', async () => {
    const send = (body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${stack.standin.url}/placeholder`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const malformed = await send(`{"messages":[{"role":"user","content":'card ${CARD}'}]}`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toContain('4111');

    const deep = await send(`{"messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(4000)}${']'.repeat(4000)}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as any).error.message).toContain('levels deep');

    const { gzipSync } = await import('node:zlib');
    const gzip = await send(gzipSync(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] })));
    expect(gzip.status).toBe(415);

    provider.respond = () => ({ status: 200, body: completion('ok') });
    // UTF-16 is read, and a placeholder the request writes in it is reserved too.
    const utf16 = await send(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: `fill [EMAIL_1]; mail ${EMAIL}` }] }), 'utf16le')]));
    expect(utf16.status).toBe(200);
    expect(sent().body.toString()).toContain('fill [EMAIL_1]; mail [EMAIL_2]');
  });

  it('sanitizes input_text parts, which the providers read as text', async () => {
    provider.respond = () => ({ status: 200, body: completion('ok') });
    const res = await post('placeholder', {
      messages: [
        { role: 'system', content: [{ type: 'input_text', text: `Customer email ${EMAIL}` }] },
        { role: 'user', content: [{ type: 'input_text', text: `card ${CARD}` }, { type: 'text', text: `or ${EMAIL}` }] },
      ],
    });
    expect(res.status).toBe(200);
    const raw = sent().body.toString();
    expect(raw).not.toContain(EMAIL);
    expect(raw).not.toContain(CARD);
    expect(JSON.stringify(sentBody().messages[0])).toContain('Customer email [EMAIL_1]');
  });

  it('records the counts in what Kong logs when it blocks, and holds its own body limit after another plugin read the body', async () => {
    const res = await chat('block', `Charge card ${CARD}`);
    expect(res.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    const entry = stack.standin.logs.at(-1) as { ai?: { pii?: { counts: Record<string, number>; blocked: string[] } } };
    expect(entry.ai?.pii).toMatchObject({ counts: { credit_card: 1 }, blocked: ['credit_card'] });
    expect(JSON.stringify(stack.standin.logs)).not.toMatch(/4111[ -]?1111[ -]?1111/);

    for (const path of ['small', 'proxy-small']) {
      const large = await chat(path, 'x'.repeat(5000));
      expect(large.status).toBe(413);
      expect(((await large.json()) as any).error.code).toBe('request_too_large');
    }
  });
});

describe('pii-sanitizer custom patterns', () => {
  it('refuses a pattern that repeats a group holding a quantifier or an alternation', async () => {
    const { customDetector } = await import('../../plugins/pii-sanitizer/detect/custom');
    for (const pattern of ['(?:\\d{1,9}){1,99}X', '(a|aa)*b', '(x+)+y']) expect(() => customDetector({ name: 't', pattern })).toThrow(/exponential/);
    for (const pattern of ['(?:TKT-\\d+)?', '(?:TKT|INC)-\\d+', '(?:ab)+c', '(?<id>\\d+)-x']) expect(() => customDetector({ name: 't', pattern })).not.toThrow();
  });
});

describe('pii-sanitizer custom categories', () => {
  it('reads a custom pattern on the text as typed, full-width characters and all, while the built-ins read it folded', async () => {
    const { createDetector } = await import('../../plugins/pii-sanitizer/detect');
    const detector = createDetector({ custom: [{ name: 'employee_id', pattern: '社員番号：[０-９]{5}', confidence: 0.9 }] });
    const text = '社員番号：１２３４５、電話は０９０－１２３４－５６７８です。';
    expect(detector.detect(text).map((f) => [f.category, f.value])).toEqual([
      ['employee_id', '社員番号：１２３４５'],
      ['phone', '０９０－１２３４－５６７８'],
    ]);
    // And a pattern written in ASCII finds the value typed in full width or split by an invisible character; an allowed
    // value is allowed however it is typed.
    const ascii = createDetector({ custom: [{ name: 'employee_id', pattern: 'EMP-\\d{5}', confidence: 0.9 }], allow: { values: ['support@example.com'] } });
    expect(ascii.detect('badge ＥＭＰ－１２３４５ and EMP-12\u200b345').map((f) => f.value)).toEqual(['ＥＭＰ－１２３４５', 'EMP-12\u200b345']);
    expect(ascii.detect('write to support＠example.com or sup\u200bport@example.com')).toEqual([]);
    const typedPattern = createDetector({ categories: [], custom: [{ name: 'employee_id', pattern: '[ＥE][ＭM][ＰP][－-][0-9０-９]{5}', confidence: 0.9 }], allow: { values: ['EMP-00000'] } });
    expect(typedPattern.detect('ID ＥＭＰ－０００００ please')).toEqual([]);
    expect(typedPattern.detect('ID ＥＭＰ－１２３４５ please').map((f) => f.value)).toEqual(['ＥＭＰ－１２３４５']);
  });

  it('gives every category a placeholder the answer can restore', async () => {
    const { PiiVault, applyFindings } = await import('../../plugins/pii-sanitizer/vault');
    const { restoreTransform } = await import('../../plugins/pii-sanitizer/restore-transform');
    const { createDetector } = await import('../../plugins/pii-sanitizer/detect');
    const detector = createDetector({
      categories: [],
      custom: [
        { name: '2fa_code', pattern: 'OTP-\\d{6}', confidence: 0.9 },
        { name: 'über_id', pattern: 'UID-\\d{4}', confidence: 0.9 },
        { name: 'ticket', pattern: '(?:TKT-\\d+)?', confidence: 0.9 },
      ],
    });
    const vault = new PiiVault();
    const text = 'codes OTP-123456 and UID-9876, ticket TKT-42';
    const sanitized = applyFindings(text, detector.detect(text), () => 'placeholder', vault);
    expect(sanitized).toBe('codes [PII_2FA_CODE_1] and [UBER_ID_1], ticket [TICKET_1]');
    const restore = restoreTransform(vault, { restores: () => true, inLinks: false });
    expect(restore.push(sanitized) + restore.flush()).toBe(text);
  });

  it('keeps placeholders inside links only: a line after a link, a code comment, a link in JSON with escaped slashes', async () => {
    const { PiiVault } = await import('../../plugins/pii-sanitizer/vault');
    const { restoreTransform } = await import('../../plugins/pii-sanitizer/restore-transform');
    const vault = new PiiVault();
    const email = vault.placeholderFor('email', 'alice@corp.example');
    const person = vault.placeholderFor('person', 'Alice Martin');
    const restored = (text: string, insideJson = false) => {
      const restore = restoreTransform(vault, { restores: () => true, inLinks: false }, { insideJson });
      return restore.push(text) + restore.flush();
    };
    expect(restored(`{"text":"See https:\\/\\/docs.example\\/guide\\nContact:\\n${email}"}`, true)).toContain('alice@corp.example');
    expect(restored(`{"url":"https:\\/\\/evil.example\\/c?m=${email}"}`, true)).toContain(email);
    expect(restored(`const owner = 1; //owner:${person}`)).toBe('const owner = 1; //owner:Alice Martin');
    expect(restored(`![s](//evil.example/p.png?m=${email}) and ${person}`)).toBe(`![s](//evil.example/p.png?m=${email}) and Alice Martin`);
    // A CSV's or a table's separator, found before the link on its row too, ends the link; not inside a Markdown link.
    expect(restored(`name,website,email\n${person},https://acme-corp.io,${email}`)).toBe('name,website,email\nAlice Martin,https://acme-corp.io,alice@corp.example');
    expect(restored(`| ${person} | https://acme.io/team | ${email} |`)).toBe('| Alice Martin | https://acme.io/team | alice@corp.example |');
    expect(restored(`|https://acme.io|${email}|`)).toBe('|https://acme.io|alice@corp.example|');
    expect(restored(`| x | ![p](https://evil.example/p.png?a=1|${email}) |`)).toContain(email);
    expect(restored(`See https://evil.example/?a=1,${email}`)).toContain(email);
    // A separator before the link on its row ends only a site's bare address: a link with a path or a query runs on.
    expect(restored(`Hi, see https://evil.example/?a=1,${email}`)).toContain(email);
    expect(restored(`Hi, <img src="https://evil.example/p.png?a=1,${email}">`)).toContain(email);
    expect(restored(`Thanks, Bob. https://evil.example/log?d=x,${email}`)).toContain(email);
    expect(restored(`{"text":"Hi, https:\\/\\/evil.example\\/?a=1,${email}"}`, true)).toContain(email);
  });

  it('escapes a value restored into a JSON field the model wrote in prose, so an address over two lines leaves the JSON valid', async () => {
    const { PiiVault } = await import('../../plugins/pii-sanitizer/vault');
    const { restoreTransform } = await import('../../plugins/pii-sanitizer/restore-transform');
    const vault = new PiiVault();
    const address = vault.placeholderFor('address', '123 Main Street\nSpringfield, IL 62704');
    const person = vault.placeholderFor('person', 'Alice Martin');
    const answer = `Here it is:\n\`\`\`json\n{"ship_to": "${address}", "note": "for ${person} at ${address}"}\n\`\`\``;
    for (const size of [answer.length, 1, 3]) {
      const restore = restoreTransform(vault, { restores: () => true, inLinks: false });
      let out = '';
      for (let k = 0; k < answer.length; k += size) out += restore.push(answer.slice(k, k + size));
      out += restore.flush();
      expect(JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1))).toEqual({ ship_to: '123 Main Street\nSpringfield, IL 62704', note: 'for Alice Martin at 123 Main Street\nSpringfield, IL 62704' });
    }
    // In prose, outside a JSON field, the value goes back as it was written.
    const prose = restoreTransform(vault, { restores: () => true, inLinks: false });
    expect(prose.push(`Ship to "${address}" for ${person}.`) + prose.flush()).toBe('Ship to "123 Main Street\nSpringfield, IL 62704" for Alice Martin.');
  });

  it('restores the placeholders a model alters (case, a blank, Markdown escapes), the vault issued only, also split across chunks', async () => {
    const { PiiVault } = await import('../../plugins/pii-sanitizer/vault');
    const { restoreTransform } = await import('../../plugins/pii-sanitizer/restore-transform');
    const vault = new PiiVault();
    vault.reserve('The template says [email_2].');
    expect(vault.placeholderFor('email', 'alice@corp.example')).toBe('[EMAIL_1]');
    expect(vault.placeholderFor('email', 'bob@corp.example')).toBe('[EMAIL_3]');
    vault.placeholderFor('person', 'Alice Martin');
    vault.placeholderFor('secret', 'hunter2hunter2');
    const policy = { restores: (category: string) => category !== 'secret', inLinks: false };
    const answer = 'To [EMAIL 1], [email_1], \\[EMAIL\\_1\\] and [EMAIL\\_1]: [Person_1] wrote [email_2], [EMAIL_9], [secret_1], https://x.example/?m=[email 1].';
    const expected = 'To alice@corp.example, alice@corp.example, alice@corp.example and alice@corp.example: Alice Martin wrote [email_2], [EMAIL_9], [secret_1], https://x.example/?m=[email 1].';
    for (const size of [answer.length, 1, 2, 3, 5]) {
      const restore = restoreTransform(vault, policy);
      let out = '';
      for (let k = 0; k < answer.length; k += size) out += restore.push(answer.slice(k, k + size));
      expect(out + restore.flush()).toBe(expected);
    }
    const json = restoreTransform(vault, policy, { insideJson: true });
    expect(JSON.parse(json.push('{"to":"[email 1]","who":"[Person_1]"}') + json.flush())).toEqual({ to: 'alice@corp.example', who: 'Alice Martin' });
  });
});

// A provider that is not OpenAI gets the sanitized system prompt too (it reads input_text parts into its own fields).
describe('pii-sanitizer before a translating provider', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  beforeAll(async () => {
    provider = await startCaptureServer();
    provider.respond = () => ({ status: 200, body: { id: 'm', model: 'c', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } } });
    stack = await startSuiteStack({
      plugins: shipped('pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        postRoute('anthropic', [
          { name: 'pii-sanitizer', config: {} },
          { name: 'llm-proxy', config: { targets: [mockTarget(provider.url, { provider: 'anthropic', model: 'claude-3-5-haiku' })], balancer: { retries: 0 } } },
        ]),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  it('never sends the original of an input_text system part or tool result', async () => {
    const res = await fetch(`${stack.standin.url}/anthropic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          { role: 'system', content: [{ type: 'input_text', text: `Customer email ${EMAIL}` }] },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: [{ type: 'input_text', text: `record: ${EMAIL}` }] },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const raw = provider.received.at(-1)!.body.toString();
    expect(raw).not.toContain(EMAIL);
    expect(raw).toContain('[EMAIL_1]');
  });

  const send = (messages: unknown[]) =>
    fetch(`${stack.standin.url}/anthropic`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });

  it('reads a text document attached as a file part, which Claude reads as text, and sends it sanitized', async () => {
    const notes = `Customer: ${EMAIL}, card ${CARD}`;
    const file = { filename: 'notes.txt', file_data: `data:text/plain;base64,${Buffer.from(notes).toString('base64')}` };
    const res = await send([{ role: 'user', content: [{ type: 'text', text: 'Summarise the attached notes.' }, { type: 'file', file }] }]);
    expect(res.status).toBe(200);
    const document = JSON.parse(provider.received.at(-1)!.body.toString()).messages[0].content[1];
    expect(document).toMatchObject({ type: 'document', source: { type: 'text', media_type: 'text/plain' } });
    expect(document.source.data).toBe('Customer: [EMAIL_1], card [CREDIT_CARD_1]');
  });

  it('reads a tool result that is JSON as the text it decodes to, and keeps it valid JSON', async () => {
    const record = { customer: { full_name: 'François Dupont', email: 'françois.dupont@example.com', street: 'Königstraße 12, 70173 Stuttgart' } };
    // As Python's json.dumps writes it by default: every character beyond ASCII escaped.
    const ascii = JSON.stringify(record).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const res = await send([
      { role: 'user', content: 'Look up the customer' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: ascii },
    ]);
    expect(res.status).toBe(200);
    const result = JSON.parse(provider.received.at(-1)!.body.toString()).messages[2].content[0].content as string;
    expect(() => JSON.parse(result)).not.toThrow();
    expect(result).not.toMatch(/Dupont|fran|K\\u00f6nigstra|70173/);
  });

  it('reads digits and marks typed in full width (a Japanese IME) and values split by invisible characters', async () => {
    const res = await send([{ role: 'user', content: `電話番号は０９０－１２３４－５６７８です。カード番号は４１１１ １１１１ １１１１ １１１１です。メールは jane.doe\u200b@corp-example.com` }]);
    expect(res.status).toBe(200);
    const raw = provider.received.at(-1)!.body.toString();
    expect(raw).not.toMatch(/０９０|４１１１|jane\.doe/);
    expect(raw).toMatch(/\[PHONE_1\].*\[CREDIT_CARD_1\].*\[EMAIL_1\]/);
  });
});
