import { PROVIDERS, type ProviderName } from '../../../plugins/core/providers';
import type { ChatRequest } from '../../../plugins/core/providers/openai-types';
import { UnsupportedContent, type TargetSpec } from '../../../plugins/core/providers/types';
import { geminiSchema, withoutThoughtSignatures } from '../../../plugins/core/providers/gemini';
import { parseRequest } from '../../../plugins/llm-proxy/filters/parse-request';

/**
 * What each driver sends and reads where the providers' real APIs depart from OpenAI's: the rules
 * their API references state (and their SDKs' request types encode), checked on the translated bodies.
 */
function target(provider: ProviderName, model: string, options: TargetSpec['options'] = {}): TargetSpec {
  return { name: provider, provider, model, apiKey: 'k', upstreamUrl: 'http://127.0.0.1:9', options };
}
const body = (provider: ProviderName, model: string, request: Partial<ChatRequest>, stream = false, options: TargetSpec['options'] = {}) =>
  PROVIDERS[provider].chat(target(provider, model, options), { messages: [{ role: 'user', content: 'hi' }], ...request } as ChatRequest, stream)
    .body as Record<string, any>;
const weather = { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('request parameters', () => {
  it('drops top-level nulls, which only OpenAI accepts as "not set"', () => {
    const request = parseRequest('llm/v1/chat', { messages: [{ role: 'user', content: 'hi' }], stop: null, top_p: null, temperature: 0.2 });
    expect(request).toEqual({ messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 });
    expect(body('anthropic', 'claude-sonnet-4', request as Partial<ChatRequest>)).not.toHaveProperty('stop_sequences');
  });

  it('Mistral: no stream_options, max_tokens instead of max_completion_tokens, random_seed instead of seed', () => {
    const sent = body('mistral', 'mistral-large-latest', { max_completion_tokens: 50, seed: 7 } as Partial<ChatRequest>, true);
    expect(sent).not.toHaveProperty('stream_options');
    expect(sent).toMatchObject({ max_tokens: 50, random_seed: 7, stream: true });
    expect(sent).not.toHaveProperty('max_completion_tokens');
    expect(sent).not.toHaveProperty('seed');
    expect(body('openai', 'gpt-4o-mini', {}, true).stream_options).toEqual({ include_usage: true });
  });

  it('Azure: stream_options only from api-version 2024-09-01-preview on (older ones refuse it), compared by date', () => {
    const sent = (azureApiVersion?: string) => body('azure', 'gpt-4o', {}, true, { azureApiVersion });
    for (const version of ['2024-06-01', '2024-02-01', '2024-08-01-preview', '2023-05-15']) expect(sent(version)).not.toHaveProperty('stream_options');
    for (const version of ['2024-09-01-preview', '2024-10-21', '2025-04-01-preview', 'preview', undefined]) expect(sent(version).stream_options).toEqual({ include_usage: true });
  });

  it("Mistral: a history without reasoning fields, which it refuses, the gateway's reasoning_content from Magistral's thinking included", () => {
    const magistral = target('mistral', 'magistral-medium-latest');
    const thinking = [{ type: 'thinking', thinking: [{ type: 'text', text: 'Let me think.' }] }, { type: 'text', text: '42' }];
    const answer = PROVIDERS.mistral.parseChat({ id: 'm', object: 'chat.completion', created: 1, model: 'magistral-medium-latest', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: thinking } }] }, magistral);
    const said = answer.choices[0]!.message;
    expect(said).toMatchObject({ content: '42', reasoning_content: 'Let me think.' });
    const other = { role: 'assistant', content: 'yes', reasoning_details: [{ type: 'reasoning.text', text: 'hm' }] };
    const messages = [{ role: 'user', content: 'q' }, said, { role: 'user', content: 'why?' }, other, { role: 'user', content: 'sure?' }];
    const sent = body('mistral', 'magistral-medium-latest', { messages } as Partial<ChatRequest>).messages;
    expect(sent[1]).toEqual({ role: 'assistant', content: '42' });
    expect(sent[3]).toEqual({ role: 'assistant', content: 'yes' });
    expect(said).toHaveProperty('reasoning_content');
  });

  it('legacy completions streams ask for usage where chat streams do, and only streams', () => {
    const completion = (provider: ProviderName, request: Record<string, unknown>, options: TargetSpec['options'] = {}) =>
      PROVIDERS[provider].completions!(target(provider, 'gpt-3.5-turbo-instruct', options), { prompt: 'hi', ...request }).body as Record<string, unknown>;
    expect(completion('openai', { stream: true }).stream_options).toEqual({ include_usage: true });
    expect(completion('openai-compatible', { stream: true, stream_options: { include_usage: false } }).stream_options).toEqual({ include_usage: true });
    expect(completion('openai', { stream_options: { include_usage: true } })).not.toHaveProperty('stream_options');
    expect(completion('azure', { stream: true }, { azureApiVersion: '2024-06-01' })).not.toHaveProperty('stream_options');
    expect(completion('mistral', { stream: true })).not.toHaveProperty('stream_options');
  });

  it('OpenAI reasoning models: max_completion_tokens, and no default temperature', () => {
    const sent = body('openai', 'o4-mini', { max_tokens: 100 }, false, { temperature: 0.3, maxTokens: 900 });
    expect(sent).toMatchObject({ max_completion_tokens: 100 });
    expect(sent).not.toHaveProperty('max_tokens');
    expect(sent).not.toHaveProperty('temperature');
    expect(body('azure', 'gpt-5', {}, false, { maxTokens: 900 })).toMatchObject({ max_completion_tokens: 900 });
    expect(body('openai', 'gpt-4o', { max_tokens: 100 })).toMatchObject({ max_tokens: 100 });
    expect(body('openai', 'gpt-5-chat-latest', {}, false, { temperature: 0.3 })).toMatchObject({ temperature: 0.3 });
  });

  it('Claude: temperature within 0–1, never with top_p; parallel_tool_calls: false', () => {
    expect(body('anthropic', 'claude-sonnet-4-5', { temperature: 1.6, top_p: 0.9 })).toMatchObject({ temperature: 1 });
    expect(body('anthropic', 'claude-sonnet-4-5', { temperature: 1.6, top_p: 0.9 })).not.toHaveProperty('top_p');
    expect(body('anthropic', 'claude-sonnet-4-5', { top_p: 0.9 })).toMatchObject({ top_p: 0.9 });
    expect(body('anthropic', 'claude-sonnet-4-5', { tools: [weather], parallel_tool_calls: false } as Partial<ChatRequest>).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    const bedrock = body('bedrock', 'anthropic.claude-sonnet-4-5-v1:0', { temperature: 1.6, top_p: 0.9 }, false, { awsRegion: 'us-east-1' });
    expect(bedrock.inferenceConfig).toEqual({ temperature: 1 });
    // A client's top_p wins over the target's default temperature.
    expect(body('anthropic', 'claude-sonnet-4-5', { top_p: 0.5 }, false, { temperature: 0.7 })).toMatchObject({ top_p: 0.5 });
    expect(body('anthropic', 'claude-sonnet-4-5', { top_p: 0.5 }, false, { temperature: 0.7 })).not.toHaveProperty('temperature');
  });

  it('no empty text blocks, which Claude, Bedrock and Gemini refuse', () => {
    const messages = [{ role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'hi' }] }];
    expect(body('anthropic', 'claude-sonnet-4', { messages } as Partial<ChatRequest>).messages[0].content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(body('bedrock', 'm', { messages } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' }).messages[0].content).toEqual([{ text: 'hi' }]);
    expect(body('gemini', 'gemini-2.5-flash', { messages } as Partial<ChatRequest>).contents[0].parts).toEqual([{ text: 'hi' }]);
  });

  it('Cohere: p within 0.01–0.99, JSON schemas, images as content parts', () => {
    expect(body('cohere', 'command-a', { top_p: 1 }).p).toBe(0.99);
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(body('cohere', 'command-a', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } } as Partial<ChatRequest>).response_format).toEqual({
      type: 'json_object',
      json_schema: schema,
    });
    const image = { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } };
    const messages = body('cohere', 'command-a-vision', { messages: [{ role: 'user', content: [{ type: 'text', text: 'what is it' }, image] }] } as Partial<ChatRequest>).messages;
    expect(messages[0].content).toEqual([{ type: 'text', text: 'what is it' }, image]);
  });
});

