import { randomBytes } from 'node:crypto';
import { inlineFile, isFilePart } from './file-parts';
import { providerErrorMessage } from './error-message';
import { namedToolChoice, contentText, isEmptyTurn, isImagePart, isTextPart, makeUsage, type ChatChunk, type ImagePart, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from './openai-types';
import { chatCompletion, chunkBase, parseArguments, parseDataUrl } from './tool-args';
import { NotAnAnswer, ProviderStreamError, type Provider, type StreamEvent, type StreamTranslator, type TargetSpec } from './types';
import { withQuery } from './urls';

/** Google Gemini's generateContent / streamGenerateContent (SSE), translated to and from OpenAI chat. */
type Part = Record<string, unknown>;

const FINISH: Record<string, string> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
};
/** Any other reason (OTHER, MALFORMED_FUNCTION_CALL…): the answer broke off, never reported (nor cached) as ended. */
const BROKE_OFF = 'error';

/**
 * Gemini 3 returns a `thoughtSignature` with each function call and refuses the next turn without it.
 * It rides in the tool-call id, base64url after this marker, so that it comes back with the client's
 * history whichever node serves the next turn.
 */
const SIGNATURE_MARK = '__ts_';

function toolCallId(signature: unknown): string {
  const id = `call_${randomBytes(12).toString('hex')}`;
  return typeof signature === 'string' && signature ? `${id}${SIGNATURE_MARK}${Buffer.from(signature, 'base64').toString('base64url')}` : id;
}

/**
 * The same history sent to another provider (a fallback, a router's choice) without the signatures:
 * OpenAI takes tool-call ids of at most 40 characters, Bedrock 64.
 */
export function withoutThoughtSignatures(request: ChatRequest): ChatRequest {
  const plain = (id: string | undefined) => (id && id.includes(SIGNATURE_MARK) ? id.slice(0, id.indexOf(SIGNATURE_MARK)) : id);
  if (!request.messages.some((m) => m.tool_call_id?.includes(SIGNATURE_MARK) || m.tool_calls?.some((c) => c.id.includes(SIGNATURE_MARK)))) return request;
  return {
    ...request,
    messages: request.messages.map((m) => ({
      ...m,
      ...(m.tool_call_id ? { tool_call_id: plain(m.tool_call_id) } : {}),
      ...(m.tool_calls ? { tool_calls: m.tool_calls.map((c) => ({ ...c, id: plain(c.id)! })) } : {}),
    })),
  };
}

/**
 * Gemini 3 refuses a function call of the current turn without a signature ("Function call is missing a
 * thought_signature"). A call it did not make (another provider's, before a fallback or a router's choice, or a
 * client's own) has none: the first call of such a step carries Google's sentinel that skips the check, where Gemini
 * puts its own (on the first of parallel calls). Gemini 2.5 and before check nothing.
 */
const SKIP_SIGNATURE = 'skip_thought_signature_validator';
const CHECKS_SIGNATURES = /gemini-(?:[3-9]|\d{2,})/i;

function signatureOf(id: string): string | undefined {
  const at = id.indexOf(SIGNATURE_MARK);
  return at < 0 ? undefined : Buffer.from(id.slice(at + SIGNATURE_MARK.length), 'base64url').toString('base64');
}

/** Keywords of Gemini's OpenAPI subset; others ("additionalProperties", "$schema", "default") are refused. */
const SCHEMA_KEYS = new Set([
  'type', 'format', 'description', 'nullable', 'enum', 'items', 'properties', 'required', 'minItems', 'maxItems',
  'minimum', 'maximum', 'anyOf', 'title', 'minLength', 'maxLength', 'pattern', 'minProperties', 'maxProperties', 'propertyOrdering',
]);
/** Gemini refuses other formats ("only 'enum' and 'date-time' are supported for STRING type"). */
const FORMATS = new Set(['enum', 'date-time', 'float', 'double', 'int32', 'int64']);
/** A schema is expanded to at most this many nodes: `$ref`s inlined side by side could otherwise grow without bound. */
const MAX_SCHEMA_NODES = 2000;

