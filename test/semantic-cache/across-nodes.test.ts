import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitForSemanticHits } from '../support/warm-cache';

jest.setTimeout(90_000);

/**
 * Two (then three) Kong nodes, each with its own suite process, sharing one
 * Redis: what one node caches, the others serve; Redis dying costs hits, never
 * requests.
 */
describe('semantic-cache across nodes sharing Redis', () => {
  let mock: MockLlm;
  let redis: TestRedis;
  const nodes: SuiteStack[] = [];

  const startNode = async () => {
    const node = await startSuiteStack({ plugins: shipped('semantic-cache', 'llm-proxy'), env: { AI_SUITE_REDIS_URL: redis.url }, declarative: declarative([postRoute('chat', [{ name: 'semantic-cache', config: {} }, llmProxy(mock.url)])]) });
    nodes.push(node);
    await waitForSemanticHits((text) => fetch(`${node.standin.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: `${text} (node ${nodes.length})` }] }) }));
    return node;
  };

  const ask = async (node: SuiteStack, text: string) => {
    const res = await fetch(`${node.standin.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: text }] }),
    });
    const body = (await res.json()) as { choices?: Array<{ message: { content: string } }> };
    return { status: res.status, cache: res.headers.get('x-cache-status'), text: body.choices?.[0]?.message.content };
  };

  /** Waits until the node serves the text from the cache (the stream is followed asynchronously). */
  const eventuallyHit = async (node: SuiteStack, text: string) => {
    let last;
    for (let i = 0; i < 40; i++) {
      last = await ask(node, text);
      if (last.cache === 'Hit') return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    return last!;
  };

  beforeAll(async () => {
    mock = await startMockLlm();
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await redis?.stop();
    await mock?.close();
  });

  it('serves on node B what node A cached, exactly and in other words', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const written = await ask(a, 'How do I reset my router password?');
    expect(written.cache).toBe('Miss');
    const calls = mock.requests.length;
    const exact = await eventuallyHit(b, 'How do I reset my router password?');
    expect(exact).toMatchObject({ status: 200, cache: 'Hit', text: written.text });
    const paraphrase = await eventuallyHit(b, 'How can I reset my router password?');
    expect(paraphrase).toMatchObject({ cache: 'Hit', text: written.text });
    expect(mock.requests.length).toBe(calls);
  });

  it('a node started later catches up from the stream', async () => {
    const c = await startNode();
    const hit = await eventuallyHit(c, 'How can I reset my router password?');
    expect(hit.cache).toBe('Hit');
  });

  it('keeps answering while Redis is down, and shares again once it is back', async () => {
    const [a, b] = nodes;
    await redis.stop();
    const down = await ask(a!, 'What is the boiling point of water at sea level?');
    expect(down).toMatchObject({ status: 200, cache: 'Miss' });
    // Without Redis the entry still serves its own node.
    expect((await eventuallyHit(a!, 'What is the boiling point of water at sea level?')).cache).toBe('Hit');
    const other = await ask(b!, 'Which planet is closest to the sun?');
    expect(other.status).toBe(200);

    await redis.start();
    // Redis came back empty; new entries are shared again once the nodes reconnect.
    let shared;
    for (let i = 0; i < 30 && shared?.cache !== 'Hit'; i++) {
      const question = `Name a famous bridge in city number ${i}`;
      await ask(a!, question);
      await new Promise((r) => setTimeout(r, 150));
      shared = await ask(b!, question);
    }
    expect(shared?.cache).toBe('Hit');
  });
});
