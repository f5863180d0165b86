import { providerErrorMessage } from './error-message';
import { JSON_TOOL, jsonModeFinish, jsonModeTool } from './json-mode';
import { namedToolChoice, contentText, isEmptyTurn, isImagePart, isTextPart, makeUsage, toolResultBlocks, type ChatChunk, type ImagePart, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from './openai-types';
import { signV4 } from './sigv4';
import { awsErrorStatus } from './aws-eventstream';
import { chatCompletion, chunkBase, parseArguments, parseDataUrl } from './tool-args';
import { inlineFile, isFilePart, legacyFunctionResult, unreadableFile, type InlineFile } from './file-parts';
import { NotAnAnswer, ProviderStreamError, UnsupportedContent, type Provider, type StreamEvent, type StreamTranslator, type TargetSpec, type UpstreamCall } from './types';

/**
 * AWS Bedrock's Converse and ConverseStream APIs, signed with SigV4 (or a Bedrock
 * API key as a bearer token). ConverseStream answers in AWS's binary event stream;
 * the bridge decodes the frames and hands their events here.
 */
type Block = Record<string, unknown>;

const STOP: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
  // The model wrote what Bedrock could not read as an answer or a tool call: not an ended answer (nor one to cache).
  malformed_model_output: 'error',
  malformed_tool_use: 'error',
};

function blocks(message: ChatMessage): Block[] {
  if (message.role === 'function') throw legacyFunctionResult('Bedrock');
  if (message.role === 'tool') {
    // A result's images go in it as a user's do (Converse's toolResult takes image blocks).
    const content = toolResultBlocks(message.content, imageBlock, (text): Block => ({ text })) ?? [{ text: contentText(message.content) }];
    return [{ toolResult: { toolUseId: message.tool_call_id, content } }];
  }
  const out: Block[] = [];
  if (typeof message.content === 'string') {
    if (message.content) out.push({ text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (isTextPart(part)) {
        if (part.text) out.push({ text: part.text }); // an empty text block is refused ("blank text")
      } else if (isImagePart(part)) {
        out.push(imageBlock(part));
      } else if (isFilePart(part)) {
        out.push(documentBlock(inlineFile(part, 'Bedrock')));
      }
    }
  }
  for (const call of message.tool_calls ?? []) {
    out.push({ toolUse: { toolUseId: call.id, name: call.function.name, input: parseArguments(call.function.arguments) } });
  }
  return out;
}

function imageBlock(part: ImagePart): Block {
  const inline = parseDataUrl(part.image_url.url);
  // Converse takes image bytes only (or S3 locations): a web link cannot be passed on.
  if (!inline) throw new UnsupportedContent('Bedrock takes images only as base64 data: URLs, not as links.');
  return { image: { format: inline.mediaType.split('/')[1], source: { bytes: inline.data } } };
}

/** Converse's document formats by media type; no audio. */
const DOCUMENT_FORMATS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

function documentBlock(file: InlineFile): Block {
  const format = DOCUMENT_FORMATS[file.mediaType];
  if (!format) throw unreadableFile('Bedrock', file.mediaType.startsWith('audio/') ? 'audio' : `a file of type ${file.mediaType}`);
  // A document's name may hold letters, digits, single blanks, hyphens, brackets only.
  const name = (file.filename ?? 'document').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9 ()[\]-]+/g, ' ').replace(/ {2,}/g, ' ').trim() || 'document';
  return { document: { format, name, source: { bytes: file.data } } };
}

/**
 * Converse refuses two documents of one name in a request ("report" and "report (2)"), and a document without text
 * beside it: a message of documents alone gets their names as its text.
 */
function converseDocuments(messages: Array<{ content: Block[] }>): void {
  const used = new Set<string>();
  for (const block of messages.flatMap((m) => m.content)) {
    const document = block.document as { name: string } | undefined;
    if (!document) continue;
    let name = document.name;
    for (let n = 2; used.has(name); n++) name = `${document.name} (${n})`;
    used.add(name);
    document.name = name;
  }
  for (const message of messages) {
    const names = message.content.flatMap((block) => (block.document ? [(block.document as { name: string }).name] : []));
    if (names.length > 0 && !message.content.some((block) => typeof block.text === 'string')) message.content.unshift({ text: names.join(', ') });
  }
}

/** Models whose Converse API takes `toolChoice: { tool }`. */
const FORCED_TOOL_MODELS = /anthropic|claude|nova/i;