interface SchemaWalk {
  defs: Record<string, unknown>;
  /** The `$ref`s being inlined on the way here: one met again is a cycle. */
  refs: string[];
  nodes: number;
}

/**
 * A tool's JSON Schema as Gemini's function declarations accept it: `$ref`s inlined from `$defs`
 * (a cycle, or a schema past 2,000 nodes, ends in `{}`), `oneOf` as `anyOf`, `allOf` merged under
 * the schema's own keys, `const` and enums as string enums (Gemini has no others; `null` among them
 * makes it nullable), type lists as `nullable`, unknown keywords and formats left out.
 */
export function geminiSchema(schema: unknown): unknown {
  const source = schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as Record<string, unknown>) : {};
  const defs = { ...(source.definitions as object), ...(source.$defs as object) } as Record<string, unknown>;
  return convertSchema(schema, { defs, refs: [], nodes: 0 });
}

function convertSchema(schema: unknown, walk: SchemaWalk): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convertSchema(s, walk));
  if (!schema || typeof schema !== 'object') return schema;
  if (++walk.nodes > MAX_SCHEMA_NODES) return {};
  const source = schema as Record<string, unknown>;
  if (typeof source.$ref === 'string') {
    const name = source.$ref.replace(/^#\/(?:\$defs|definitions)\//, '');
    if (!Object.hasOwn(walk.defs, name) || walk.refs.includes(name)) return {};
    walk.refs.push(name);
    const inlined = convertSchema(walk.defs[name], walk) as Record<string, unknown>;
    walk.refs.pop();
    return typeof source.description === 'string' ? { ...inlined, description: source.description } : inlined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'const') {
      if (typeof value === 'string') Object.assign(out, { type: 'string', enum: [value] });
    } else if (key === 'enum') {
      const strings = Array.isArray(value) ? value.filter((v) => v !== null) : [];
      if (strings.length > 0 && strings.every((v) => typeof v === 'string')) Object.assign(out, { type: 'string', enum: strings });
      if (Array.isArray(value) && value.includes(null)) out.nullable = true;
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      out.type ??= types[0] ?? 'string';
      if (types.length < value.length) out.nullable = true;
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, convertSchema(sub, walk)]));
    } else if (key === 'oneOf' || key === 'anyOf') {
      out.anyOf = convertSchema(value, walk);
    } else if (key === 'items') {
      out.items = convertSchema(value, walk);
    } else if (key === 'format') {
      if (typeof value === 'string' && FORMATS.has(value)) out.format = value;
    } else if (key === 'type') {
      out.type ??= value;
    } else if (SCHEMA_KEYS.has(key)) out[key] = value;
  }
  // allOf's parts fill in what the schema does not say itself; properties and required add up.
  for (const part of Array.isArray(source.allOf) ? source.allOf : []) {
    const merged = convertSchema(part, walk) as Record<string, unknown>;
    for (const [key, value] of Object.entries(merged)) {
      if (key === 'properties') out.properties = { ...(value as object), ...(out.properties as object) };
      else if (key === 'required') out.required = [...new Set([...((out.required as string[]) ?? []), ...(value as string[])])];
      else out[key] ??= value;
    }
  }
  return out;
}

/** Gemini needs a file's MIME type; a URL only says it by its extension. */
function mimeTypeOf(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', pdf: 'application/pdf' };
  return (ext && known[ext]) || 'image/jpeg';
}

function imagePart(part: ImagePart): Part {
  const url = part.image_url.url;
  const inline = parseDataUrl(url);
  return inline ? { inlineData: { mimeType: inline.mediaType, data: inline.data } } : { fileData: { mimeType: mimeTypeOf(url), fileUri: url } };
}

/** OpenAI's tool_choice as Gemini's functionCallingConfig. */
function functionCalling(choice: unknown): Record<string, unknown> | undefined {
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  const named = namedToolChoice(choice);
  return named ? { mode: 'ANY', allowedFunctionNames: [named] } : undefined;
}

