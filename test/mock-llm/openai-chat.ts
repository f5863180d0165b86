/** OpenAI `POST /v1/chat/completions`: `chat.completion` and streamed `chat.completion.chunk`s, tool calls included. */
import { bodyObject, type EndpointInput, type Prepared } from './endpoint';
import { prepareGeneration, type Conversation, type Generation, type ToolChoice, type ToolDefinition } from './generation';
import { MockHttpError } from './http-error';
import { randomId, unixSeconds } from './ids';
import { asArray, asObject, asString, isObject, type JsonObject } from './json';
import {
  basicUsage, FINISH_REASONS, includeUsage, maxTokens, requestModel, streamEnd, SYSTEM_FINGERPRINT, type OpenAiOptions,
} from './openai-shared';
import { sseEncoder } from './sse';

export function prepareChat(input: EndpointInput, options: OpenAiOptions = {}): Prepared {
  const body = bodyObject(input);
  const model = requestModel(body, options);
  const messages = asArray(body.messages).filter(isObject);
  if (messages.length === 0) {
    throw new MockHttpError(400, "Missing required parameter: 'messages'.", { param: 'messages', code: 'missing_required_parameter' });
  }
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const tools = asArray(body.tools).flatMap(toolDefinition);
  const conversation: Conversation = {
    model,
    lastUserText: lastUser ? contentText(lastUser.content) : '',
    promptTexts: [...messages.map(messageText), ...(tools.length > 0 ? [JSON.stringify(body.tools)] : [])],
    tools,
    toolChoice: toolChoice(body.tool_choice),
    endsWithUserTurn: messages[messages.length - 1]?.role === 'user',
    maxTokens: maxTokens(body),
  };
  const withUsage = includeUsage(body);
  return prepareGeneration(conversation, body.stream === true, {
    json: (generation) => chatCompletion(model, generation),
    stream: (generation) => ({ kind: 'stream', encoder: sseEncoder(), plan: chunks(model, generation, withUsage) }),
  });
}

/** Text of a message whose content is a string or an array of parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => (isObject(part) ? asString(part.text) ?? '' : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function messageText(message: JsonObject): string {
  const calls = asArray(message.tool_calls).map((call) => {
    const fn = asObject(asObject(call).function);
    return `${asString(fn.name) ?? ''} ${asString(fn.arguments) ?? ''}`;
  });
  return [contentText(message.content), ...calls].join('\n');
}

function toolDefinition(tool: unknown): ToolDefinition[] {
  const fn = asObject(asObject(tool).function);
  const name = asString(fn.name);
  return name ? [{ name, parameters: fn.parameters }] : [];
}

function toolChoice(choice: unknown): ToolChoice {
  if (choice === 'none') return { mode: 'none' };
  if (choice === 'required') return { mode: 'required' };
  const name = asString(asObject(asObject(choice).function).name);
  return name ? { mode: 'required', name } : { mode: 'auto' };
}

function usage(generation: Generation): JsonObject {
  return {
    ...basicUsage(generation),
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function chatCompletion(model: string, generation: Generation): JsonObject {
  const call = generation.toolCall;
  const message: JsonObject = { role: 'assistant', content: call ? null : generation.text, refusal: null, annotations: [] };
  if (call) message.tool_calls = [{ id: randomId('call_', 24), type: 'function', function: { name: call.name, arguments: call.json } }];
  return {
    id: randomId('chatcmpl-', 29),
    object: 'chat.completion',
    created: unixSeconds(),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH_REASONS[generation.finish] }],
    usage: usage(generation),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

function chunks(model: string, generation: Generation, withUsage: boolean) {
  const base: JsonObject = {
    id: randomId('chatcmpl-', 29),
    object: 'chat.completion.chunk',
    created: unixSeconds(),
    model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const chunk = (delta: JsonObject, finishReason: string | null) => ({
    data: {
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(withUsage ? { usage: null } : {}),
    },
  });
  const call = generation.toolCall;
  const head = call
    ? chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: randomId('call_', 24), type: 'function', function: { name: call.name, arguments: '' } }],
        refusal: null,
      }, null)
    : chunk({ role: 'assistant', content: '', refusal: null }, null);
  const content = call
    ? call.pieces.map((piece) => chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null))
    : generation.pieces.map((piece) => chunk({ content: piece }, null));
  return {
    head: [head],
    content,
    tail: [chunk({}, FINISH_REASONS[generation.finish]), ...streamEnd(base, withUsage ? usage(generation) : undefined)],
  };
}
