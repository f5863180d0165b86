import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { declarative, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * Histories of shapes OpenAI takes and the translating providers refuse as they stand (an empty turn, an image in a
 * tool's result), sent through the plugin server to a provider that records what it receives.
 */
const ANTHROPIC_OK = { id: 'x', type: 'message', role: 'assistant', model: 'c', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } };
const GEMINI_OK = { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 } };
const BEDROCK_OK = { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } };
const PROVIDERS = ['anthropic', 'bedrock', 'gemini'] as const;
type Provider = (typeof PROVIDERS)[number];

/** A provider's turns as role and blocks, whatever its wire format calls them. */
function turnsOf(provider: Provider, body: any): Array<{ role: string; blocks: Array<Record<string, any>> }> {
  if (provider === 'gemini') return body.contents.map((c: any) => ({ role: c.role === 'model' ? 'assistant' : c.role, blocks: c.parts }));
  return body.messages.map((m: any) => ({ role: m.role, blocks: m.content }));
}

const textOf = (block: Record<string, any>) => (typeof block.text === 'string' ? block.text : undefined);

describe('histories the translating providers would refuse as they stand', () => {
  let provider: CaptureServer;
  let stack: SuiteStack;

  beforeAll(async () => {
    provider = await startCaptureServer();
    provider.respond = (req) => ({ status: 200, body: req.path.includes('/messages') ? ANTHROPIC_OK : req.path.includes(':generateContent') ? GEMINI_OK : BEDROCK_OK });
    const target = (kind: Provider, model: string) => ({ name: kind, provider: kind, model, upstream_url: provider.url, auth: { api_key: 'k-0123456789' } });
    const route = (kind: Provider, model: string) => postRoute(kind, [{ name: 'llm-proxy', config: { targets: [target(kind, model)], balancer: { retries: 0 } } }]);
    stack = await startSuiteStack({
      plugins: shipped('llm-proxy'),
      declarative: declarative([route('anthropic', 'claude-sonnet-4'), route('bedrock', 'anthropic.claude-sonnet-4-v1:0'), route('gemini', 'gemini-2.5-flash')]),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${stack.standin.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const sent = () => JSON.parse(provider.received.at(-1)!.body.toString('utf8'));

  it.each(PROVIDERS)('%s: an empty turn (an interrupted answer, an empty message) is left out, never sent as an empty content', async (kind) => {
    const cases: Array<{ messages: unknown[]; turns: Array<[string, string[]]> }> = [
      ...['', null, []].map((empty) => ({
        messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: empty }, { role: 'user', content: 'go on' }],
        turns: [['user', ['hi', 'go on']]] as Array<[string, string[]]>,
      })),
      {
        messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: [{ type: 'text', text: '' }] }, { role: 'assistant', content: 'Anything else?' }, { role: 'user', content: 'no' }],
        turns: [['user', ['hi']], ['assistant', ['Hello.', 'Anything else?']], ['user', ['no']]],
      },
    ];
    for (const { messages, turns } of cases) {
      const res = await post(kind, { messages });
      expect(res.status).toBe(200);
      const got = turnsOf(kind, sent());
      for (const turn of got) {
        expect(turn.blocks.length).toBeGreaterThan(0);
        for (const block of turn.blocks) expect(textOf(block)).not.toBe('');
      }
      expect(got.map((t) => [t.role, t.blocks.map(textOf)])).toEqual(turns);
    }
  });

  it.each(PROVIDERS)('%s: the last message, and one whose parts cannot be translated, are never left out (the conversation would end on the assistant)', async (kind) => {
    for (const last of ['', [{ type: 'video_url', video_url: { url: 'https://example.com/clip.mp4' } }]]) {
      await post(kind, { messages: [{ role: 'user', content: 'Write a poem' }, { role: 'assistant', content: 'Roses are red' }, { role: 'user', content: last }] });
      expect(turnsOf(kind, sent()).at(-1)!.role).toBe('user');
      // An empty assistant message last is left out: the conversation ends on the user.
      await post(kind, { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '' }] });
      expect(turnsOf(kind, sent()).map((t) => t.role)).toEqual(['user']);
      // A developer's instruction after it is no turn: the empty message is still the last one.
      await post(kind, { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'user', content: last }, { role: 'developer', content: 's' }] });
      expect(turnsOf(kind, sent()).at(-1)!.role).toBe('user');
    }
  });

  const PNG = 'iVBORw0KGgoAAAANSUhEUg==';
  const withToolResult = (content: unknown) => ({
    messages: [
      { role: 'user', content: 'What is on the screen?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content },
    ],
    tools: [{ type: 'function', function: { name: 'screenshot', parameters: { type: 'object', properties: {} } } }],
  });
  const lastTurn = (kind: Provider) => turnsOf(kind, sent()).at(-1)!;

  it("gives each provider the images of a tool's result, as it reads a user's images", async () => {
    const inline = withToolResult([{ type: 'text', text: 'here' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }]);
    const link = withToolResult([{ type: 'text', text: 'here' }, { type: 'image_url', image_url: { url: 'https://example.org/screen.png' } }]);

    expect((await post('anthropic', inline)).status).toBe(200);
    expect(lastTurn('anthropic').blocks).toEqual([
      { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'here' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] },
    ]);
    expect((await post('anthropic', link)).status).toBe(200);
    expect(lastTurn('anthropic').blocks[0]!.content[1]).toEqual({ type: 'image', source: { type: 'url', url: 'https://example.org/screen.png' } });

    expect((await post('bedrock', inline)).status).toBe(200);
    expect(lastTurn('bedrock').blocks).toEqual([{ toolResult: { toolUseId: 'call_1', content: [{ text: 'here' }, { image: { format: 'png', source: { bytes: PNG } } }] } }]);
    // Converse takes no image link, in a result as in a user's message: refused, never dropped.
    const before = provider.received.length;
    const refused = await post('bedrock', link);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unsupported_content');
    expect(provider.received.length).toBe(before);

    // A functionResponse carries no image (before Gemini 3): the image follows it in the same user turn.
    expect((await post('gemini', inline)).status).toBe(200);
    expect(lastTurn('gemini')).toEqual({
      role: 'user',
      blocks: [{ functionResponse: { name: 'screenshot', response: { content: 'here' } } }, { inlineData: { mimeType: 'image/png', data: PNG } }],
    });
    expect((await post('gemini', link)).status).toBe(200);
    expect(lastTurn('gemini').blocks[1]).toEqual({ fileData: { mimeType: 'image/png', fileUri: 'https://example.org/screen.png' } });

    // A result of words alone goes as it did.
    expect((await post('anthropic', withToolResult([{ type: 'text', text: 'nothing' }]))).status).toBe(200);
    expect(lastTurn('anthropic').blocks[0]!.content).toBe('nothing');
  });
});