function parts(message: ChatMessage, toolNames: Map<string, string>, checksSignatures: boolean): Part[] {
  // A legacy function's result is named as Gemini's are: no call id needed.
  if (message.role === 'tool' || message.role === 'function') {
    const name = toolNames.get(message.tool_call_id ?? '') ?? message.name ?? 'tool';
    // A functionResponse carries no image (before Gemini 3's own parts): a result's images follow it in the same turn.
    const images = Array.isArray(message.content) ? message.content.filter(isImagePart).map(imagePart) : [];
    return [{ functionResponse: { name, response: { content: contentText(message.content) } } }, ...images];
  }
  const out: Part[] = [];
  if (typeof message.content === 'string') {
    if (message.content) out.push({ text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (isTextPart(part)) {
        if (part.text) out.push({ text: part.text }); // an empty text block is refused ("blank text")
      } else if (isImagePart(part)) {
        out.push(imagePart(part));
      } else if (isFilePart(part)) {
        // Gemini reads documents and recordings inline, as it reads images.
        const file = inlineFile(part, 'Gemini');
        out.push({ inlineData: { mimeType: file.mediaType, data: file.data } });
      }
    }
  }
  const calls = message.tool_calls ?? [];
  const unsigned = checksSignatures && !calls.some((call) => signatureOf(call.id));
  for (const [i, call] of calls.entries()) {
    toolNames.set(call.id, call.function.name);
    const signature = signatureOf(call.id) ?? (unsigned && i === 0 ? SKIP_SIGNATURE : undefined);
    out.push({ functionCall: { name: call.function.name, args: parseArguments(call.function.arguments) }, ...(signature ? { thoughtSignature: signature } : {}) });
  }
  return out;
}

export function geminiRequest(target: TargetSpec, request: ChatRequest): Record<string, unknown> {
  const toolNames = new Map<string, string>();
  const checksSignatures = CHECKS_SIGNATURES.test(target.model);
  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer');
  // One content per turn: parallel tool results must come together, as many responses as calls.
  const contents: Array<{ role: string; parts: Part[] }> = [];
  for (const m of request.messages) {
    if (m.role === 'system' || m.role === 'developer') continue;
    const role = m.role === 'assistant' ? 'model' : 'user';
    const turn = parts(m, toolNames, checksSignatures);
    // An empty turn (an interrupted answer, an empty message) is left out: Gemini refuses empty parts, and the turns
    // beside it, of one role then, merge.
    if (turn.length === 0 && isEmptyTurn(m, request.messages)) continue;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts.push(...turn);
    else contents.push({ role, parts: turn });
  }
  const generationConfig: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? target.options.maxTokens;
  if (maxTokens !== undefined) generationConfig.maxOutputTokens = maxTokens;
  const temperature = request.temperature ?? target.options.temperature;
  if (temperature !== undefined) generationConfig.temperature = temperature;
  if (request.top_p !== undefined) generationConfig.topP = request.top_p;
  if (request.stop !== undefined) generationConfig.stopSequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.seed != null) generationConfig.seed = request.seed;
  if (request.frequency_penalty != null) generationConfig.frequencyPenalty = request.frequency_penalty;
  if (request.presence_penalty != null) generationConfig.presencePenalty = request.presence_penalty;
  if (request.response_format?.type === 'json_object' || request.response_format?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
    const schema = (request.response_format as { json_schema?: { schema?: unknown } }).json_schema?.schema;
    if (schema) generationConfig.responseSchema = geminiSchema(schema);
  }
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system.map((m) => ({ text: contentText(m.content) })) };
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (request.tools) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((t) => ({
          name: t.function.name,
          description: t.function.description,
          ...(t.function.parameters ? { parameters: geminiSchema(t.function.parameters) } : {}),
        })),
      },
    ];
    const calling = functionCalling(request.tool_choice);
    if (calling) body.toolConfig = { functionCallingConfig: calling };
  }
  return body;
}

interface Candidate {
  content?: { parts?: Part[] };
  finishReason?: string;
}

