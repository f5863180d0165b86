import fc from 'fast-check';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { declarative } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { ALL_SIX, fullChainRoute } from '../system/full-chain';

/**
 * Property-based: whatever body a client sends through the whole chain (key-auth,
 * rate-limiting and all six suite plugins, then the bridge), the gateway answers with a deliberate status,
 * never an unintended 5xx, an OpenAI error envelope for everything it refuses, and
 * nothing leaked: no provider key, no stack trace, no PII value.
 */
const PROVIDER_KEY = 'sk-fuzz-provider-key-0123456789abcdef';
const EMAIL = 'fuzz.person@corp-example.com';

describe('bad input, fuzzed through the whole chain', () => {
  let mock: MockLlm;
  let stack: SuiteStack;

  beforeAll(async () => {
    mock = await startMockLlm();
    stack = await startSuiteStack({
      plugins: shipped(...ALL_SIX),
      declarative: declarative(
        [fullChainRoute('chat', mock.url, mock.url, { path: '/v1/chat/completions', providerKey: PROVIDER_KEY, proxy: { max_request_body_size: 65536 } })],
        { consumers: [{ username: 'fuzzer', keyauth_credentials: [{ key: 'fuzz-key' }] }] },
      ),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await mock?.close();
  });

  async function send(body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; text: string }> {
    const res = await fetch(`${stack.standin.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { apikey: 'fuzz-key', 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, text: await res.text() };
  }

  function checkAnswer({ status, text }: { status: number; text: string }): void {
    // 415: random bytes may start as gzip, zlib or zstd do (a compressed body is refused as such).
    expect([200, 400, 404, 413, 415]).toContain(status);
    expect(text).not.toContain(PROVIDER_KEY);
    expect(text).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|\.js:\d+:\d+/);
    if (status !== 200) {
      const error = (JSON.parse(text) as { error: { message: string; type: string } }).error;
      expect(typeof error.message).toBe('string');
      expect(typeof error.type).toBe('string');
    }
  }

  const message = fc.record(
    {
      role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'tool', 'developer'), fc.string()),
      content: fc.oneof(
        fc.string(),
        fc.constant(null),
        fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text: fc.string() }), fc.record({ type: fc.string(), text: fc.jsonValue() })), { maxLength: 3 }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.record({ model: fc.oneof(fc.string(), fc.jsonValue()), messages: fc.array(message, { maxLength: 4 }), stream: fc.oneof(fc.boolean(), fc.jsonValue()), temperature: fc.oneof(fc.double(), fc.jsonValue()) }, { requiredKeys: ['messages'] }),
    fc.jsonValue(),
  );

  it('answers arbitrary JSON shapes deliberately, with OpenAI errors and no leaks', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        checkAnswer(await send(JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
  });

  it('answers arbitrary bytes, encodings and sizes deliberately', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)), fc.constantFrom('', '\u0000', '\ufeff{}', '{"messages":[{"role":"user","content":"\ud800"}]}')),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (raw, contentType) => {
          checkAnswer(await send(raw, contentType));
        },
      ),
      { numRuns: 100 },
    );
    checkAnswer(await send(JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(70_000) }] })));
  });

  it('never lets a PII value reach the provider, whatever surrounds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (before, after) => {
        mock.reset();
        const { status } = await send(JSON.stringify({ messages: [{ role: 'user', content: `${before} ${EMAIL} ${after}` }] }));
        if (status === 200) expect(JSON.stringify(mock.requests.map((r) => r.body))).not.toContain(EMAIL);
      }),
      { numRuns: 60 },
    );
  });
});