export function converseRequest(target: TargetSpec, request: ChatRequest): Record<string, unknown> {
  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => ({ text: contentText(m.content) }));
  const messages: Array<{ role: 'user' | 'assistant'; content: Block[] }> = [];
  for (const message of request.messages) {
    if (message.role === 'system' || message.role === 'developer') continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const content = blocks(message);
    // An empty turn (an interrupted answer, an empty message) is left out: Converse refuses an empty content, and the
    // turns beside it, of one role then, merge.
    if (content.length === 0 && isEmptyTurn(message, request.messages)) continue;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else messages.push({ role, content });
  }
  converseDocuments(messages);
  const inferenceConfig: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? target.options.maxTokens;
  if (maxTokens !== undefined) inferenceConfig.maxTokens = maxTokens;
  // Bedrock's models take temperature 0–1 (OpenAI 0–2); Claude refuses temperature and topP together.
  const temperature = request.temperature ?? (request.top_p === undefined ? target.options.temperature : undefined);
  if (temperature !== undefined) inferenceConfig.temperature = Math.min(1, temperature);
  if (request.top_p !== undefined && (temperature === undefined || !/anthropic|claude/i.test(target.model))) inferenceConfig.topP = request.top_p;
  if (request.stop !== undefined) inferenceConfig.stopSequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  const body: Record<string, unknown> = { messages };
  if (system.length > 0) body.system = system;
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  // JSON mode is a tool the model must call, which Converse forces only on Claude and Nova; another model would
  // answer free text, so the request goes to the next target rather than lose its format in silence.
  const jsonTool = jsonModeTool(request);
  if (jsonTool && !FORCED_TOOL_MODELS.test(target.model)) {
    throw new UnsupportedContent(`Bedrock cannot hold ${target.model} to response_format ${String(request.response_format?.type)} (only Claude and Nova take a forced tool).`);
  }
  if (jsonTool) {
    body.toolConfig = {
      tools: [{ toolSpec: { name: jsonTool.name, description: jsonTool.description, inputSchema: { json: jsonTool.schema } } }],
      toolChoice: { tool: { name: jsonTool.name } },
    };
    return body;
  }
  const specs = request.tools?.map((t) => ({ toolSpec: { name: t.function.name, description: t.function.description, inputSchema: { json: t.function.parameters ?? { type: 'object' } } } }));
  if (specs && request.tool_choice !== 'none') {
    const toolConfig: Record<string, unknown> = { tools: specs };
    const named = namedToolChoice(request.tool_choice);
    if (named) toolConfig.toolChoice = { tool: { name: named } };
    else if (request.tool_choice === 'required') toolConfig.toolChoice = { any: {} };
    body.toolConfig = toolConfig;
  } else {
    // Converse has no "none": the tools are withheld. But it refuses toolUse/toolResult blocks without a
    // toolConfig ("toolConfig field must be defined"), so a turn whose history used tools declares them.
    const used = [...new Set(request.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.function.name)))];
    if (used.length > 0) body.toolConfig = { tools: specs ?? used.map((name) => ({ toolSpec: { name, inputSchema: { json: { type: 'object' } } } })) };
  }
  return body;
}

function bedrockUsage(raw: Record<string, number> | undefined): Usage | undefined {
  if (!raw) return undefined;
  // Converse counts prompt-cache reads and writes apart from inputTokens, as Anthropic does.
  const read = raw.cacheReadInputTokens ?? 0;
  const written = raw.cacheWriteInputTokens ?? 0;
  return makeUsage((raw.inputTokens ?? 0) + read + written, raw.outputTokens ?? 0, read, undefined, written);
}

class ConverseStream implements StreamTranslator {
  done = false;
  usage: Usage | undefined;
  private stopped = false;
  private readonly toolIndex = new Map<number, number>();
  /** Tool blocks whose input has had a character: a call without arguments streams none, and OpenAI's form is "{}". */
  private readonly argumentsSeen = new Set<number>();
  /** Content blocks that are the JSON-mode tool: their input streams as the answer's content. */
  private readonly jsonBlocks = new Set<number>();

  constructor(private readonly id: string, private readonly model: string) {}

  private chunk(delta: ChatChunk['choices'][0]['delta'], finish: string | null = null): ChatChunk {
    return { ...chunkBase(this.id, this.model), choices: [{ index: 0, delta, finish_reason: finish }] };
  }

