import Redis from 'ioredis';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { waitForSemanticHits } from '../support/warm-cache';

jest.setTimeout(90_000);

const REDIS_URL = process.env.AI_SUITE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test:expiry:${process.pid}:${Date.now()}:`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An entry's prompt is gone from Redis once its ttl_seconds have passed: the record expires with it, and the stream
 * that announces entries to other nodes holds no prompt and is trimmed to the entries that may still live.
 */
describe('semantic-cache entries expire whole', () => {
  let mock: MockLlm;
  let stack: SuiteStack;
  const redis = new Redis(REDIS_URL);

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      env: { AI_SUITE_REDIS_URL: REDIS_URL },
      declarative: declarative([postRoute('t', [{ name: 'semantic-cache', config: { redis_prefix: PREFIX, ttl_seconds: 2 } }, llmProxy(mock.url)])]),
    });
    await waitForSemanticHits((text) => ask(text));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await stack?.close();
    await mock?.close();
  });

  const ask = (text: string) =>
    fetch(`${stack.standin.url}/t`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: text }] }) });

  /** The keys under the prefix whose value (a string, or a stream's events) holds the text. */
  const keysHolding = async (text: string) => {
    const out: string[] = [];
    for (const key of await redis.keys(`${PREFIX}*`)) {
      const type = await redis.type(key);
      const value = type === 'stream' ? JSON.stringify(await redis.xrange(key, '-', '+')) : type === 'string' ? await redis.get(key) : '';
      if (value?.includes(text)) out.push(`${type} ${key}`);
    }
    return out;
  };

  it('keeps the prompt in the expiring record only, and nothing of it after ttl_seconds', async () => {
    const prompt = 'My secret project codename is BLUEBIRD, summarise it';
    await (await ask(prompt)).text();
    await sleep(300);
    const hit = await ask('My secret project codename is BLUEBIRD, please summarise it');
    await hit.text();
    expect(hit.headers.get('x-cache-status')).toBe('Hit');
    const holding = await keysHolding('BLUEBIRD');
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.every((k) => k.startsWith(`string ${PREFIX}e:`))).toBe(true);
    await sleep(2500);
    expect(await keysHolding('BLUEBIRD')).toEqual([]);
    // The stream goes with the last entry it announced: no vector outlives the entries either.
    expect(await redis.exists(`${PREFIX}stream`)).toBe(0);
    const after = await ask(prompt);
    await after.text();
    expect(after.headers.get('x-cache-status')).toBe('Miss');
  });
});
