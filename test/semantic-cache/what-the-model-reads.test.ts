import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitForSemanticHits } from '../support/warm-cache';

jest.setTimeout(120_000);

const PREFIX = `test:cache-reads:${process.pid}:${Date.now()}:`;

/** The write-back runs once the bridge has finished the answer, just after the client has it. */
const settle = () => new Promise((r) => setTimeout(r, 300));

type Answer = { choices?: Array<{ message: { content: string } }>; error?: { code?: string } };

/**
 * What the cache must not serve although the embedding says "the same": prompts that differ only where the model
 * reads nothing (characters outside its vocabulary, text beyond its window), a body llm-proxy would refuse; and a
 * route's entries, which other routes on the same Redis prefix must not evict.
 */
describe('semantic-cache and what its model reads', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      env: { AI_SUITE_REDIS_URL: 'redis://127.0.0.1:6379' },
      declarative: declarative([
        postRoute('reads', [{ name: 'semantic-cache', config: { redis_prefix: `${PREFIX}reads:` } }, llmProxy(mock.url)]),
        postRoute('small-bodies', [{ name: 'semantic-cache', config: { redis_prefix: `${PREFIX}small-bodies:` } }, llmProxy(mock.url, { max_request_body_size: 4096 })]),
        // Two routes on one prefix: a small bound and the default one.
        postRoute('bounded', [{ name: 'semantic-cache', config: { redis_prefix: `${PREFIX}shared:`, max_entries: 20 } }, llmProxy(mock.url)]),
        postRoute('busy', [{ name: 'semantic-cache', config: { redis_prefix: `${PREFIX}shared:` } }, llmProxy(mock.url)]),
      ]),
    });
    await waitForSemanticHits((text) => ask('reads', text));
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  const ask = (routeName: string, text: string) =>
    fetch(`${stack.standin.url}/${routeName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: text }] }) });
  const answer = async (routeName: string, text: string) => {
    const res = await ask(routeName, text);
    const body = (await res.json()) as Answer;
    return { status: res.status, cache: res.headers.get('x-cache-status'), text: body.choices?.[0]?.message.content };
  };

  it.each([
    ['Translate to English: 我饿了', 'Translate to English: 我累了'],
    ['What does 猫 mean?', 'What does 狗 mean?'],
    ['请用英语回答：什么是光合作用？', '请用英语回答：什么是黑洞？'],
    ['Translate to English: أنا جائع', 'Translate to English: أنا متعب'],
    ['What is the meaning of the emoji 🍕', 'What is the meaning of the emoji 🎉'],
  ])('never answers "%s" with the answer to "%s"', async (second, first) => {
    const a = await answer('reads', first);
    expect(a.cache).toBe('Miss');
    await settle();
    const b = await answer('reads', second);
    expect(b.cache).toBe('Miss');
    expect(b.text).not.toBe(a.text);
  });

  it('still answers an exact repeat of a prompt the model cannot read', async () => {
    await answer('reads', '今天天气怎么样？');
    await settle();
    expect((await answer('reads', '今天天气怎么样？')).cache).toBe('Hit');
  });

  it('never answers a long prompt edited beyond the model’s window with the answer to the unedited one', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `    value_${String.fromCharCode(97 + (i % 26))} = compute(data, key="${['alpha', 'beta', 'gamma', 'delta'][i % 4]}")`);
    const code = (last: string) =>
      `Why does this function return the wrong result?\n\`\`\`python\ndef summarize(data):\n${lines.join('\n')}\n    result = []\n    for item in data:\n        ${last}\n    return result\n\`\`\``;
    const original = await answer('reads', code('result.append(item)'));
    expect(original.cache).toBe('Miss');
    await settle();
    expect((await answer('reads', code('result.extend(item)'))).cache).toBe('Miss');
    // What the model reads may still differ in other words: the same long code asked about differently is one request.
    expect((await answer('reads', code('result.append(item)').replace('Why does this function', 'Why does this Python function'))).cache).toBe('Hit');
  });

  it('never answers from the cache a body larger than the route’s llm-proxy accepts', async () => {
    // The cache serves on a route once its llm-proxy has answered there on this node.
    await answer('small-bodies', 'hello there, how are you today?');
    expect((await answer('small-bodies', 'What is the capital of France?')).status).toBe(200);
    await settle();
    expect((await answer('small-bodies', 'What is the capital of France?')).cache).toBe('Hit');
    const padded = await answer('small-bodies', `What is the capital of France?${' '.repeat(8000)}`);
    expect(padded.status).toBe(413);
    expect(padded.cache).not.toBe('Hit');
  });

  it("keeps a route's own entries whatever another route on the same prefix caches", async () => {
    await answer('busy', 'hello from the busy route');
    expect((await answer('bounded', 'How do I reset my router password?')).cache).toBe('Miss');
    await settle();
    expect((await answer('bounded', 'How can I reset my router password?')).cache).toBe('Hit');
    for (let i = 0; i < 40; i++) await answer('busy', `Tell me a fact about the number ${i} and the moon`);
    await settle();
    expect((await answer('bounded', 'How can I reset my router password?')).cache).toBe('Hit');
  });
});