describe('sampling parameters beyond temperature', () => {
  it('Gemini and Cohere get seed and penalties in their own names', () => {
    const request = { seed: 7, frequency_penalty: 0.5, presence_penalty: -0.25 } as Partial<ChatRequest>;
    expect(body('gemini', 'gemini-2.5-flash', request).generationConfig).toMatchObject({ seed: 7, frequencyPenalty: 0.5, presencePenalty: -0.25 });
    expect(body('cohere', 'command-a', request)).toMatchObject({ seed: 7, frequency_penalty: 0.5, presence_penalty: -0.25 });
  });
});

describe('tools across turns', () => {
  const history = [
    { role: 'user', content: 'weather in Oslo and Rome?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_a', content: '3°C' },
    { role: 'tool', tool_call_id: 'call_b', content: '19°C' },
  ];

  it("Mistral gets tool-call ids of nine letters and digits, a call's and its result's alike, and the client's history untouched", () => {
    const request = { messages: history } as unknown as Partial<ChatRequest>;
    const sent = body('mistral', 'mistral-large-latest', request).messages;
    const ids = [sent[1].tool_calls[0].id, sent[1].tool_calls[1].id, sent[2].tool_call_id, sent[3].tool_call_id];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(history[2]!.tool_call_id).toBe('call_a');
    // Mistral's own ids go back as they came.
    const own = [{ role: 'assistant', content: null, tool_calls: [{ id: 'D681PevKs', type: 'function', function: { name: 'weather', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'D681PevKs', content: '3°C' }];
    expect(body('mistral', 'mistral-large-latest', { messages: own } as unknown as Partial<ChatRequest>).messages[1].tool_call_id).toBe('D681PevKs');
  });

  it("Cohere: an assistant's words beside its calls go as tool_plan; a named tool_choice requires that tool alone", () => {
    const turns = [{ role: 'user', content: 'weather in Oslo?' }, { ...history[1], content: 'Let me look that up.' }, history[2]];
    const sent = body('cohere', 'command-a', { messages: turns } as unknown as Partial<ChatRequest>);
    expect(sent.messages[1]).not.toHaveProperty('content');
    expect(sent.messages[1]).toMatchObject({ role: 'assistant', tool_plan: 'Let me look that up.', tool_calls: history[1]!.tool_calls });
    const time = { type: 'function' as const, function: { name: 'time', parameters: { type: 'object', properties: {} } } };
    const named = body('cohere', 'command-a', { tools: [weather, time], tool_choice: { type: 'function', function: { name: 'time' } } } as Partial<ChatRequest>);
    expect(named.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['time']);
    expect(named.tool_choice).toBe('REQUIRED');
  });

  it('Bedrock gets a document a name Converse takes, and some text beside it', () => {
    const file = { type: 'file', file: { filename: 'Angebot – Müller  Q3.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } };
    const content = body('bedrock', 'anthropic.claude-sonnet-4-v1:0', { messages: [{ role: 'user', content: [file] }] } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' }).messages[0].content;
    expect(content).toEqual([{ text: 'Angebot M ller Q3' }, { document: { format: 'pdf', name: 'Angebot M ller Q3', source: { bytes: 'JVBERi0x' } } }]);
    // Two documents of one name (report.txt and report.csv; two names of Japanese letters only) are told apart.
    const named = (filename: string, type: string) => ({ type: 'file', file: { filename, file_data: `data:${type};base64,aGk=` } });
    const parts = [{ type: 'text', text: 'compare' }, named('report.txt', 'text/plain'), named('report.csv', 'text/csv'), named('契約書.txt', 'text/plain'), named('見積書.txt', 'text/plain')];
    const documents = body('bedrock', 'anthropic.claude-sonnet-4-v1:0', { messages: [{ role: 'user', content: parts }] } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' }).messages[0].content.filter((b: any) => b.document);
    expect(documents.map((b: any) => b.document.name)).toEqual(['report', 'report (2)', 'document', 'document (2)']);
    // However the files are named, and the text beside documents alone names them as sent.
    const alone = [named('report.txt', 'text/plain'), named('report.txt', 'text/plain'), named('report (2).txt', 'text/plain')];
    const sent = body('bedrock', 'anthropic.claude-sonnet-4-v1:0', { messages: [{ role: 'user', content: alone }] } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' }).messages[0].content;
    const names = sent.filter((b: any) => b.document).map((b: any) => b.document.name);
    expect(new Set(names).size).toBe(3);
    expect(sent[0]).toEqual({ text: names.join(', ') });
  });

  it('Bedrock refuses an image given as a link (Converse takes bytes), saying so', () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.org/cat.png' } };
    expect(() => body('bedrock', 'anthropic.claude-sonnet-4-v1:0', { messages: [{ role: 'user', content: [image] }] } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' })).toThrow(
      /only as base64 data: URLs/,
    );
  });

  it('Bedrock declares the tools a history used even when the last turn offers none', () => {
    const sent = body('bedrock', 'anthropic.claude-sonnet-4-v1:0', { messages: history } as Partial<ChatRequest>, false, { awsRegion: 'us-east-1' });
    expect(sent.toolConfig.tools.map((t: any) => t.toolSpec.name)).toEqual(['weather']);
    expect(body('bedrock', 'm', {}, false, { awsRegion: 'us-east-1' })).not.toHaveProperty('toolConfig');
  });

  it('Gemini: parallel tool results in one turn, as many responses as calls', () => {
    const sent = body('gemini', 'gemini-2.5-flash', { messages: history } as Partial<ChatRequest>);
    expect(sent.contents.map((c: any) => [c.role, c.parts.length])).toEqual([
      ['user', 1],
      ['model', 2],
      ['user', 2],
    ]);
  });

  it('Gemini 3: a function call’s thought signature comes back with the next turn', () => {
    const signature = Buffer.from('opaque-signature-bytes').toString('base64');
    const answer = PROVIDERS.gemini.parseChat(
      { candidates: [{ content: { parts: [{ functionCall: { name: 'weather', args: { city: 'Oslo' } }, thoughtSignature: signature }] }, finishReason: 'STOP' }] },
      target('gemini', 'gemini-3-pro'),
    );
    const call = answer.choices[0]!.message.tool_calls![0]!;
    const again = PROVIDERS.gemini.parseChat(
      { candidates: [{ content: { parts: [{ functionCall: { name: 'weather', args: {} } }] }, finishReason: 'STOP' }] },
      target('gemini', 'gemini-3-pro'),
    );
    expect(again.choices[0]!.message.tool_calls![0]!.id).not.toBe(call.id); // ids are unique, not call_0 each time
    const next = body('gemini', 'gemini-3-pro', {
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '3°C' },
      ],
    } as Partial<ChatRequest>);
    expect(next.contents[1].parts[0]).toMatchObject({ functionCall: { name: 'weather' }, thoughtSignature: signature });
    // Sent to another provider, the history carries plain ids (OpenAI takes at most 40 characters).
    const elsewhere = withoutThoughtSignatures({ messages: [{ role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '3°C' }] } as ChatRequest);
    const plainId = elsewhere.messages[0]!.tool_calls![0]!.id;
    expect(plainId.length).toBeLessThanOrEqual(40);
    expect(elsewhere.messages[1]!.tool_call_id).toBe(plainId);
  });

  it('Gemini: tool schemas in its OpenAPI subset, tool_choice as functionCallingConfig', () => {
    const tool = {
      type: 'function' as const,
      function: {
        name: 'book',
        parameters: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { const: 'table' },
            note: { type: ['string', 'null'], format: 'email' },
            seats: { type: 'array', items: { type: 'integer', default: 2, enum: [1, 2] } },
            guest: { $ref: '#/$defs/Guest' },
            when: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }] },
          },
          required: ['kind'],
          $defs: { Guest: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
        },
      },
    };
    const sent = body('gemini', 'gemini-2.5-flash', { tools: [tool], tool_choice: { type: 'function', function: { name: 'book' } } } as Partial<ChatRequest>);
    expect(sent.tools[0].functionDeclarations[0].parameters).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['table'] },
        note: { type: 'string', nullable: true },
        seats: { type: 'array', items: { type: 'integer' } },
        guest: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        when: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }] },
      },
      required: ['kind'],
    });
    expect(sent.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['book'] } });
  });

  it('Gemini tool schemas: cycles and wide $ref trees stay small; allOf fills in under the schema’s own keys', () => {
    const props = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { $ref: '#/$defs/Node' }]));
    const wide = geminiSchema({ $defs: { Node: { type: 'object', properties: props } }, $ref: '#/$defs/Node' });
    expect(JSON.stringify(wide).length).toBeLessThan(200_000);
    expect(geminiSchema({ $ref: '#/$defs/constructor' })).toEqual({});
    expect(
      geminiSchema({
        type: 'object',
        required: ['a'],
        allOf: [{ type: 'string', required: ['a', 'b'], properties: { b: { type: 'integer' } } }],
        properties: { a: { $ref: '#/$defs/A', description: 'the a' }, c: { enum: ['x', null] } },
        $defs: { A: { type: 'string' } },
      }),
    ).toEqual({
      type: 'object',
      required: ['a', 'b'],
      properties: { b: { type: 'integer' }, a: { type: 'string', description: 'the a' }, c: { type: 'string', enum: ['x'], nullable: true } },
    });
  });
});

