import { createHash } from 'node:crypto';
import { providerErrorMessage } from './error-message';
import { isTextPart, type ChatChunk, type ChatMessage, type ChatRequest, type ChatResponse, type Usage } from './openai-types';
import { NotAnAnswer, ProviderStreamError, type Provider, type ProviderName, type StreamEvent, type StreamTranslator, type TargetSpec, type UpstreamCall } from './types';
import { endpoint, withQuery } from './urls';

/**
 * The OpenAI wire format, spoken natively by OpenAI, Azure OpenAI, Mistral,
 * Ollama's /v1 API and every OpenAI-compatible server (vLLM, Groq, Together,
 * DeepSeek, OpenRouter…). They differ only in URL and authentication.
 */
interface Dialect {
  defaultBase?: string;
  url(target: TargetSpec, path: '/v1/chat/completions' | '/v1/completions' | '/v1/embeddings'): string;
  auth(target: TargetSpec): Record<string, string>;
  /** Where the dialect departs from OpenAI's chat parameters. */
  adjust?(body: ChatRequest): void;
  /** Whether the target takes `stream_options`, where a stream asks for its usage (all but the dialects that say no). */
  streamOptions?(target: TargetSpec): boolean;
}

/** OpenAI's reasoning models refuse `max_tokens` ("use max_completion_tokens") and any temperature but the default (gpt-5-chat is not one). */
const REASONING_MODEL = /^(?:o\d|gpt-5)(?![a-z])(?!.*-chat)/i;

function reasoningParameters(body: ChatRequest): void {
  if (!REASONING_MODEL.test(String(body.model ?? ''))) return;
  if (body.max_tokens != null && body.max_completion_tokens == null) body.max_completion_tokens = body.max_tokens;
  delete body.max_tokens;
}

/**
 * Mistral refuses fields it does not know (422 extra_forbidden): `stream_options` (see its dialect) and
 * `max_completion_tokens`; its seed is `random_seed`.
 */
function mistralParameters(body: ChatRequest): void {
  const raw = body as Record<string, unknown>;
  if (raw.max_completion_tokens != null && raw.max_tokens == null) raw.max_tokens = raw.max_completion_tokens;
  delete raw.max_completion_tokens;
  if (raw.seed != null && raw.random_seed == null) raw.random_seed = raw.seed;
  delete raw.seed;
  body.messages = body.messages.map(mistralMessage);
}

/**
 * A history message as Mistral takes it: tool-call ids its way, and without the fields and roles its schema refuses
 * (422): reasoning fields (reasoning_content is what this gateway makes of Magistral's own thinking parts), a `name`
 * on any message but a tool result, and the `developer` role, which is OpenAI's system message.
 */