/** Thinking tokens are billed as output but counted apart (`thoughtsTokenCount`). */
function geminiUsage(meta: Record<string, number> | undefined): Usage | undefined {
  if (!meta) return undefined;
  const thoughts = meta.thoughtsTokenCount ?? 0;
  return makeUsage(meta.promptTokenCount ?? 0, (meta.candidatesTokenCount ?? 0) + thoughts, meta.cachedContentTokenCount, thoughts);
}

function toolCallsOf(candidate: Candidate | undefined): ToolCall[] {
  return (candidate?.content?.parts ?? [])
    .filter((p) => p.functionCall)
    .map((p) => {
      const call = p.functionCall as { name: string; args?: unknown };
      return { id: toolCallId(p.thoughtSignature), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) } };
    });
}

function textOf(candidate: Candidate | undefined): string {
  return (candidate?.content?.parts ?? []).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
}

class GeminiStream implements StreamTranslator {
  done = false;
  usage: Usage | undefined;
  private started = false;
  private tools = 0;

  constructor(private readonly id: string, private readonly model: string) {}

  push(event: StreamEvent): ChatChunk[] {
    const data = JSON.parse(event.data) as { candidates?: Candidate[]; usageMetadata?: Record<string, number>; error?: unknown; promptFeedback?: { blockReason?: string } };
    if (data.error) {
      const code = (data.error as { code?: unknown }).code;
      throw new ProviderStreamError(providerErrorMessage(500, data), typeof code === 'number' && code >= 400 ? code : 500);
    }
    const candidate = data.candidates?.[0];
    const out: ChatChunk[] = [];
    const base = chunkBase(this.id, this.model);
    if (!this.started) {
      this.started = true;
      out.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    }
    const text = textOf(candidate);
    if (text) out.push({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
    const calls = toolCallsOf(candidate);
    calls.forEach((call, i) =>
      out.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: this.tools + i, ...call }] }, finish_reason: null }] }),
    );
    this.tools += calls.length;
    this.usage = geminiUsage(data.usageMetadata) ?? this.usage;
    // A blocked prompt has no candidate at all, only the reason.
    const blocked = !candidate && data.promptFeedback?.blockReason;
    if (candidate?.finishReason || blocked) {
      this.done = true;
      const finish = blocked ? 'content_filter' : this.tools > 0 ? 'tool_calls' : FINISH[candidate!.finishReason!] ?? BROKE_OFF;
      out.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
    }
    return out;
  }
}

export const gemini: Provider = {
  name: 'gemini',
  chat(target, request, stream) {
    const base = (target.upstreamUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/+$/, '');
    const method = stream ? 'streamGenerateContent' : 'generateContent';
    let url = `${base}/v1beta/models/${encodeURIComponent(target.model)}:${method}`;
    if (stream) url = withQuery(url, { alt: 'sse' });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.authHeader) headers[target.authHeader.name] = target.authHeader.value;
    else if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
    return { url, headers, body: geminiRequest(target, request) };
  },
  parseChat(raw, target): ChatResponse {
    const body = raw as { candidates?: Candidate[]; usageMetadata?: Record<string, number>; modelVersion?: string; promptFeedback?: { blockReason?: string } };
    const candidate = body.candidates?.[0];
    const blocked = !candidate && body.promptFeedback?.blockReason;
    if (!Array.isArray(body.candidates) && !blocked) throw new NotAnAnswer('no candidates');
    const toolCalls = toolCallsOf(candidate);
    const text = textOf(candidate);
    const finish = blocked ? 'content_filter' : toolCalls.length > 0 ? 'tool_calls' : FINISH[candidate?.finishReason ?? 'STOP'] ?? BROKE_OFF;
    return chatCompletion(`chatcmpl-${Date.now().toString(36)}`, body.modelVersion ?? target.model, text, toolCalls, finish, geminiUsage(body.usageMetadata));
  },
  streamTranslator(target, id) {
    return new GeminiStream(id, target.model);
  },
  errorMessage: providerErrorMessage,
  // Google answers a wrong API key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
  keyRefused(status, body) {
    const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
    return status === 400 && Array.isArray(details) && details.some((d) => (d as { reason?: unknown } | null)?.reason === 'API_KEY_INVALID');
  },
};
