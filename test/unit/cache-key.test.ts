import { cacheScope, entryId } from '../../plugins/semantic-cache/cache-key';
import { configSchema } from '../../plugins/semantic-cache/config';
import type { KongPDK } from '../../plugins/core/kong-pdk';
import type { RequestContext } from '../../plugins/core/request-context';

/** The scope of an entry, for a route-scoped instance (nothing is asked of Kong or the request context). */
const scopeOf = (body: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  cacheScope({} as KongPDK, {} as RequestContext, configSchema.parse({ scope: ['route', 'system_prompt'], ...config }), { routeId: 'r1', serviceId: null } as never, body);

describe('a cache entry’s scope', () => {
  const history = [
    { role: 'user', content: 'What is 2 + 2?' },
    { role: 'assistant', content: '4' },
    { role: 'user', content: 'And times three?' },
  ];

  it('is one conversation however a client writes its history: nulls, empty fields and key order aside', async () => {
    const dumped = [history[0], { content: '4', refusal: null, annotations: [], tool_calls: null, role: 'assistant', audio: null }, history[2]];
    expect(await scopeOf({ messages: dumped })).toBe(await scopeOf({ messages: history }));
    expect(await scopeOf({ messages: history, stream: true })).toBe(await scopeOf({ messages: history }));
  });

  it('holds the turns the embedded text leaves out, with last_messages above one too', async () => {
    const other = [{ role: 'user', content: 'What is 3 + 3?' }, { role: 'assistant', content: '6' }, history[2]];
    expect(await scopeOf({ messages: other })).not.toBe(await scopeOf({ messages: history }));
    // Two user messages embedded: the assistant's turns between them are still in neither the text nor, before, the scope.
    const config = { messages: { last_messages: 2 } };
    const toolChat = (page: string) => [
      { role: 'user', content: 'Fetch the page' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'fetch', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: page },
      { role: 'user', content: 'Summarise the text above' },
    ];
    expect(await scopeOf({ messages: toolChat('A page about cats') }, config)).not.toBe(await scopeOf({ messages: toolChat('A page about tax law') }, config));
  });

  it('holds a picture of an embedded earlier message, and the question when another message is embedded', async () => {
    const config = { messages: { last_messages: 2 } };
    const animal = (url: string) => [
      { role: 'user', content: [{ type: 'text', text: 'Look at this picture.' }, { type: 'image_url', image_url: { url } }] },
      { role: 'user', content: 'What animal is it?' },
    ];
    expect(await scopeOf({ messages: animal('https://example.com/cat.png') }, config)).not.toBe(await scopeOf({ messages: animal('https://example.com/dog.png') }, config));
    // With tool results embedded, the last one is the embedded text and the user's question goes into the scope.
    const weather = (question: string) => [
      { role: 'user', content: question },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: '{"temp_c": -12}' },
    ];
    const tools = { messages: { include_tool: true } };
    expect(await scopeOf({ messages: weather('How should I dress for Tromsø tomorrow?') }, tools)).not.toBe(await scopeOf({ messages: weather('Is tomorrow a good day for a picnic?') }, tools));
  });

  it('reads an earlier turn written as text parts, typed or not, as the same turn written as a string', async () => {
    const asParts = [{ role: 'user', content: [{ type: 'text', text: 'What is 2 + 2?' }] }, { role: 'assistant', content: [{ type: 'text', text: '4' }] }, history[2]];
    expect(await scopeOf({ messages: asParts })).toBe(await scopeOf({ messages: history }));
    const untyped = [{ role: 'user', content: [{ text: 'What is 2 + 2?' }] }, { role: 'assistant', content: [{ text: '4' }] }, { role: 'user', content: [{ text: 'And times three?' }] }];
    expect(await scopeOf({ messages: untyped })).toBe(await scopeOf({ messages: history }));
  });

  it('places a picture among the conversation’s own turns, a system prompt aside', async () => {
    const config = { scope: ['route'] };
    const question = { role: 'user', content: [{ type: 'text', text: 'What is shown here?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] };
    expect(await scopeOf({ messages: [{ role: 'system', content: 'Be brief.' }, question] }, config)).toBe(await scopeOf({ messages: [question] }, config));
  });

  it('changes with the embedding model, not with its key or timeout', async () => {
    const body = { messages: [{ role: 'user', content: 'hi' }] };
    const openai = { engine: 'openai', model: 'text-embedding-3-small', url: 'https://api.openai.com/v1' };
    const base = await scopeOf(body, { embedding: { ...openai, api_key: 'old-key' } });
    expect(await scopeOf(body, { embedding: { ...openai, api_key: 'new-key', timeout_ms: 9000 } })).toBe(base);
    expect(await scopeOf(body, { embedding: { ...openai, model: 'text-embedding-3-large' } })).not.toBe(base);
  });

  it('keeps case and inner blanks in the exact id', () => {
    expect(entryId('s', '  print(i)  ')).toBe(entryId('s', 'print(i)'));
    expect(entryId('s', "encode 'Secret'")).not.toBe(entryId('s', "encode 'SECRET'"));
    // Line endings and the blanks ending a line are no layout of their own.
    expect(entryId('s', 'while True:\r\n    pass   \r\n')).toBe(entryId('s', 'while True:\n    pass\n'));
    // In one pass: 200,000 blanks before a word (a pattern anchored at each line's end took minutes on them).
    expect(entryId('s', `a${' '.repeat(200_000)}x`)).not.toBe(entryId('s', 'a x'));
  });
});