function mistralMessage(message: ChatMessage): ChatMessage {
  const { reasoning_content: _content, reasoning_details: _details, ...out } = message as ChatMessage & Record<string, unknown>;
  if (out.role === 'developer') out.role = 'system';
  if (out.role !== 'tool') delete out.name;
  if (out.tool_calls) out.tool_calls = out.tool_calls.map((c) => ({ ...c, id: mistralToolCallId(c.id) }));
  if (out.tool_call_id !== undefined) out.tool_call_id = mistralToolCallId(out.tool_call_id);
  return out;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Mistral takes tool-call ids of exactly nine letters and digits ("must be a-z, A-Z, 0-9, with a length of 9"); a
 * history whose calls another provider made ("call_…", "toolu_…") gets ids derived from them, the same for a call
 * and its result.
 */
function mistralToolCallId(id: string): string {
  if (/^[A-Za-z0-9]{9}$/.test(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  let out = '';
  for (let i = 0; i < 9; i++) out += BASE62[digest[i]! % 62];
  return out;
}

function bearer(target: TargetSpec): Record<string, string> {
  if (target.authHeader) return { [target.authHeader.name]: target.authHeader.value };
  return target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
}

function baseDialect(defaultBase: string | undefined, adjust?: Dialect['adjust']): Dialect {
  return {
    defaultBase,
    adjust,
    url(target, path) {
      const base = target.upstreamUrl ?? defaultBase;
      if (!base) throw new Error(`target '${target.name}' needs an upstream_url`);
      return endpoint(base, path, path.slice(3));
    },
    auth: bearer,
  };
}

/** Where a target names none: the first that serves every current model (o-series and gpt-5 refuse older ones). */
const AZURE_API_VERSION = '2025-04-01-preview';

/**
 * The first api-version that takes `stream_options` (2024-09-01-preview; GA from 2024-10-21): older ones refuse it
 * with a 400 ("Unrecognized request argument supplied"), and their streams' usage is estimated.
 */
const AZURE_STREAM_OPTIONS_SINCE = '2024-09-01';

const azureApiVersion = (target: TargetSpec): string => target.options.azureApiVersion ?? AZURE_API_VERSION;

const azure: Dialect = {
  adjust: reasoningParameters,
  streamOptions(target) {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(azureApiVersion(target))?.[0];
    return date === undefined || date >= AZURE_STREAM_OPTIONS_SINCE;
  },
  url(target, path) {
    const deployment = target.options.azureDeploymentId ?? target.model;
    const base = target.upstreamUrl ?? `https://${target.options.azureInstance}.openai.azure.com`;
    if (!target.upstreamUrl && !target.options.azureInstance) throw new Error(`target '${target.name}' needs azure_instance or upstream_url`);
    const url = `${base.replace(/\/+$/, '')}/openai/deployments/${encodeURIComponent(deployment)}${path.slice(3)}`;
    return withQuery(url, { 'api-version': azureApiVersion(target) });
  },
  auth(target) {
    if (target.authHeader) return { [target.authHeader.name]: target.authHeader.value };
    return target.apiKey ? { 'api-key': target.apiKey } : {};
  },
};

const DIALECTS: Record<string, Dialect> = {
  openai: baseDialect('https://api.openai.com', reasoningParameters),
  // Mistral reports a stream's usage in its last chunk unasked, and refuses stream_options.
  mistral: { ...baseDialect('https://api.mistral.ai', mistralParameters), streamOptions: () => false },
  ollama: baseDialect('http://127.0.0.1:11434'),
  'openai-compatible': baseDialect(undefined),
  azure,
};

/** A stream asks for the provider's usage (include_usage) where the target takes stream_options; nothing else does. */
function streamUsage(dialect: Dialect, target: TargetSpec, body: Record<string, unknown>, stream: boolean): void {
  if (stream && (dialect.streamOptions?.(target) ?? true)) body.stream_options = { ...(body.stream_options ?? {}), include_usage: true };
  else delete body.stream_options;
}

function call(dialect: Dialect, target: TargetSpec, path: Parameters<Dialect['url']>[1], body: unknown): UpstreamCall {
  return { url: dialect.url(target, path), headers: { 'content-type': 'application/json', ...dialect.auth(target) }, body };
}

/** The words of answer parts: text parts, and the parts a `thinking` part holds in turn. */
function partsText(parts: unknown[], kind: 'text' | 'thinking'): string {
  let out = '';
  for (const part of parts) {
    if (kind === 'text' && typeof part === 'string') out += part;
    else if (kind === 'text' && isTextPart(part)) out += part.text;
    else if (kind === 'thinking' && (part as { type?: unknown } | null)?.type === 'thinking') {
      const thinking = (part as { thinking?: unknown }).thinking;
      out += typeof thinking === 'string' ? thinking : Array.isArray(thinking) ? partsText(thinking, 'text') : '';
    }
  }
  return out;
}

/**
 * An answer (a message or a delta) whose content is parts, as Mistral's reasoning models write it (`text`, and
 * `thinking` holding parts of its own), in OpenAI's form: content a string, reasoning beside it. Clients of this
 * gateway read OpenAI's form, and the answer's words then pass the same transforms as any other's (placeholders
 * put back, the output scanned).
 */
function flattenContent(answer: Record<string, unknown> | undefined, whole: boolean): void {
  if (!answer || !Array.isArray(answer.content)) return;
  const parts = answer.content as unknown[];
  const text = partsText(parts, 'text');
  const thinking = partsText(parts, 'thinking');
  if (text || whole) answer.content = text || null;
  else delete answer.content;
  if (thinking) answer.reasoning_content = (typeof answer.reasoning_content === 'string' ? answer.reasoning_content : '') + thinking;
}

/** What the numbering of index-less tool calls knows of one call of a choice: its name and the arguments streamed so far. */
interface StreamedCall {
  name?: string;
  args: string;
}

/** The tool calls of one choice, by index, and the ids seen for them. */
interface ChoiceCalls {
  calls: StreamedCall[];
  ids: Map<string, number>;
}

/**
 * Whether a call's arguments so far are a whole JSON value (a call that is done). Arguments are JSON objects in
 * practice: ones that open with a bracket are parsed only once they end with one, so that a long argument
 * streamed in small pieces is not parsed again at each piece.
 */
function wholeJson(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (/^[[{]/.test(trimmed) && !/[\]}]$/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

class OpenAIStream implements StreamTranslator {
  done = false;
  usage: Usage | undefined;
  /** The tool calls of each choice (by the choice's index), for numbering those streamed without their own index. */
  private readonly choiceCalls = new Map<number, ChoiceCalls>();

  /**
   * Tool calls some servers stream without their `index` (Gemini's OpenAI endpoint and older Ollama send each call
   * whole, with its id and name, in one delta; others spread a call over deltas that repeat its name, or bear a new
   * id each time), which OpenAI's SDKs and the AI SDK need (and the bridge reads to keep calls apart): numbered in
   * order, from 0 in each choice, as OpenAI numbers them. A delta without an index goes on with a call when:
   * - it bears the id of that call, and no name or that call's name (another name is another call, whatever its id);
   * - it bears a new id and no name, and the last call's arguments are not yet a whole JSON value;
   * - it bears no id and no name (the last call), or the last call's name while its arguments are not yet whole.
   * Any other delta starts the next call. Deltas that bear their index (OpenAI's own) pass as they came.
   */
  private numberCalls(choice: number, deltas: Array<Record<string, unknown>> | undefined): void {
    if (!Array.isArray(deltas) || deltas.length === 0) return;
    let state = this.choiceCalls.get(choice);
    if (!state) this.choiceCalls.set(choice, (state = { calls: [], ids: new Map() }));
    const { calls, ids } = state;
    for (const delta of deltas) {
      if (!delta || typeof delta !== 'object') continue;
      const fn = delta.function as { name?: unknown; arguments?: unknown } | undefined;
      const id = typeof delta.id === 'string' && delta.id ? delta.id : undefined;
      const name = typeof fn?.name === 'string' && fn.name ? fn.name : undefined;
      let index: number;
      if (typeof delta.index === 'number') {
        // Kept in mind only where it follows on (a stream that numbers some calls and not others), never as a gap.
        if (!Number.isInteger(delta.index) || delta.index < 0 || delta.index > calls.length) continue;
        index = delta.index;
      } else {
        const known = id === undefined ? undefined : ids.get(id);
        const last = calls.length - 1;
        let goesOn: number | undefined;
        if (known !== undefined) {
          const named = calls[known]!.name;
          if (name === undefined || named === undefined || name === named) goesOn = known;
        } else if (last >= 0 && name === undefined) {
          if (id === undefined || !wholeJson(calls[last]!.args)) goesOn = last;
        } else if (last >= 0 && id === undefined && name === calls[last]!.name && !wholeJson(calls[last]!.args)) {
          goesOn = last;
        }
        index = goesOn ?? calls.length;
        delta.index = index;
      }
      if (index === calls.length) calls.push({ args: '' });
      const call = calls[index]!;
      call.name ??= name;
      if (typeof fn?.arguments === 'string') call.args += fn.arguments;
      // An id goes with the last call that bore it (two calls sharing one: the later one).
      if (id !== undefined) ids.set(id, index);
    }
  }

  push(event: StreamEvent): ChatChunk[] {
    if (event.data.trim() === '[DONE]') {
      this.done = true;
      return [];
    }
    const chunk = JSON.parse(event.data) as ChatChunk & { error?: unknown };
    if (chunk.error) throw new ProviderStreamError(providerErrorMessage(500, chunk));
    if (chunk.usage) this.usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) chunk.choices = [];
    chunk.choices.forEach((choice, position) => {
      // Azure's asynchronous content filter sends choices with annotations and no delta, after the finish too.
      choice.delta ??= {};
      flattenContent(choice.delta as Record<string, unknown>, false);
      const index = typeof choice.index === 'number' ? choice.index : position;
      this.numberCalls(index, choice.delta.tool_calls as Array<Record<string, unknown>> | undefined);
    });
    return [chunk];
  }
}

export function openAIFamily(name: ProviderName): Provider {
  const dialect = DIALECTS[name];
  return {
    name,
    chat(target: TargetSpec, request: ChatRequest, stream: boolean) {
      const body: ChatRequest = { ...request, model: target.model, stream };
      if (target.options.maxTokens !== undefined && body.max_tokens === undefined && body.max_completion_tokens === undefined) {
        body.max_tokens = target.options.maxTokens;
      }
      const reasoning = REASONING_MODEL.test(target.model);
      if (target.options.temperature !== undefined && body.temperature === undefined && !reasoning) body.temperature = target.options.temperature;
      streamUsage(dialect, target, body, stream);
      dialect.adjust?.(body);
      if (name === 'azure') delete body.model;
      return call(dialect, target, '/v1/chat/completions', body);
    },
    parseChat(body) {
      const chat = body as ChatResponse;
      if (!Array.isArray(chat.choices)) throw new NotAnAnswer('no choices');
      for (const choice of chat.choices) flattenContent(choice?.message as unknown as Record<string, unknown> | undefined, true);
      return chat;
    },
    streamTranslator() {
      return new OpenAIStream();
    },
    completions(target, request) {
      const body = { ...request, model: target.model };
      streamUsage(dialect, target, body, request.stream === true);
      return call(dialect, target, '/v1/completions', body);
    },
    embeddings(target, request) {
      return call(dialect, target, '/v1/embeddings', { ...request, model: target.model });
    },
    errorMessage: providerErrorMessage,
  };
}
