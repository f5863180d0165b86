/**
 * AWS Bedrock Converse API: `POST /model/{modelId}/converse` (JSON) and
 * `/converse-stream` (AWS binary event stream). Auth: a SigV4 Authorization
 * header (checked for shape) or a Bedrock API key as a bearer token.
 */
import { encodeEventStream } from '../../plugins/core/providers/aws-eventstream';
import { bearerToken, BAD_KEY, header, type Dialect } from './dialect';
import { bodyObject, type Endpoint, type EndpointInput } from './endpoint';
import { argumentPieces, prepareGeneration, type Conversation, type Finish, type Generation, type ToolDefinition } from './generation';
import { MockHttpError } from './http-error';
import { randomId } from './ids';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from './json';
import type { StreamEncoder, StreamPlan } from './sse';

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[a-z0-9-]+\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

const bedrockDialect: Dialect = {
  provider: 'bedrock',
  authenticate(inbound) {
    const auth = header(inbound, 'authorization') ?? '';
    const sigv4 = SIGV4.exec(auth);
    if (sigv4) {
      if (!header(inbound, 'x-amz-date')) return new MockHttpError(403, 'Missing Authentication Token');
      return sigv4[1] === BAD_KEY ? new MockHttpError(403, 'The security token included in the request is invalid.') : undefined;
    }
    const key = bearerToken(inbound);
    if (!key) return new MockHttpError(403, 'Missing Authentication Token');
    return key === BAD_KEY ? new MockHttpError(403, 'The security token included in the request is invalid.') : undefined;
  },
  renderError: (error) => ({ message: error.message || 'Internal server error' }),
};

const STOP: Record<Finish, string> = { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' };

function blocksText(content: unknown, onlyText = false): string {
  return asArray(content)
    .map((b) => {
      const block = asObject(b);
      if (typeof block.text === 'string') return block.text;
      if (onlyText) return '';
      if (block.toolResult) return JSON.stringify(block.toolResult);
      return '';
    })
    .join('\n');
}

function usage(generation: Generation): JsonObject {
  const { promptTokens, completionTokens } = generation;
  return { inputTokens: promptTokens, outputTokens: completionTokens, totalTokens: promptTokens + completionTokens };
}

function eventStreamEncoder(): StreamEncoder {
  return {
    contentType: 'application/vnd.amazon.eventstream',
    encode: (event) =>
      encodeEventStream({
        headers: { ':event-type': event.event ?? 'unknown', ':content-type': 'application/json', ':message-type': 'event' },
        payload: Buffer.from(JSON.stringify(event.data)),
      }),
    finish: () => '',
  };
}

function prepareConverse(input: EndpointInput, stream: boolean) {
  const body = bodyObject(input);
  const model = input.params.model ?? '';
  const messages = asArray(body.messages).filter(isObject);
  if (messages.length === 0) throw new MockHttpError(400, 'A conversation must start with a user message.');
  const tools = asArray(asObject(body.toolConfig).tools).flatMap((t): ToolDefinition[] => {
    const spec = asObject(asObject(t).toolSpec);
    const name = asString(spec.name);
    return name ? [{ name, parameters: asObject(spec.inputSchema).json }] : [];
  });
  const users = messages.filter((m) => m.role === 'user').map((m) => blocksText(m.content, true)).filter(Boolean);
  const last = messages[messages.length - 1];
  const conversation: Conversation = {
    model,
    lastUserText: users[users.length - 1] ?? '',
    promptTexts: [blocksText(body.system), ...messages.map((m) => blocksText(m.content))],
    tools,
    toolChoice: asObject(asObject(body.toolConfig).toolChoice).any ? { mode: 'required' } : { mode: 'auto' },
    endsWithUserTurn: last?.role === 'user' && !asArray(last.content).some((b) => asObject(b).toolResult),
    maxTokens: asNumber(asObject(body.inferenceConfig).maxTokens),
  };
  return prepareGeneration(conversation, stream, {
    json: (generation) => ({
      output: {
        message: {
          role: 'assistant',
          content: generation.toolCall
            ? [{ toolUse: { toolUseId: randomId('tooluse_', 22), name: generation.toolCall.name, input: generation.toolCall.args } }]
            : [{ text: generation.text }],
        },
      },
      stopReason: STOP[generation.finish],
      usage: usage(generation),
      metrics: { latencyMs: 1 },
    }),
    stream: (generation) => ({ kind: 'stream', encoder: eventStreamEncoder(), plan: events(generation) }),
  });
}

function events(generation: Generation): StreamPlan {
  const call = generation.toolCall;
  return {
    head: [
      { event: 'messageStart', data: { role: 'assistant' } },
      ...(call ? [{ event: 'contentBlockStart', data: { contentBlockIndex: 0, start: { toolUse: { toolUseId: randomId('tooluse_', 22), name: call.name } } } }] : []),
    ],
    content: call
      ? argumentPieces(call).map((piece) => ({ event: 'contentBlockDelta', data: { contentBlockIndex: 0, delta: { toolUse: { input: piece } } } }))
      : generation.pieces.map((piece) => ({ event: 'contentBlockDelta', data: { contentBlockIndex: 0, delta: { text: piece } } })),
    tail: [
      { event: 'contentBlockStop', data: { contentBlockIndex: 0 } },
      { event: 'messageStop', data: { stopReason: STOP[generation.finish] } },
      { event: 'metadata', data: { usage: usage(generation), metrics: { latencyMs: 1 } } },
    ],
  };
}

export const bedrockEndpoints: Endpoint[] = [
  { method: 'POST', pattern: /^\/model\/(?<model>[^/]+)\/converse$/, dialect: bedrockDialect, prepare: (input) => prepareConverse(input, false) },
  { method: 'POST', pattern: /^\/model\/(?<model>[^/]+)\/converse-stream$/, dialect: bedrockDialect, prepare: (input) => prepareConverse(input, true) },
];