  push(event: StreamEvent): ChatChunk[] {
    const data = JSON.parse(event.data) as Record<string, any>;
    switch (event.event) {
      case 'messageStart':
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'contentBlockStart': {
        const tool = data.start?.toolUse;
        if (!tool) return [];
        if (tool.name === JSON_TOOL) {
          this.jsonBlocks.add(data.contentBlockIndex ?? 0);
          return [];
        }
        const index = this.toolIndex.size;
        this.toolIndex.set(data.contentBlockIndex ?? 0, index);
        return [this.chunk({ tool_calls: [{ index, id: tool.toolUseId, type: 'function', function: { name: tool.name, arguments: '' } }] })];
      }
      case 'contentBlockDelta':
        if (typeof data.delta?.text === 'string') return [this.chunk({ content: data.delta.text })];
        if (data.delta?.toolUse && this.jsonBlocks.has(data.contentBlockIndex ?? 0)) return [this.chunk({ content: data.delta.toolUse.input ?? '' })];
        if (data.delta?.toolUse) {
          const index = this.toolIndex.get(data.contentBlockIndex ?? 0) ?? 0;
          if (!data.delta.toolUse.input) return [];
          this.argumentsSeen.add(index);
          return [this.chunk({ tool_calls: [{ index, function: { arguments: data.delta.toolUse.input } as ToolCall['function'] }] })];
        }
        return [];
      case 'contentBlockStop': {
        const index = this.toolIndex.get(data.contentBlockIndex ?? 0);
        if (index === undefined || this.argumentsSeen.has(index)) return [];
        this.argumentsSeen.add(index);
        return [this.chunk({ tool_calls: [{ index, function: { arguments: '{}' } as ToolCall['function'] }] })];
      }
      case 'messageStop': {
        this.stopped = true;
        const finish = STOP[data.stopReason] ?? 'error';
        return [this.chunk({}, this.toolIndex.size === 0 && this.jsonBlocks.size > 0 ? jsonModeFinish(finish) : finish)];
      }
      case 'metadata':
        this.usage = bedrockUsage(data.usage);
        this.done = this.stopped;
        return [];
      default:
        if (event.event && /Exception$/.test(event.event)) throw new ProviderStreamError(`${event.event}: ${providerErrorMessage(500, data)}`, awsErrorStatus(event.event));
        return [];
    }
  }
}

export const bedrock: Provider = {
  name: 'bedrock',
  streamFraming: 'aws-eventstream',
  chat(target, request, stream): UpstreamCall {
    const region = target.options.awsRegion ?? process.env.AWS_REGION ?? 'us-east-1';
    const base = (target.upstreamUrl ?? `https://bedrock-runtime.${region}.amazonaws.com`).replace(/\/+$/, '');
    const url = `${base}/model/${encodeURIComponent(target.model)}/${stream ? 'converse-stream' : 'converse'}`;
    const body = converseRequest(target, request);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json' };
    if (target.awsCredentials) {
      return { url, body, headers: signV4({ method: 'POST', url, headers, body: JSON.stringify(body) }, target.awsCredentials, region, 'bedrock') };
    }
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    return { url, headers, body };
  },
  parseChat(raw, target): ChatResponse {
    const body = raw as { output?: { message?: { content?: Block[] } }; stopReason?: string; usage?: Record<string, number> };
    if (body.output?.message === null || typeof body.output?.message !== 'object') throw new NotAnAnswer('no output message');
    const content = body.output.message.content ?? [];
    const json = content.find((b) => (b.toolUse as { name?: string } | undefined)?.name === JSON_TOOL)?.toolUse as { input?: unknown } | undefined;
    const text = json ? JSON.stringify(json.input ?? {}) : content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('');
    const toolCalls: ToolCall[] = content
      .filter((b) => b.toolUse && (b.toolUse as { name?: string }).name !== JSON_TOOL)
      .map((b) => {
        const use = b.toolUse as { toolUseId: string; name: string; input?: unknown };
        return { id: use.toolUseId, type: 'function', function: { name: use.name, arguments: JSON.stringify(use.input ?? {}) } };
      });
    const stopped = STOP[body.stopReason ?? 'end_turn'] ?? 'error';
    const finish = json && toolCalls.length === 0 ? jsonModeFinish(stopped) : stopped;
    return chatCompletion(`chatcmpl-${Date.now().toString(36)}`, target.model, text, toolCalls, finish, bedrockUsage(body.usage));
  },
  streamTranslator(target, id) {
    return new ConverseStream(id, target.model);
  },
  errorMessage: providerErrorMessage,
};
