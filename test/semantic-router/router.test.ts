import { getEmbedder } from '../../plugins/core/embeddings';
import { configSchema, type RouterConfig } from '../../plugins/semantic-router/config';
import { fitConfig } from '../../plugins/semantic-router/fit';
import { routeBody, startRouter } from '../../plugins/semantic-router/route-request';
import { modelBuilds } from '../../plugins/semantic-router/router';
import SemanticRouter = require('../../plugins/semantic-router/index');

/** The router's decisions, fitting and refusals through the real embedder (USE-lite), without Kong. */
const BILLING = [
  'why was my credit card charged twice',
  'I need a copy of my last invoice',
  'how do I update my payment method',
  'can I get a refund for this month',
  'what is on my bill this month',
];
const WEATHER = [
  'will it rain tomorrow',
  'what is the forecast for the weekend',
  'how hot is it going to be today',
  'is it snowing in the mountains',
  'do I need an umbrella this afternoon',
];
const COOKING = [
  'how long do I boil an egg',
  'give me a recipe for pancakes',
  'what can I cook with rice and beans',
  'how do I make a tomato sauce',
  'what temperature should I bake bread at',
];

const config = (extra: Record<string, unknown> = {}): RouterConfig =>
  configSchema.parse({
    routes: [
      { name: 'billing', utterances: BILLING, targets: ['billing-model'] },
      { name: 'weather', utterances: WEATHER, targets: ['weather-model'] },
      { name: 'cooking', utterances: COOKING, targets: ['cooking-model'] },
    ],
    ...extra,
  });
const chat = (text: string) => ({ model: 'x', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: text }] });

