import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { shipped } from '../support/shipped';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { backtrackingHazard } from '../../plugins/core/configured-pattern';
import { configSchema as piiConfig } from '../../plugins/pii-sanitizer/config';
import { configSchema as guardConfig } from '../../plugins/prompt-guard/config';
import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { maskValue } from '../../plugins/pii-sanitizer/vault';

/**
 * What an operator configures: the allow-list and the categories it applies to, custom patterns beside the built-in
 * detectors, masks, and config the sanitizer must refuse (a pattern that does not compile or could backtrack
 * exponentially, a category's name misspelt), through the stand-in, the plugin server and a scripted provider.
 */
const answer = {
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

describe('pii-sanitizer configuration through the stand-in', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;
  const route = (name: string, pii: Record<string, unknown>) => postRoute(name, [{ name: 'pii-sanitizer', config: pii }, llmProxy(provider.url, { balancer: { retries: 0 } })]);

  beforeAll(async () => {
    provider = await startCaptureServer();
    provider.respond = () => ({ status: 200, body: answer });
    stack = await startSuiteStack({
      plugins: shipped('pii-sanitizer', 'llm-proxy'),
      declarative: declarative([
        // The README's example of old, whose pattern also spans a URL's user and password.
        route('allow', { actions: { secret: 'block' }, allow_patterns: ['[^@]+@ourcompany\\.com'] }),
        route('allow-credentials', { allow_patterns: ['[^@]+@ourcompany\\.com'], allow_categories: ['email', 'url_credentials'] }),
        route('custom-host', { custom_patterns: [{ name: 'internal_host', pattern: '[a-z0-9-]+\\.corp\\.internal' }] }),
        route('custom-block', { custom_patterns: [{ name: 'internal_host', pattern: '[a-z0-9-]+\\.corp\\.internal' }], actions: { internal_host: 'block', email: 'mask', url_credentials: 'mask' } }),
        route('mask', { default_action: 'mask' }),
        route('bad-escape', { allow_patterns: ['support\\-team@ourcompany\\.com'] }),
        route('backtracking', { allow_patterns: ['([a-z]+\\.?)+@ourcompany\\.com'] }),
        route('nested-custom', { custom_patterns: [{ name: 'ids', pattern: '(?:(?:[A-Z]+-)?\\d+)+;' }] }),
        route('misspelt', { categories: ['emails', 'credit_cards'], actions: { credit_cards: 'block' } }),
        route('user-only', { roles: ['user'] }),
      ]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const chat = (path: string, content: string) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content }] }) });
  const sentText = () => JSON.parse(provider.received.at(-1)!.body.toString('utf8')).messages[0].content as string;

  it('scans tool calls whatever roles name: an assistant left out of roles still sends its calls\' arguments masked', async () => {
    const messages = [
      { role: 'user', content: 'Mail the report.' },
      { role: 'assistant', content: 'Sending to jane.doe@corp-example.com', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'send', arguments: '{"to":"jane.doe@corp-example.com"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'sent' },
    ];
    const res = await fetch(`${stack.standin.url}/user-only`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    expect(res.status).toBe(200);
    const sent = JSON.parse(provider.received.at(-1)!.body.toString('utf8')).messages;
    expect(sent[1].tool_calls[0].function.arguments).not.toContain('jane.doe');
    // The assistant's own words are left as roles say.
    expect(sent[1].content).toContain('jane.doe@corp-example.com');
  });

  it('keeps allow-listed values but never releases credentials unless allow_categories names them', async () => {
    const res = await chat('allow', 'Back up to ftp://backup:Winter2024x@ourcompany.com tonight and tell bob@ourcompany.com');
    expect(res.status).toBe(200);
    expect(sentText()).not.toContain('Winter2024x');
    expect(sentText()).toContain('bob@ourcompany.com');
    // A password at the company's domain is still a password: blocked as a secret.
    const blocked = await chat('allow', 'my password is Sup3r@ourcompany.com');
    expect(blocked.status).toBe(400);
    expect(((await blocked.json()) as any).error.code).toBe('pii_detected');
    // Named, they are released.
    expect((await chat('allow-credentials', 'Back up to ftp://backup:Winter2024x@ourcompany.com tonight')).status).toBe(200);
    expect(sentText()).toContain('ftp://backup:Winter2024x@ourcompany.com');
  });

  it('a custom pattern over part of a built-in finding takes the whole of both', async () => {
    await chat('custom-host', 'postgres://admin:Tr0ub4dor3@db01.corp.internal/app; mail alice.smith@db01.corp.internal; ping db02.corp.internal');
    const sent = sentText();
    expect(sent).not.toContain('Tr0ub4dor3');
    expect(sent).not.toContain('alice.smith');
    // Where it stands alone, the custom pattern takes its text.
    expect(sent).toContain('[INTERNAL_HOST_');
    expect(sent).not.toContain('db02');
    // Inside the wider finding, its action still applies: a block blocks.
    const blocked = await chat('custom-block', 'mail alice.smith@db01.corp.internal, clone https://git:Tr0ub4dor3@build.corp.internal/repo');
    expect(blocked.status).toBe(400);
    expect(JSON.stringify(await blocked.json())).toContain('internal_host');
  });

  it('masks show at most a card’s last four, nothing of a short secret, nothing of a short mailbox', async () => {
    await chat('mask', 'card 4111 1111 1111 1111, mail j@doe.io, my password is "xK9#Lm2q", pin 482193 is my PIN, call +1 415 555 2671');
    const sent = sentText();
    expect(sent).toContain('****1111');
    expect(sent).toContain('***@doe.io');
    expect(sent).not.toContain('j***');
    expect(sent).not.toMatch(/xK9|Lm2q/);
    expect(sent).toContain('****2671');
  });

  it('answers every request of an instance whose config it refuses with a 500 in OpenAI’s envelope, and sends nothing', async () => {
    const before = provider.received.length;
    for (const path of ['bad-escape', 'backtracking', 'nested-custom', 'misspelt']) {
      const started = Date.now();
      const res = await chat(path, `ids ${'1'.repeat(30)}! write to ${'a'.repeat(30)}@example.com, card 4111 1111 1111 1111`);
      expect(res.status).toBe(500);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('gateway_plugin_misconfigured');
      expect(body.error.message).toContain('pii-sanitizer');
      // Refused at once: no pattern ran.
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect(provider.received.length).toBe(before);
  });
});

describe('configured patterns', () => {
  it('refuses a pattern whose matching can take exponential or cubic time, and accepts what operators write', () => {
    // At any depth, and past an escape's braces or a count too long to read at a glance.
    for (const pattern of ['(?:\\d{1,9}){1,99}X', '(a|aa)*b', '(x+)+y', '((\\d+))+!', '(?:(?:[A-Z]+-)?\\d+)+;', '(?<id>\\w+\\s?)*$', '(?:\\u{61}+)+$', '(?:a+){1,00000000000000000000099}$']) {
      expect(backtrackingHazard(pattern)).toMatch(/exponential/);
    }
    expect(backtrackingHazard('ACC\\d+-?\\d+-?\\d+-?\\d+\\b')).toMatch(/power 4/);
    // Fixed counts, groups a literal ends, a class's brackets, a single repetition, an escaped bracket; a square's growth.
    for (const pattern of [
      '(\\d{3}-)+\\d{4}',
      '[a-z0-9._%+-]+@(?:[a-z0-9-]+\\.)*ourcompany\\.com',
      '\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b',
      '(?:\\d{4}[ -]?){3}\\d{4}',
      '[(a+)+]x',
      '(?:TKT-\\d+)?',
      '(?:ab)+c',
      '\\(\\d+\\)+',
      'EMP-\\d{6}',
      '(?:[A-Z]{2}\\d{2})+',
      '\\p{L}+(?:-\\p{L}+)?',
    ]) {
      expect(backtrackingHazard(pattern)).toBeUndefined();
    }
  });

  it("names the field of a pattern or a category the config refuses, in the sanitizer's config and the guard's", () => {
    const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => result.error?.issues.map((i) => i.path.join('.'));
    expect(issues(piiConfig.safeParse({ allow_patterns: ['ok@x\\.com', 'support\\-team'] }))).toEqual(['allow_patterns.1']);
    expect(issues(piiConfig.safeParse({ custom_patterns: [{ name: 'a', pattern: '(x+)+y' }, { name: 'a', pattern: 'y' }] }))).toEqual([
      'custom_patterns.1.name',
      'custom_patterns.0.pattern',
    ]);
    expect(issues(piiConfig.safeParse({ categories: ['email', 'emails'], actions: { phones: 'block' }, allow_categories: ['secrets'] }))).toEqual([
      'categories.1',
      'allow_categories.0',
      'actions.phones',
    ]);
    // A custom pattern whose confidence is below min_confidence would never match.
    expect(issues(piiConfig.safeParse({ custom_patterns: [{ name: 'x', pattern: 'X-\\d+', confidence: 0.3 }] }))).toEqual(['custom_patterns.0.confidence']);
    expect(piiConfig.safeParse({ custom_patterns: [{ name: 'x', pattern: 'X-\\d+', confidence: 0.3 }], min_confidence: 0.3 }).success).toBe(true);
    // A custom pattern's name is a category too.
    expect(piiConfig.safeParse({ custom_patterns: [{ name: 'employee_id', pattern: 'EMP-\\d{6}' }], actions: { employee_id: 'block' } }).success).toBe(true);
    expect(issues(guardConfig.safeParse({ deny_patterns: ['(a|aa)*b'] }))).toEqual(['deny_patterns.0']);
  });
});

describe('pii-sanitizer masks and confidences', () => {
  it('masks each category without giving away a short value or its length', () => {
    expect(maskValue('credit_card', '4111 1111 1111 1234')).toBe('****1234');
    expect(maskValue('iban', 'DE89 3704 0044 0532 0130 00')).toBe('****3000');
    expect(maskValue('ssn', '123-45-6789')).toBe('***-**-6789');
    expect(maskValue('national_id', '529.982.247-25')).toBe('****25');
    expect(maskValue('phone', '+1 415 555 2671')).toBe('****2671');
    expect(maskValue('phone', '467 3395')).toBe('****95');
    // Lengths count characters: a short name or mailbox in a fancy font shows no letter, as in plain text.
    expect(maskValue('person', '𝐉𝐚𝐧𝐞')).toBe(maskValue('person', 'Jane'));
    expect(maskValue('email', '𝐣𝐨@x.io')).toBe('***@x.io');
    expect(maskValue('email', 'jane.doe@example.com')).toBe('j***@example.com');
    expect(maskValue('email', 'j@doe.io')).toBe('***@doe.io');
    expect(maskValue('secret', 'hunter123456')).toBe('****');
    expect(maskValue('secret', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('****');
    expect(maskValue('secret', 'correct-horse-battery-staple-2024')).toBe('****');
    expect(maskValue('phone', '+1 (415) 555-0132 ext. 89')).toBe('****0132');
    expect(maskValue('url_credentials', 'postgres://admin:Tr0ub4dor3@db01')).toBe('postgres://admin:****@db01');
    expect(maskValue('url_credentials', 'https://alice:p@ss@github.com')).toBe('https://alice:****@github.com');
    expect(maskValue('person', 'Jane Doe')).toBe('J***');
    expect(maskValue('person', 'Li Wei')).toBe('****');
  });

  it('min_confidence 0.56 leaves out the context model’s guesses only, not a national phone number', () => {
    const rules = createDetector({ minConfidence: 0.56 });
    expect(rules.detect('Anna Berg 0441680692').map((f) => f.category)).toContain('phone');
  });
});
