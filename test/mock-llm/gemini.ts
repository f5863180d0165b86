/**
 * Gemini API (v1beta, v1, v1alpha): `models/{model}:generateContent`,
 * `:streamGenerateContent` (`?alt=sse` for SSE, else a streamed JSON array),
 * `:countTokens`, `:embedContent`, `:batchEmbedContents`, `GET models`.
 * Key in `x-goog-api-key` or `?key=`; errors as `{error:{code,message,status}}`.
 */
import { countPromptTokens } from './answer';
import { BAD_KEY, header, type Dialect, type Inbound } from './dialect';
import { embed } from './embedding';
import { bodyObject, jsonReply, type Endpoint, type EndpointInput, type Prepared } from './endpoint';
import { prepareGeneration, type Conversation, type Finish, type Generation, type ToolChoice, type ToolDefinition } from './generation';
import { MockHttpError } from './http-error';
import { randomId } from './ids';
import { asArray, asNumber, asObject, asString, field, isObject, type JsonObject } from './json';
import { jsonArrayEncoder, sseEncoder, type StreamPlan } from './sse';

const STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const MESSAGES: Record<number, string> = {
  404: 'Requested entity was not found.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
};

export const geminiDialect: Dialect = {
  provider: 'gemini',
  authenticate(inbound) {
    const key = header(inbound, 'x-goog-api-key') ?? inbound.query.get('key') ?? undefined;
    // As Google answers: a wrong key is a 400 INVALID_ARGUMENT (reason API_KEY_INVALID), a missing one a 403.
    if (key === BAD_KEY) return new MockHttpError(400, 'API key not valid. Please pass a valid API key.', { code: 'API_KEY_INVALID' });
    if (key === undefined || key === '') return new MockHttpError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    return undefined;
  },
  renderError(error) {
    const details: JsonObject[] = [];
    if (error.detail.code === 'API_KEY_INVALID') {
      details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } });
    }
    if (error.detail.retryAfter !== undefined) {
      details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.detail.retryAfter}s` });
    }
    return {
      error: {
        code: error.status,
        message: error.message || MESSAGES[error.status] || `Mock failure with status ${error.status}.`,
        status: STATUSES[error.status] ?? (error.status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
        ...(details.length > 0 ? { details } : {}),
      },
    };
  },
};

const FINISH_REASONS: Record<Finish, string> = { stop: 'STOP', length: 'MAX_TOKENS', tool: 'STOP' };
const DEFAULT_GEMINI_DIMENSIONS = 768;
export const GEMINI_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash', 'text-embedding-004'];

function partsText(content: unknown, onlyText = false): string {
  return asArray(asObject(content).parts)
    .map((part) => {
      const p = asObject(part);
      if (typeof p.text === 'string') return p.text;
      if (onlyText) return '';
      const call = field(p, 'functionCall', 'function_call');
      const response = field(p, 'functionResponse', 'function_response');
      return call !== undefined || response !== undefined ? JSON.stringify(call ?? response) : '';
    })
    .filter((text) => text !== '')
    .join('\n');
}

const hasFunctionResponse = (content: JsonObject) =>
  asArray(content.parts).some((p) => field(asObject(p), 'functionResponse', 'function_response') !== undefined);

/** What generateContent and countTokens share: contents, system instruction, tools. */
function readContents(body: JsonObject): { contents: JsonObject[]; promptTexts: string[]; tools: ToolDefinition[] } {
  const contents = asArray(body.contents).filter(isObject);
  if (contents.length === 0) throw new MockHttpError(400, '* GenerateContentRequest.contents: contents is not specified\n');
  const rawTools = body.tools;
  const tools = asArray(rawTools)
    .flatMap((tool) => asArray(field(asObject(tool), 'functionDeclarations', 'function_declarations')))
    .flatMap((decl): ToolDefinition[] => {
      const d = asObject(decl);
      const name = asString(d.name);
      return name ? [{ name, parameters: field(d, 'parameters', 'parametersJsonSchema', 'parameters_json_schema') }] : [];
    });
  const promptTexts = [
    partsText(field(body, 'systemInstruction', 'system_instruction')),
    ...contents.map((c) => partsText(c)),
    ...(tools.length > 0 ? [JSON.stringify(rawTools)] : []),
  ];
  return { contents, promptTexts, tools };
}

function toolChoice(body: JsonObject): ToolChoice {
  const config = asObject(field(asObject(field(body, 'toolConfig', 'tool_config')), 'functionCallingConfig', 'function_calling_config'));
  const mode = asString(config.mode)?.toUpperCase();
  if (mode === 'NONE') return { mode: 'none' };
  if (mode === 'ANY') return { mode: 'required', name: asString(asArray(field(config, 'allowedFunctionNames', 'allowed_function_names'))[0]) };
  return { mode: 'auto' };
}

function prepareGenerate(input: EndpointInput, stream: boolean): Prepared {
  const body = bodyObject(input);
  const model = input.params.model ?? '';
  const { contents, promptTexts, tools } = readContents(body);
  const isUser = (c: JsonObject) => c.role === undefined || c.role === 'user';
  const userTexts = contents.filter(isUser).map((c) => partsText(c, true)).filter((t) => t !== '');
  const last = contents[contents.length - 1];
  const generationConfig = asObject(field(body, 'generationConfig', 'generation_config'));
  const conversation: Conversation = {
    model,
    lastUserText: userTexts[userTexts.length - 1] ?? '',
    promptTexts,
    tools,
    toolChoice: toolChoice(body),
    endsWithUserTurn: last !== undefined && isUser(last) && !hasFunctionResponse(last),
    maxTokens: asNumber(field(generationConfig, 'maxOutputTokens', 'max_output_tokens')),
  };
  const sse = input.query.get('alt') === 'sse';
  return prepareGeneration(conversation, stream, {
    json: (generation) => response(model, generation, randomId('', 22)),
    stream: (generation) => ({ kind: 'stream', encoder: sse ? sseEncoder('\r\n') : jsonArrayEncoder(), plan: chunks(model, generation) }),
  });
}

function usageMetadata(generation: Generation, final: boolean): JsonObject {
  const { promptTokens, completionTokens } = generation;
  return final
    ? { promptTokenCount: promptTokens, candidatesTokenCount: completionTokens, totalTokenCount: promptTokens + completionTokens }
    : { promptTokenCount: promptTokens, totalTokenCount: promptTokens };
}

function candidateResponse(model: string, responseId: string, parts: JsonObject[], generation: Generation, final: boolean): JsonObject {
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(final ? { finishReason: FINISH_REASONS[generation.finish] } : {}), index: 0 }],
    usageMetadata: usageMetadata(generation, final),
    modelVersion: model,
    responseId,
  };
}

function finalParts(generation: Generation, text: string): JsonObject[] {
  const call = generation.toolCall;
  return call ? [{ functionCall: { name: call.name, args: call.args } }] : [{ text }];
}

function response(model: string, generation: Generation, responseId: string): JsonObject {
  return candidateResponse(model, responseId, finalParts(generation, generation.text), generation, true);
}

/** One chunk per token; the last token travels with finishReason and the full usage, as Gemini does. */
function chunks(model: string, generation: Generation): StreamPlan {
  const responseId = randomId('', 22);
  const pieces = generation.toolCall ? [] : generation.pieces;
  const lastPiece = pieces[pieces.length - 1] ?? '';
  return {
    head: [],
    content: pieces.slice(0, -1).map((text) => ({ data: candidateResponse(model, responseId, [{ text }], generation, false) })),
    tail: [{ data: candidateResponse(model, responseId, finalParts(generation, lastPiece), generation, true) }],
  };
}

function dimensions(request: JsonObject): number {
  const value = asNumber(field(request, 'outputDimensionality', 'output_dimensionality')) ?? DEFAULT_GEMINI_DIMENSIONS;
  if (!Number.isInteger(value) || value < 1 || value > 8192) throw new MockHttpError(400, 'outputDimensionality must be between 1 and 8192');
  return value;
}

function embeddingText(request: JsonObject): string {
  if (!isObject(request.content)) throw new MockHttpError(400, '* EmbedContentRequest.content: content is not specified\n');
  return partsText(request.content);
}

function prepareEmbed(input: EndpointInput): Prepared {
  const body = bodyObject(input);
  const text = embeddingText(body);
  const dims = dimensions(body);
  return { model: input.params.model, directiveText: text, reply: () => jsonReply({ embedding: { values: embed(text, dims) } }) };
}

function prepareBatchEmbed(input: EndpointInput): Prepared {
  const requests = asArray(bodyObject(input).requests).filter(isObject);
  if (requests.length === 0) throw new MockHttpError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n');
  const items = requests.map((r) => ({ text: embeddingText(r), dims: dimensions(r) }));
  return {
    model: input.params.model,
    directiveText: items.map((i) => i.text).join('\n'),
    reply: () => jsonReply({ embeddings: items.map((i) => ({ values: embed(i.text, i.dims) })) }),
  };
}

function prepareCountTokens(input: EndpointInput): Prepared {
  const body = bodyObject(input);
  const request = isObject(field(body, 'generateContentRequest', 'generate_content_request'))
    ? asObject(field(body, 'generateContentRequest', 'generate_content_request'))
    : body;
  const { promptTexts } = readContents(request);
  return { model: input.params.model, reply: () => jsonReply({ totalTokens: countPromptTokens(promptTexts) }) };
}

const modelMethod = (method: string) => new RegExp(`^/(?:v1|v1beta|v1alpha)/models/(?<model>[^/:]+):${method}$`);

const usesGoogleKey = (inbound: Inbound) => header(inbound, 'x-goog-api-key') !== undefined || inbound.query.has('key');

const listModels = (): Prepared => ({
  reply: () =>
    jsonReply({
      models: GEMINI_MODELS.map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: id.includes('embedding') ? ['embedContent', 'batchEmbedContents'] : ['generateContent', 'countTokens'],
      })),
    }),
});

export const geminiEndpoints: Endpoint[] = [
  { method: 'POST', pattern: modelMethod('generateContent'), dialect: geminiDialect, prepare: (input) => prepareGenerate(input, false) },
  { method: 'POST', pattern: modelMethod('streamGenerateContent'), dialect: geminiDialect, prepare: (input) => prepareGenerate(input, true) },
  { method: 'POST', pattern: modelMethod('countTokens'), dialect: geminiDialect, prepare: prepareCountTokens },
  { method: 'POST', pattern: modelMethod('embedContent'), dialect: geminiDialect, prepare: prepareEmbed },
  { method: 'POST', pattern: modelMethod('batchEmbedContents'), dialect: geminiDialect, prepare: prepareBatchEmbed },
  { method: 'GET', pattern: /^\/(?:v1beta|v1alpha)\/models$/, dialect: geminiDialect, prepare: listModels },
  { method: 'GET', pattern: /^\/v1\/models$/, dialect: geminiDialect, accepts: usesGoogleKey, prepare: listModels },
];
