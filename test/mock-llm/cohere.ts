/**
 * Cohere v2 Chat API: `POST /v2/chat`, plain and streamed (SSE with typed events:
 * message-start, content-start/delta/end, tool-call-start/delta/end, message-end).
 * Bearer auth, `{message}` errors.
 */
import { bearerToken, BAD_KEY, type Dialect } from './dialect';
import { bodyObject, type Endpoint, type EndpointInput } from './endpoint';
import { prepareGeneration, type Conversation, type Finish, type Generation, type ToolDefinition } from './generation';
import { MockHttpError } from './http-error';
import { randomId } from './ids';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from './json';
import { sseEncoder, type StreamEvent, type StreamPlan } from './sse';

const cohereDialect: Dialect = {
  provider: 'cohere',
  authenticate(inbound) {
    const key = bearerToken(inbound);
    if (!key) return new MockHttpError(401, 'no api key supplied');
    return key === BAD_KEY ? new MockHttpError(401, 'invalid api token') : undefined;
  },
  renderError: (error) => ({ message: error.message || 'internal server error' }),
};

const FINISH: Record<Finish, string> = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool: 'TOOL_CALL' };

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((c) => asString(asObject(c).text) ?? '')
    .join('');
}

const PROMPT_TEMPLATE_TOKENS = 412;

/** What Cohere says before it calls a tool (streamed in two tool-plan-delta events). */
const TOOL_PLAN = 'I will call the tool.';

/** As Cohere counts: `billed_units` what is charged, `tokens` more (its prompt template, tokens it does not charge). */
function usage(generation: Generation): JsonObject {
  return {
    billed_units: { input_tokens: generation.promptTokens, output_tokens: generation.completionTokens },
    tokens: { input_tokens: generation.promptTokens + PROMPT_TEMPLATE_TOKENS, output_tokens: generation.completionTokens + 2 },
  };
}

function prepareChat(input: EndpointInput) {
  const body = bodyObject(input);
  const model = asString(body.model);
  if (!model) throw new MockHttpError(400, 'invalid request: model must be specified');
  const messages = asArray(body.messages).filter(isObject);
  if (messages.length === 0) throw new MockHttpError(400, 'invalid request: messages cannot be empty');
  // As Cohere answers a v2 assistant turn holding both (its words before a call go in tool_plan).
  if (messages.some((m) => m.role === 'assistant' && asArray(m.tool_calls).length > 0 && text(m.content) !== '')) {
    throw new MockHttpError(400, "invalid request: text content is not allowed when tool_calls are provided, use 'tool_plan' instead");
  }
  const tools = asArray(body.tools).flatMap((t): ToolDefinition[] => {
    const fn = asObject(asObject(t).function);
    const name = asString(fn.name);
    return name ? [{ name, parameters: fn.parameters }] : [];
  });
  const users = messages.filter((m) => m.role === 'user').map((m) => text(m.content));
  const last = messages[messages.length - 1];
  const conversation: Conversation = {
    model,
    lastUserText: users[users.length - 1] ?? '',
    promptTexts: messages.map((m) => text(m.content)),
    tools,
    toolChoice: body.tool_choice === 'REQUIRED' ? { mode: 'required' } : body.tool_choice === 'NONE' ? { mode: 'none' } : { mode: 'auto' },
    endsWithUserTurn: last?.role === 'user',
    maxTokens: asNumber(body.max_tokens),
  };
  const id = randomId('', 36);
  return prepareGeneration(conversation, body.stream === true, {
    json: (generation) => ({
      id,
      finish_reason: FINISH[generation.finish],
      message: generation.toolCall
        ? {
            role: 'assistant',
            tool_plan: TOOL_PLAN,
            tool_calls: [{ id: randomId('call_', 16), type: 'function', function: { name: generation.toolCall.name, arguments: generation.toolCall.json } }],
          }
        : { role: 'assistant', content: [{ type: 'text', text: generation.text }] },
      usage: usage(generation),
    }),
    stream: (generation) => ({ kind: 'stream', encoder: sseEncoder(), plan: events(id, generation) }),
  });
}

function events(id: string, generation: Generation): StreamPlan {
  const event = (type: string, data: JsonObject = {}): StreamEvent => ({ event: type, data: { type, ...data } });
  const call = generation.toolCall;
  return {
    head: [
      event('message-start', { id, delta: { message: { role: 'assistant' } } }),
      ...(call ? [TOOL_PLAN.slice(0, 7), TOOL_PLAN.slice(7)].map((piece) => event('tool-plan-delta', { delta: { message: { tool_plan: piece } } })) : []),
      call
        ? event('tool-call-start', { index: 0, delta: { message: { tool_calls: { id: randomId('call_', 16), type: 'function', function: { name: call.name, arguments: '' } } } } })
        : event('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }),
    ],
    content: call
      ? call.pieces.map((piece) => event('tool-call-delta', { index: 0, delta: { message: { tool_calls: { function: { arguments: piece } } } } }))
      : generation.pieces.map((piece) => event('content-delta', { index: 0, delta: { message: { content: { text: piece } } } })),
    tail: [
      event(call ? 'tool-call-end' : 'content-end', { index: 0 }),
      event('message-end', { delta: { finish_reason: FINISH[generation.finish], usage: usage(generation) } }),
    ],
  };
}

export const cohereEndpoints: Endpoint[] = [{ method: 'POST', pattern: /^\/v2\/chat$/, dialect: cohereDialect, prepare: prepareChat }];
