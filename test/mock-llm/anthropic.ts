/**
 * Anthropic Messages API: `POST /v1/messages` (plain and the exact SSE event
 * sequence), `POST /v1/messages/count_tokens`, `GET /v1/models` (with an
 * `anthropic-version` header). `x-api-key` auth, `{type:"error",error:{…}}` errors.
 */
import { countPromptTokens } from './answer';
import { BAD_KEY, header, type Dialect, type Inbound } from './dialect';
import { bodyObject, jsonReply, type Endpoint, type EndpointInput } from './endpoint';
import { argumentPieces, prepareGeneration, type Conversation, type Finish, type Generation, type ToolChoice, type ToolDefinition } from './generation';
import { MockHttpError } from './http-error';
import { randomId } from './ids';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from './json';
import { sseEncoder, type StreamEvent, type StreamPlan } from './sse';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};
const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

export const anthropicDialect: Dialect = {
  provider: 'anthropic',
  authenticate(inbound) {
    const key = header(inbound, 'x-api-key');
    if (!key) return new MockHttpError(401, 'x-api-key header is required');
    return key === BAD_KEY ? new MockHttpError(401, 'invalid x-api-key') : undefined;
  },
  renderError(error) {
    const type = ERROR_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
    return { type: 'error', error: { type, message: error.message || ERROR_MESSAGES[type] || 'Error' } };
  },
};

const STOP_REASONS: Record<Finish, string> = { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' };
export const ANTHROPIC_MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-5-haiku-latest'];

function requireVersion(input: EndpointInput): void {
  if (!header(input, 'anthropic-version')) throw new MockHttpError(400, 'anthropic-version: header is required');
}

/** The parts of a Messages request shared by /v1/messages and /v1/messages/count_tokens. */
function readRequest(input: EndpointInput): { body: JsonObject; model: string; promptTexts: string[]; messages: JsonObject[]; tools: ToolDefinition[] } {
  requireVersion(input);
  const body = bodyObject(input);
  const model = asString(body.model);
  if (!model) throw new MockHttpError(400, 'model: Field required');
  if (!Array.isArray(body.messages)) throw new MockHttpError(400, 'messages: Field required');
  const messages = body.messages.filter(isObject);
  const tools = asArray(body.tools).flatMap((tool): ToolDefinition[] => {
    const name = asString(asObject(tool).name);
    return name ? [{ name, parameters: asObject(tool).input_schema }] : [];
  });
  const promptTexts = [
    blocksText(body.system),
    ...messages.map((m) => blocksText(m.content)),
    ...(tools.length > 0 ? [JSON.stringify(body.tools)] : []),
  ];
  return { body, model, promptTexts, messages, tools };
}

/** Text of a string or of content blocks (text, tool_use input, tool_result content). */
function blocksText(content: unknown, onlyText = false): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((block) => {
      const b = asObject(block);
      if (b.type === 'text') return asString(b.text) ?? '';
      if (onlyText) return '';
      if (b.type === 'tool_use') return JSON.stringify(b.input ?? {});
      if (b.type === 'tool_result') return blocksText(b.content);
      return '';
    })
    .filter((text) => text !== '')
    .join('\n');
}

const isToolResultTurn = (m: JsonObject) => asArray(m.content).some((b) => asObject(b).type === 'tool_result');

function toolChoice(choice: unknown): ToolChoice {
  const c = asObject(choice);
  if (c.type === 'none') return { mode: 'none' };
  if (c.type === 'any') return { mode: 'required' };
  if (c.type === 'tool') return { mode: 'required', name: asString(c.name) };
  return { mode: 'auto' };
}

function prepareMessages(input: EndpointInput) {
  const { body, model, promptTexts, messages, tools } = readRequest(input);
  if (asNumber(body.max_tokens) === undefined) throw new MockHttpError(400, 'max_tokens: Field required');
  const userTexts = messages.filter((m) => m.role === 'user').map((m) => blocksText(m.content, true)).filter((t) => t !== '');
  const last = messages[messages.length - 1];
  const conversation: Conversation = {
    model,
    lastUserText: userTexts[userTexts.length - 1] ?? '',
    promptTexts,
    tools,
    toolChoice: toolChoice(body.tool_choice),
    endsWithUserTurn: last?.role === 'user' && !isToolResultTurn(last),
    maxTokens: asNumber(body.max_tokens),
  };
  return prepareGeneration(conversation, body.stream === true, {
    json: (generation) => message(model, generation),
    stream: (generation) => ({ kind: 'stream', encoder: sseEncoder(), plan: events(model, generation) }),
  });
}

function usage(generation: Generation, outputTokens: number): JsonObject {
  return { input_tokens: generation.promptTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens };
}

function contentBlock(generation: Generation, streaming: boolean): JsonObject {
  const call = generation.toolCall;
  if (call) return { type: 'tool_use', id: randomId('toolu_01', 22), name: call.name, input: streaming ? {} : call.args };
  return { type: 'text', text: streaming ? '' : generation.text };
}

function message(model: string, generation: Generation): JsonObject {
  return {
    id: randomId('msg_01', 22),
    type: 'message',
    role: 'assistant',
    model,
    content: [contentBlock(generation, false)],
    stop_reason: STOP_REASONS[generation.finish],
    stop_sequence: null,
    usage: usage(generation, generation.completionTokens),
  };
}

function events(model: string, generation: Generation): StreamPlan {
  const event = (type: string, data: JsonObject = {}): StreamEvent => ({ event: type, data: { type, ...data } });
  const call = generation.toolCall;
  const start = { ...message(model, generation), content: [], stop_reason: null, usage: usage(generation, 1) };
  return {
    head: [
      event('message_start', { message: start }),
      event('content_block_start', { index: 0, content_block: contentBlock(generation, true) }),
      event('ping'),
    ],
    content: call
      ? argumentPieces(call).map((piece) => event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } }))
      : generation.pieces.map((piece) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } })),
    tail: [
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: STOP_REASONS[generation.finish], stop_sequence: null }, usage: { output_tokens: generation.completionTokens } }),
      event('message_stop'),
    ],
  };
}

const hasAnthropicVersion = (inbound: Inbound) => header(inbound, 'anthropic-version') !== undefined;

export const anthropicEndpoints: Endpoint[] = [
  { method: 'POST', pattern: /^\/v1\/messages$/, dialect: anthropicDialect, prepare: prepareMessages },
  {
    method: 'POST',
    pattern: /^\/v1\/messages\/count_tokens$/,
    dialect: anthropicDialect,
    prepare(input) {
      const { model, promptTexts } = readRequest(input);
      return { model, reply: () => jsonReply({ input_tokens: countPromptTokens(promptTexts) }) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/models$/,
    dialect: anthropicDialect,
    accepts: hasAnthropicVersion,
    prepare: () => ({
      reply: () =>
        jsonReply({
          data: ANTHROPIC_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
          has_more: false,
          first_id: ANTHROPIC_MODELS[0],
          last_id: ANTHROPIC_MODELS[ANTHROPIC_MODELS.length - 1],
        }),
    }),
  },
];
