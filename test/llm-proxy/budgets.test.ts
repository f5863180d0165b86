import Redis from 'ioredis';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { shipped } from '../support/shipped';
import { declarative, mockTarget, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

jest.setTimeout(60_000);

/**
 * Budgets through the stand-in, the suite process, the mock provider and the shared Redis: what a sequential client
 * is let through, whatever else listens to the answer, and cost budgets on models without a shipped price.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `test:budgets:${process.pid}:${Date.now()}`;

describe('llm-proxy budgets', () => {
  let mock: MockLlm;
  let stack: SuiteStack;
  const budgets = (name: string, limit: Record<string, unknown>) => ({
    redis_url: REDIS_URL,
    key_prefix: `${PREFIX}:${name}`,
    limits: [{ name, by: 'header', header_name: 'x-team', period_s: 3600, ...limit }],
  });
  const proxy = (config: Record<string, unknown>) => ({ name: 'llm-proxy', config });

  beforeAll(async () => {
    mock = await startMockLlm();
    // The cache's remote embeddings never answer (within the test): its write-back of every answer stays pending.
    mock.program({ match: { path: '/v1/embeddings', model: 'text-embedding-3-small' }, times: 'forever', behaviour: { hang: true } });
    const selfHosted = mockTarget(mock.url, { name: 'llama', provider: 'openai-compatible', model: 'my-llama-3.1-8b', upstream_url: `${mock.url}/v1` });
    stack = await startSuiteStack({
      plugins: shipped('semantic-cache', 'llm-proxy'),
      declarative: declarative([
        postRoute('behind-cache', [
          { name: 'semantic-cache', config: { embed_timeout_ms: 50, embedding: { engine: 'openai', url: `${mock.url}/v1`, api_key: 'k', timeout_ms: 60_000 } } },
          proxy({ targets: [mockTarget(mock.url)], budgets: budgets('behind-cache', { max_tokens: 60 }) }),
        ]),
        postRoute('embeddings', [
          proxy({ route_type: 'llm/v1/embeddings', targets: [mockTarget(mock.url, { model: 'text-embedding-3-large' })], budgets: budgets('embeddings', { max_cost_usd: 0.000001 }) }),
        ]),
        postRoute('unpriced', [proxy({ targets: [selfHosted], budgets: budgets('unpriced', { max_cost_usd: 0.000001 }) })]),
        postRoute('priced-by-config', [
          proxy({ targets: [{ ...selfHosted, options: { input_cost: 0.2, output_cost: 0.2 } }], budgets: budgets('priced-by-config', { max_cost_usd: 0.000001 }) }),
        ]),
      ]),
    });
  });
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await stack?.close();
    await mock?.close();
  });

  const ask = (route: string, content: string) =>
    fetch(`${stack.standin.url}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-team': 'team-a' },
      body: JSON.stringify({ messages: [{ role: 'user', content }] }),
    });
  /** Each request sent once the whole answer to the one before was read, as a sequential client does. */
  const sequentially = async (route: string, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await ask(route, `question number ${i} about apples`);
      await res.text();
      statuses.push(res.status);
    }
    return statuses;
  };

  it('refuses a sequential client once its budget is spent, while the cache is still writing the answers back', async () => {
    // About 45 tokens an answer against 60: the second answer spends the budget and the third request is refused.
    expect(await sequentially('behind-cache', 4)).toEqual([200, 200, 429, 429]);
  });

  it('counts embeddings against a cost budget (their usage has no completion tokens), a fraction of a millionth as one', async () => {
    // A few input tokens at $0.13 a million: less than the budget's millionth of a dollar, counted as one all the same.
    const embed = () =>
      fetch(`${stack.standin.url}/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-team': 'team-a' }, body: JSON.stringify({ input: 'apples and pears' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await embed();
      await res.text();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 429]);
  });

  it('refuses each request of a cost budget over a model with no price, as misconfigured, and calls no provider', async () => {
    const before = mock.requests.filter((r) => r.path.includes('/chat/completions')).length;
    const res = await ask('unpriced', 'hello');
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).error).toMatchObject({ code: 'gateway_plugin_misconfigured' });
    expect(mock.requests.filter((r) => r.path.includes('/chat/completions')).length).toBe(before);
  });

  it('enforces a cost budget over a model the target prices itself', async () => {
    expect(await sequentially('priced-by-config', 3)).toEqual([200, 429, 429]);
  });
});
