import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { readSse, streamedText } from '../support/sse';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { declarative } from '../support/routes';
import { ALL_SIX, fullChainRoute } from './full-chain';

jest.setTimeout(60_000);

/**
 * The cache sits after the sanitizer: it stores answers with placeholders, and
 * a hit restores them with *this* request's values. One user's PII never
 * reaches another through the cache.
 */
describe('semantic-cache behind pii-sanitizer', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped(...ALL_SIX),
      declarative: declarative([fullChainRoute('chat', mock.url, mock.url)], { consumers: [{ username: 'alice', keyauth_credentials: [{ key: 'alice-key' }] }] }),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  const ask = (text: string, stream = false) =>
    fetch(`${stack.standin.url}/chat`, {
      method: 'POST',
      headers: { apikey: 'alice-key', 'content-type': 'application/json' },
      body: JSON.stringify({ stream, messages: [{ role: 'user', content: text }] }),
    });

  it('serves a cached answer with the current request’s values, never the first one’s', async () => {
    const first = await ask('Draft a short welcome note for ada.lovelace@example-one.org');
    expect(first.headers.get('x-cache-status')).toBe('Miss');
    expect(await first.text()).toContain('ada.lovelace@example-one.org');
    await new Promise((r) => setTimeout(r, 300));
    const calls = mock.requests.length;

    const second = await ask('Draft a short welcome note for grace.hopper@example-two.org');
    expect(second.headers.get('x-cache-status')).toBe('Hit');
    const text = await second.text();
    expect(text).toContain('grace.hopper@example-two.org');
    expect(text).not.toContain('ada.lovelace');
    expect(mock.requests.length).toBe(calls);

    const streamed = await ask('Draft a short welcome note for alan.turing@example-three.org', true);
    expect(streamed.headers.get('x-cache-status')).toBe('Hit');
    const replay = streamedText(await readSse(streamed));
    expect(replay).toContain('alan.turing@example-three.org');
    expect(replay).not.toMatch(/ada\.lovelace|grace\.hopper|\[EMAIL_1\]/);
  });
});