describe('semantic-router decisions', () => {
  const embedder = getEmbedder();
  beforeAll(() => embedder.ready());

  it('routes prompts by meaning and abstains on nonsense', async () => {
    const cfg = config();
    const state = startRouter(cfg, embedder);
    const billing = await routeBody(cfg, state, chat('I was billed two times for the same order, please refund me'));
    expect(billing).toMatchObject({ route: 'billing', abstained: false, targets: ['billing-model'] });
    expect(billing.score).toBeGreaterThan(0.5);
    expect(await routeBody(cfg, state, chat('is it going to be sunny on saturday'))).toMatchObject({ route: 'weather', targets: ['weather-model'] });
    const nonsense = await routeBody(cfg, state, chat('zxq vlorp 7781 plinth gargle'));
    expect(nonsense).toMatchObject({ route: 'default', abstained: true, targets: [], reason: 'below_threshold' });
    expect(await routeBody(cfg, state, { model: 'x', messages: [] })).toMatchObject({ route: 'default', reason: 'no_text' });
  });

  it('routes a prompt in capitals as its lower-case form: the embedding model reads capitals as other tokens', async () => {
    const cfg = config();
    const state = startRouter(cfg, embedder);
    const lower = await routeBody(cfg, state, chat('why was my credit card charged twice'));
    const upper = await routeBody(cfg, state, chat('WHY WAS MY CREDIT CARD CHARGED TWICE'));
    expect(upper).toMatchObject({ route: 'billing', abstained: false });
    expect(upper.score).toBeCloseTo(lower.score, 3);
  });

  it("routes the README example's obvious prompts (three utterances a route, top_k 1)", async () => {
    const readme = configSchema.parse({
      threshold: 0.5,
      top_k: 1,
      default_route: { targets: ['general'] },
      routes: [
        { name: 'billing', utterances: ['why was my credit card charged twice', 'I need a copy of my last invoice', 'how do I update my payment method'], targets: ['billing-llm'] },
        { name: 'code', utterances: ['fix this TypeScript error', 'write a SQL query that joins two tables', 'why does my Python loop never end'], targets: ['strong-llm'], threshold: 0.45 },
      ],
    });
    const state = startRouter(readme, embedder);
    const routeOf = async (text: string) => (await routeBody(readme, state, chat(text))).route;
    expect(await routeOf('why was my credit card charged twice?')).toBe('billing');
    expect(await routeOf('I was billed twice this month')).toBe('billing');
    expect(await routeOf('can you send me my receipt')).toBe('billing');
    expect(await routeOf('my javascript promise never resolves')).toBe('code');
    expect(await routeOf('what is the capital of france')).toBe('default');
    expect(await routeOf('tell me a joke')).toBe('default');
  });

  it('abstains on a prompt the model mostly cannot read, where every such prompt looks the same', async () => {
    // Chinese utterances: USE-lite reads each as the unknown token, as it reads any Chinese prompt.
    const cfg = configSchema.parse({
      routes: [
        { name: 'billing', utterances: [...BILLING, '我的信用卡被扣了两次', '我可以退款吗'], targets: ['billing-model'] },
        { name: 'weather', utterances: [...WEATHER, '明天会下雨吗', '山上在下雪吗'], targets: ['weather-model'] },
      ],
    });
    const state = startRouter(cfg, embedder);
    for (const text of ['这是一句完全无关的话关于猫和狗', '今天北京的天气怎么样', 'مرحبا كيف حالك']) {
      expect(await routeBody(cfg, state, chat(text))).toMatchObject({ route: 'default', abstained: true, reason: 'out_of_vocabulary', targets: [] });
    }
    // A few foreign words in an English prompt leave it readable.
    expect(await routeBody(cfg, state, chat('will it rain tomorrow in 北京'))).toMatchObject({ route: 'weather', abstained: false });
  });

  it('takes the last user message by default and earlier ones when asked', async () => {
    const body = {
      messages: [
        { role: 'user', content: 'why was my credit card charged twice' },
        { role: 'assistant', content: 'Let me check.' },
        { role: 'user', content: 'also, will it rain tomorrow' },
      ],
    };
    const last = config();
    expect((await routeBody(last, startRouter(last, embedder), body)).route).toBe('weather');
    const both = config({ messages: { last_messages: 2 } });
    const decision = await routeBody(both, startRouter(both, embedder), body);
    expect(decision.abstained).toBe(false);
  });

  it('builds route vectors once per process: a restarted instance, or new thresholds, embed and train nothing', async () => {
    const cfg = config({ top_k: 2 });
    await startRouter(cfg, embedder).model;
    const before = modelBuilds();
    await startRouter(cfg, embedder).model;
    await startRouter({ ...cfg, threshold: 0.7, routes: cfg.routes.map((r) => ({ ...r, threshold: 0.6 })) }, embedder).model;
    // The plugin's own constructor (what Kong's StartInstance runs) shares the memo too.
    new SemanticRouter.Plugin({ top_k: 2, routes: cfg.routes });
    expect(modelBuilds()).toBe(before);
  });

  it('refuses bad configs at instance start with a clear message', () => {
    const route = (name: string, utterances: string[] = ['hello there']) => ({ name, utterances, targets: ['t'] });
    // The instance stays and answers each request 500 gateway_plugin_misconfigured; its refusal says why.
    const refusal = (config: Record<string, unknown>) => (new SemanticRouter.Plugin(config) as { refusal?: string }).refusal;
    expect(refusal({ routes: [route('a'), route('a')] })).toMatch(/the name 'a' is used twice/);
    expect(refusal({ routes: [route('a', [])] })).toMatch(/routes\.0\.utterances/);
    expect(refusal({ routes: [{ ...route('a'), threshold: 1.5 }] })).toMatch(/routes\.0\.threshold/);
    expect(refusal({ routes: [{ ...route('a'), targets: [] }] })).toMatch(/routes\.0\.targets/);
    expect(refusal({ routes: [] })).toMatch(/at least one route/);
    expect(refusal({ routes: [route('default')] })).toMatch(/also the name of a route/);
    expect(refusal({ cost_aware: { enabled: true, strong_targets: ['a'], strong_examples: ['x', 'y'] } })).toMatch(
      /cost_aware\.weak_targets: at least one target.*cost_aware\.weak_examples: at least two/,
    );
    expect(refusal({ routes: [route('a')] })).toBeUndefined();
  });

  it('fitting thresholds improves accuracy with abstention on a labelled set', async () => {
    const cfg = config({ threshold: 0 });
    const data = [
      { text: 'my card was charged but the order never came', route: 'billing' },
      { text: 'send me the receipt for my subscription', route: 'billing' },
      { text: 'how much do I owe this month', route: 'billing' },
      { text: 'what will the weather be like in paris', route: 'weather' },
      { text: 'is there a storm coming tonight', route: 'weather' },
      { text: 'how cold will it get this week', route: 'weather' },
      { text: 'how do I roast a chicken', route: 'cooking' },
      { text: 'what spices go into a curry', route: 'cooking' },
      { text: 'best way to cook pasta', route: 'cooking' },
      { text: 'who won the football world cup in 1998', route: null },
      { text: 'translate good morning into japanese', route: 'oos' },
      { text: 'what is the capital of australia', route: 'default' },
      { text: 'play some jazz music', route: null },
      { text: 'set an alarm for six am', route: null },
    ];
    const result = await fitConfig(cfg, data, embedder);
    expect(result.after.accuracy).toBeGreaterThan(result.before.accuracy);
    expect(result.after.oosToDefault).toBeGreaterThan(result.before.oosToDefault);
    expect(result.fitted.threshold).toBeGreaterThan(0);
    for (const route of result.config.routes) expect(route.threshold).toBeGreaterThanOrEqual(0);
  });

  it('cost-aware mode sends hard prompts to the strong target and easy ones to the weak target', async () => {
    const cfg = configSchema.parse({
      cost_aware: {
        enabled: true,
        strong_targets: ['big'],
        weak_targets: ['small'],
        strong_examples: [
          'prove that there are infinitely many prime numbers',
          'write a python function that parses a json file and validates it against a schema',
          'explain the difference between quantum entanglement and superposition with equations',
          'refactor this multithreaded java code to avoid deadlocks',
          'derive the closed form of the fibonacci sequence',
        ],
        weak_examples: ['hi, how are you', 'thanks a lot', 'what time is it', 'tell me a short joke', 'say hello in french'],
      },
    });
    const state = startRouter(cfg, embedder);
    const hard = await routeBody(cfg, state, chat('prove that the square root of two is irrational'));
    expect(hard).toMatchObject({ route: 'default:strong', tier: 'strong', targets: ['big'] });
    const easy = await routeBody(cfg, state, chat('hello, nice to meet you'));
    expect(easy).toMatchObject({ route: 'default:weak', tier: 'weak', targets: ['small'] });
    expect(hard.strongProbability!).toBeGreaterThan(easy.strongProbability!);
    // A prompt it cannot judge (images only, a script the model cannot read) goes to the weak tier, as any other
    // default-route prompt not shown to need more: it balanced across every target, the strong one too.
    const imageOnly = { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.org/cat.png' } }] }] };
    expect(await routeBody(cfg, state, imageOnly)).toMatchObject({ route: 'default:weak', tier: 'weak', targets: ['small'], reason: 'no_text' });
    expect(await routeBody(cfg, state, chat('你好，很高兴认识你'))).toMatchObject({ route: 'default:weak', targets: ['small'], reason: 'out_of_vocabulary' });
  });

  it('reads the newest of several messages first, so a long earlier turn cannot push the current question out of view', async () => {
    const invoices = Array.from({ length: 60 }, (_, i) => `invoice ${i} was charged twice to my credit card`).join('; ');
    const cfg = config({ messages: { last_messages: 3, include_assistant: true } });
    const state = startRouter(cfg, embedder);
    const ask = (question: string) => ({ messages: [{ role: 'user', content: invoices }, { role: 'assistant', content: 'Noted.' }, { role: 'user', content: question }] });
    // Before, the 4,000 characters read held only the invoices: both questions got one decision, to the same score.
    const rain = await routeBody(cfg, state, ask('will it rain tomorrow'));
    const egg = await routeBody(cfg, state, ask('how long do I boil an egg'));
    expect(rain.score).not.toBe(egg.score);
  });

  it('refuses an example with no words, which pulls junk prompts to its route', () => {
    const refusal = (config: Record<string, unknown>) => (new SemanticRouter.Plugin(config) as { refusal?: string }).refusal;
    expect(refusal({ routes: [{ name: 'a', utterances: ['hello there', '   '], targets: ['t'] }] })).toMatch(/routes\.a\.utterances\[1\]: has no words/);
    expect(refusal({ routes: [{ name: 'a', utterances: ['hello there', '.'], targets: ['t'] }] })).toMatch(/has no words/);
  });
});