describe('JSON mode on Claude (a forced tool)', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const claude = target('anthropic', 'claude-sonnet-4');

  it('asks for the reserved tool with the client’s schema, and only when the client offers no tools', () => {
    const sent = body('anthropic', 'claude-sonnet-4', { response_format: { type: 'json_schema', json_schema: { name: 'city', schema } } } as Partial<ChatRequest>);
    expect(sent.tools).toEqual([{ name: 'json_response', description: 'Give the answer as this JSON object.', input_schema: schema }]);
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'json_response' });
    const withTools = body('anthropic', 'claude-sonnet-4', { tools: [weather], response_format: { type: 'json_object' } } as Partial<ChatRequest>);
    expect(withTools.tools.map((t: any) => t.name)).toEqual(['weather']);
  });

  it('on Bedrock too, for the models Converse forces a tool on (Claude, Nova); others refuse rather than drop the format', () => {
    const format = { response_format: { type: 'json_object' } } as Partial<ChatRequest>;
    expect(body('bedrock', 'anthropic.claude-sonnet-4-v1:0', format, false, { awsRegion: 'us-east-1' }).toolConfig.toolChoice).toEqual({ tool: { name: 'json_response' } });
    expect(body('bedrock', 'us.amazon.nova-pro-v1:0', format, false, { awsRegion: 'us-east-1' }).toolConfig.toolChoice).toEqual({ tool: { name: 'json_response' } });
    expect(() => body('bedrock', 'meta.llama3-70b-instruct-v1:0', format, false, { awsRegion: 'us-east-1' })).toThrow(UnsupportedContent);
    expect(body('bedrock', 'meta.llama3-70b-instruct-v1:0', {}, false, { awsRegion: 'us-east-1' })).not.toHaveProperty('toolConfig');
    const answer = PROVIDERS.bedrock.parseChat(
      { output: { message: { content: [{ toolUse: { toolUseId: 't', name: 'json_response', input: { city: 'Oslo' } } }] } }, stopReason: 'tool_use' },
      target('bedrock', 'anthropic.claude-sonnet-4-v1:0'),
    );
    expect(answer.choices[0]).toMatchObject({ message: { content: '{"city":"Oslo"}' }, finish_reason: 'stop' });
  });

  it('returns the tool’s input as the answer’s content, whole and streamed', () => {
    const answer = PROVIDERS.anthropic.parseChat(
      { id: 'm', content: [{ type: 'tool_use', id: 't', name: 'json_response', input: { city: 'Oslo' } }], stop_reason: 'tool_use', usage: { input_tokens: 5, output_tokens: 3 } },
      claude,
    );
    expect(answer.choices[0]).toMatchObject({ message: { content: '{"city":"Oslo"}' }, finish_reason: 'stop' });
    expect(answer.choices[0]!.message.tool_calls ?? []).toEqual([]);
    const stream = PROVIDERS.anthropic.streamTranslator(claude, 'chatcmpl-x');
    const send = (event: string, data: object) => stream.push({ event, data: JSON.stringify({ type: event, ...data }) });
    const chunks = [
      ...send('message_start', { message: { id: 'm', usage: { input_tokens: 5 } } }),
      ...send('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 't', name: 'json_response', input: {} } }),
      ...send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
      ...send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } }),
      ...send('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 3 } }),
    ];
    expect(chunks.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('{"city":"Oslo"}');
    expect(chunks.some((c) => c.choices[0]!.delta.tool_calls)).toBe(false);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
  });
  it('an answer cut at max_tokens ends with length, not stop (its JSON is incomplete), whole and streamed, on Claude and Bedrock', () => {
    const cut = PROVIDERS.anthropic.parseChat(
      { id: 'm', content: [{ type: 'tool_use', id: 't', name: 'json_response', input: {} }], stop_reason: 'max_tokens', usage: { input_tokens: 5, output_tokens: 3 } },
      claude,
    );
    expect(cut.choices[0]!.finish_reason).toBe('length');
    const stream = PROVIDERS.anthropic.streamTranslator(claude, 'chatcmpl-x');
    const send = (event: string, data: object) => stream.push({ event, data: JSON.stringify({ type: event, ...data }) });
    send('message_start', { message: { id: 'm', usage: { input_tokens: 5 } } });
    send('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 't', name: 'json_response', input: {} } });
    send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } });
    expect(send('message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 3 } })[0]!.choices[0]!.finish_reason).toBe('length');

    const sonnet = target('bedrock', 'anthropic.claude-sonnet-4-v1:0');
    const whole = PROVIDERS.bedrock.parseChat({ output: { message: { content: [{ toolUse: { toolUseId: 't', name: 'json_response', input: {} } }] } }, stopReason: 'max_tokens' }, sonnet);
    expect(whole.choices[0]!.finish_reason).toBe('length');
    const converse = PROVIDERS.bedrock.streamTranslator(sonnet, 'chatcmpl-x');
    const emit = (event: string, data: object) => converse.push({ event, data: JSON.stringify(data) });
    emit('messageStart', { role: 'assistant' });
    emit('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 't', name: 'json_response' } } });
    emit('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: '{"city":' } } });
    expect(emit('messageStop', { stopReason: 'max_tokens' })[0]!.choices[0]!.finish_reason).toBe('length');
  });
});

describe('answers', () => {
  it("Bedrock: an answer Converse could not read (malformed output or tool use) is no ended answer", () => {
    const bedrock = target('bedrock', 'anthropic.claude-sonnet-4-v1:0');
    for (const stopReason of ['malformed_model_output', 'malformed_tool_use', 'a_reason_from_next_year']) {
      const answer = PROVIDERS.bedrock.parseChat({ output: { message: { content: [{ text: 'Half an' }] } }, stopReason }, bedrock);
      expect(answer.choices[0]!.finish_reason).toBe('error');
    }
  });

  it('Gemini counts thinking tokens as output, and a blocked prompt is a content filter', () => {
    const answer = PROVIDERS.gemini.parseChat(
      { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 40 } },
      target('gemini', 'gemini-2.5-flash'),
    );
    expect(answer.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 45, completion_tokens_details: { reasoning_tokens: 40 } });
    const blocked = PROVIDERS.gemini.parseChat({ promptFeedback: { blockReason: 'SAFETY' } }, target('gemini', 'gemini-2.5-flash'));
    expect(blocked.choices[0]!.finish_reason).toBe('content_filter');
  });

  it('Anthropic: a null count in message_delta does not erase message_start’s prompt tokens', () => {
    const stream = PROVIDERS.anthropic.streamTranslator(target('anthropic', 'claude-sonnet-4'), 'chatcmpl-x');
    const send = (event: string, data: unknown) => stream.push({ event, data: JSON.stringify({ type: event, ...(data as object) }) });
    send('message_start', { message: { id: 'm', model: 'claude-sonnet-4', usage: { input_tokens: 25, output_tokens: 1 } } });
    send('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 12, input_tokens: null } });
    expect(stream.usage).toMatchObject({ prompt_tokens: 25, completion_tokens: 12 });
  });

  it('Cohere: usage is the billed units (what Cohere charges), its token counts only where none are billed', () => {
    const cohere = target('cohere', 'command-a-03-2025');
    const usage = { billed_units: { input_tokens: 37, output_tokens: 28 }, tokens: { input_tokens: 913, output_tokens: 83 } };
    const answer = PROVIDERS.cohere.parseChat({ id: 'c', finish_reason: 'COMPLETE', message: { content: [{ type: 'text', text: 'ok' }] }, usage }, cohere);
    expect(answer.usage).toEqual({ prompt_tokens: 37, completion_tokens: 28, total_tokens: 65 });
    const stream = PROVIDERS.cohere.streamTranslator(cohere, 'chatcmpl-x');
    stream.push({ event: 'message-end', data: JSON.stringify({ type: 'message-end', delta: { finish_reason: 'COMPLETE', usage } }) });
    expect(stream.usage).toEqual(answer.usage);
    const unbilled = PROVIDERS.cohere.parseChat({ id: 'c', finish_reason: 'COMPLETE', message: { content: [] }, usage: { tokens: usage.tokens } }, cohere);
    expect(unbilled.usage).toMatchObject({ prompt_tokens: 913, completion_tokens: 83 });
    // Billed units that count no tokens leave the token counts to stand in.
    for (const billed of [{}, { search_units: 1 }]) {
      const answer2 = PROVIDERS.cohere.parseChat({ id: 'c', finish_reason: 'COMPLETE', message: { content: [] }, usage: { billed_units: billed, tokens: usage.tokens } }, cohere);
      expect(answer2.usage).toMatchObject({ prompt_tokens: 913, completion_tokens: 83 });
    }
  });

  it('Anthropic and Bedrock: prompt-cache reads and writes are prompt tokens, counted apart', () => {
    const claude = PROVIDERS.anthropic.parseChat(
      { id: 'm', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 10, cache_read_input_tokens: 300, cache_creation_input_tokens: 5000, output_tokens: 2 } },
      target('anthropic', 'claude-sonnet-4'),
    );
    expect(claude.usage).toEqual({ prompt_tokens: 5310, completion_tokens: 2, total_tokens: 5312, prompt_tokens_details: { cached_tokens: 300, cache_creation_tokens: 5000 } });
    const bedrock = PROVIDERS.bedrock.parseChat(
      { output: { message: { content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: 300, cacheWriteInputTokens: 5000, totalTokens: 5312 } },
      target('bedrock', 'anthropic.claude-sonnet-4-v1:0'),
    );
    expect(bedrock.usage).toEqual(claude.usage);
  });

  it('Anthropic: the prompt-cache writes of an hour are counted apart (billed higher), whole and streamed', () => {
    const usage = { input_tokens: 10, cache_creation_input_tokens: 5000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 4000 }, output_tokens: 2 };
    const claude = target('anthropic', 'claude-sonnet-4');
    const answer = PROVIDERS.anthropic.parseChat({ id: 'm', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage }, claude);
    expect(answer.usage!.prompt_tokens_details).toEqual({ cache_creation_tokens: 5000, cache_creation_1h_tokens: 4000 });
    const stream = PROVIDERS.anthropic.streamTranslator(claude, 'chatcmpl-x');
    const send = (event: string, data: unknown) => stream.push({ event, data: JSON.stringify({ type: event, ...(data as object) }) });
    send('message_start', { message: { id: 'm', model: 'claude-sonnet-4', usage: { ...usage, output_tokens: 1 } } });
    send('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } });
    expect(stream.usage).toEqual(answer.usage);
  });
});
