import { CacheStore, cacheStoreFor } from '../../plugins/semantic-cache/cache-store';
import { getRedis } from '../../plugins/core/redis';

const REDIS = 'redis://127.0.0.1:6379';

/**
 * Who answered (`<provider>/<model>`, a hit's X-Kong-LLM-Model) is kept with an entry in Redis, for every node; a
 * record written before it was kept still serves, without it.
 */
describe('cache store keeps who answered', () => {
  const prefix = `test:answered-by:${process.pid}:${Date.now()}:`;
  const now = Date.now();
  const response = { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Lima' }, finish_reason: 'stop' }] };
  const others: CacheStore[] = [];
  afterAll(async () => {
    await Promise.all(others.map((s) => s.close()));
  });

  /** Another node's store on the same Redis: it knows the entry only from Redis. */
  const otherNode = () => {
    const store = new CacheStore(REDIS, prefix);
    others.push(store);
    return store;
  };

  it('reads it back from Redis on another node', async () => {
    const store = cacheStoreFor(REDIS, prefix, 'instance', 10);
    const value = { prompt: 'capital of peru', response, answeredBy: 'anthropic/claude-sonnet-4' };
    await store.put({ id: 'new', ns: 'n', group: 'instance', vector: new Float32Array([1, 0]), storedAt: now, expiresAt: now + 60_000, value });
    expect((await store.exact('new'))?.value?.answeredBy).toBe('anthropic/claude-sonnet-4');
    const entry = await otherNode().exact('new');
    expect(entry?.value).toMatchObject({ prompt: 'capital of peru', response, answeredBy: 'anthropic/claude-sonnet-4' });
  });

  it('serves a record written before it was kept, without it', async () => {
    const old = { ns: 'n', prompt: 'capital of chile', response, storedAt: now, expiresAt: now + 60_000 };
    await getRedis(REDIS).set(`${prefix}e:old`, JSON.stringify(old), 'PX', 60_000);
    const entry = await otherNode().exact('old');
    expect(entry?.value?.response).toEqual(response);
    expect(entry?.value?.answeredBy).toBeUndefined();
  });
});
