import { providerErrorMessage } from './error-message';
import { inlineFile, isFilePart, legacyFunctionResult, unreadableFile, type InlineFile } from './file-parts';
import { JSON_TOOL, jsonModeFinish, jsonModeTool } from './json-mode';
import { namedToolChoice, contentText, isEmptyTurn, isImagePart, isTextPart, makeUsage, toolResultBlocks, type ChatChunk, type ImagePart, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from './openai-types';
import { chatCompletion, chunkBase, parseArguments, parseDataUrl } from './tool-args';
import { NotAnAnswer, ProviderStreamError, type Provider, type StreamEvent, type StreamTranslator, type TargetSpec } from './types';
import { endpoint } from './urls';

/** Anthropic's Messages API (`POST /v1/messages`), translated to and from OpenAI chat. */
type Block = Record<string, unknown>;

const STOP_REASONS: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  model_context_window_exceeded: 'length',
  // A long turn of server tools paused, to be continued: not an ended answer (nor one to cache).
  pause_turn: 'error',
};

function blocks(message: ChatMessage): Block[] {
  const out: Block[] = [];
  if (typeof message.content === 'string') {
    if (message.content) out.push({ type: 'text', text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (isTextPart(part)) {
        if (part.text) out.push({ type: 'text', text: part.text }); // Claude refuses empty text blocks
      } else if (isImagePart(part)) {
        out.push(imageBlock(part));
      } else if (isFilePart(part)) {
        out.push(documentBlock(inlineFile(part, 'Anthropic')));
      }
    }
  }
  for (const call of message.tool_calls ?? []) {
    out.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
  }
  return out;
}

function imageBlock(part: ImagePart): Block {
  const url = part.image_url.url;
  const inline = parseDataUrl(url);
  return { type: 'image', source: inline ? { type: 'base64', media_type: inline.mediaType, data: inline.data } : { type: 'url', url } };
}

/** A tool's result: its words, or, when it holds images, text and image blocks (which tool_result takes). */
function toolResult(message: ChatMessage): Block {
  const content = toolResultBlocks(message.content, imageBlock, (text): Block => ({ type: 'text', text })) ?? contentText(message.content);
  return { type: 'tool_result', tool_use_id: message.tool_call_id, content };
}

/** Claude reads PDFs and plain text as documents; no audio. */
function documentBlock(file: InlineFile): Block {
  if (file.mediaType === 'application/pdf') return { type: 'document', source: { type: 'base64', media_type: file.mediaType, data: file.data } };
  if (file.mediaType === 'text/plain') return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(file.data, 'base64').toString('utf8') } };
  throw unreadableFile('Anthropic', file.mediaType.startsWith('audio/') ? 'audio' : `a file of type ${file.mediaType}`);
}

function toolChoice(choice: unknown): Block | undefined {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  const named = namedToolChoice(choice);
  return named ? { type: 'tool', name: named } : undefined;
}

export function anthropicRequest(target: TargetSpec, request: ChatRequest, stream: boolean): Record<string, unknown> {
  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => contentText(m.content));
  const messages: Array<{ role: 'user' | 'assistant'; content: Block[] }> = [];
  for (const message of request.messages) {
    if (message.role === 'system' || message.role === 'developer') continue;
    if (message.role === 'function') throw legacyFunctionResult('Anthropic');
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const content = message.role === 'tool' ? [toolResult(message)] : blocks(message);
    // An empty turn (an interrupted answer, an empty message) but the last is left out: Claude refuses an empty content, and the
    // turns beside it, of one role then, merge.
    if (content.length === 0 && isEmptyTurn(message, request.messages)) continue;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else messages.push({ role, content });
  }
  const body: Record<string, unknown> = {
    model: target.model,
    messages,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? target.options.maxTokens ?? 4096,
    stream,
  };
  if (system.length > 0) body.system = system.join('\n\n');
  // Claude takes temperature 0–1 (OpenAI 0–2), and recent models refuse temperature and top_p together.
  // The target's default temperature yields to a top_p the client chose.
  const temperature = request.temperature ?? (request.top_p === undefined ? target.options.temperature : undefined);
  if (temperature !== undefined) body.temperature = Math.min(1, temperature);
  else if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.stop !== undefined) body.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.tools) {
    body.tools = request.tools.map((t) => ({
      name: t.function.name,
      description: t.function.description,
      input_schema: t.function.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const jsonTool = jsonModeTool(request);
  if (jsonTool) body.tools = [{ name: jsonTool.name, description: jsonTool.description, input_schema: jsonTool.schema }];
  let choice = jsonTool ? { type: 'tool', name: JSON_TOOL } : toolChoice(request.tool_choice);
  // parallel_tool_calls: false is Anthropic's disable_parallel_tool_use, on a tool_choice of its own.
  if ((request as { parallel_tool_calls?: unknown }).parallel_tool_calls === false && request.tools && choice?.type !== 'none') {
    choice = { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  if (choice) body.tool_choice = choice;
  return body;
}

/** message_delta's usage fields may be null: they must not overwrite message_start's counts. */
function definedOnly(usage: Record<string, number | null> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(usage ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
}

function anthropicUsage(raw: Record<string, any> | undefined, output?: number): Usage {
  const cached = raw?.cache_read_input_tokens ?? 0;
  const written = raw?.cache_creation_input_tokens ?? 0;
  const prompt = (raw?.input_tokens ?? 0) + cached + written;
  const usage = makeUsage(prompt, output ?? raw?.output_tokens ?? 0, cached, undefined, written);
  // Writes to the 1-hour cache are billed above the 5-minute cache's.
  const hour = raw?.cache_creation?.ephemeral_1h_input_tokens;
  if (typeof hour === 'number' && hour > 0 && usage.prompt_tokens_details) usage.prompt_tokens_details.cache_creation_1h_tokens = hour;
  return usage;
}

class AnthropicStream implements StreamTranslator {
  done = false;
  usage: Usage | undefined;
  private model: string;
  private promptUsage: Record<string, number> | undefined;
  private toolIndex = -1;
  private readonly toolByBlock = new Map<number, number>();
  /** Tool blocks whose input has had a character: a call without arguments streams none, and OpenAI's form is "{}". */
  private readonly argumentsSeen = new Set<number>();
  /** Content blocks that are the JSON-mode tool: their input streams as the answer's content. */
  private readonly jsonBlocks = new Set<number>();

  constructor(private readonly id: string, target: TargetSpec) {
    this.model = target.model;
  }

  private chunk(delta: ChatChunk['choices'][0]['delta'], finish: string | null = null): ChatChunk {
    return { ...chunkBase(this.id, this.model), choices: [{ index: 0, delta, finish_reason: finish }] };
  }

  push(event: StreamEvent): ChatChunk[] {
    const data = JSON.parse(event.data) as Record<string, any>;
    switch (data.type ?? event.event) {
      case 'message_start':
        this.model = data.message?.model ?? this.model;
        this.promptUsage = data.message?.usage;
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content_block_start':
        if (data.content_block?.type === 'tool_use' && data.content_block.name === JSON_TOOL) {
          this.jsonBlocks.add(data.index);
          return [];
        }
        if (data.content_block?.type === 'tool_use') {
          this.toolIndex++;
          this.toolByBlock.set(data.index, this.toolIndex);
          return [
            this.chunk({
              tool_calls: [{ index: this.toolIndex, id: data.content_block.id, type: 'function', function: { name: data.content_block.name, arguments: '' } }],
            }),
          ];
        }
        return [];
      case 'content_block_delta':
        if (data.delta?.type === 'text_delta') return [this.chunk({ content: data.delta.text })];
        if (data.delta?.type === 'input_json_delta' && this.jsonBlocks.has(data.index)) return [this.chunk({ content: data.delta.partial_json })];
        if (data.delta?.type === 'input_json_delta') {
          const index = this.toolByBlock.get(data.index) ?? 0;
          if (!data.delta.partial_json) return [];
          this.argumentsSeen.add(index);
          return [this.chunk({ tool_calls: [{ index, function: { arguments: data.delta.partial_json } as ToolCall['function'] }] })];
        }
        return [];
      case 'content_block_stop': {
        const index = this.toolByBlock.get(data.index);
        if (index === undefined || this.argumentsSeen.has(index)) return [];
        this.argumentsSeen.add(index);
        return [this.chunk({ tool_calls: [{ index, function: { arguments: '{}' } as ToolCall['function'] }] })];
      }
      case 'message_delta': {
        this.usage = anthropicUsage({ ...this.promptUsage, ...definedOnly(data.usage) }, data.usage?.output_tokens ?? undefined);
        const finish = STOP_REASONS[data.delta?.stop_reason] ?? 'stop';
        return [this.chunk({}, this.toolIndex < 0 && this.jsonBlocks.size > 0 ? jsonModeFinish(finish) : finish)];
      }
      case 'message_stop':
        this.done = true;
        return [];
      case 'error':
        throw new ProviderStreamError(providerErrorMessage(500, data), data.error?.type === 'rate_limit_error' ? 429 : 500);
      default:
        return [];
    }
  }
}

export const anthropic: Provider = {
  name: 'anthropic',
  chat(target, request, stream) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': target.options.anthropicVersion ?? '2023-06-01',
    };
    if (target.authHeader) headers[target.authHeader.name] = target.authHeader.value;
    else if (target.apiKey) headers['x-api-key'] = target.apiKey;
    return {
      url: endpoint(target.upstreamUrl ?? 'https://api.anthropic.com', '/v1/messages', '/messages'),
      headers,
      body: anthropicRequest(target, request, stream),
    };
  },
  parseChat(raw, target): ChatResponse {
    const body = raw as { id: string; model?: string; content: Block[]; stop_reason: string; usage: Record<string, number> };
    if (!Array.isArray(body.content)) throw new NotAnAnswer('no content');
    const json = body.content.find((b) => b.type === 'tool_use' && b.name === JSON_TOOL);
    const text = json ? JSON.stringify(json.input ?? {}) : body.content.filter((b) => b.type === 'text').map((b) => String(b.text)).join('');
    const toolCalls: ToolCall[] = body.content
      .filter((b) => b.type === 'tool_use' && b.name !== JSON_TOOL)
      .map((b) => ({ id: String(b.id), type: 'function', function: { name: String(b.name), arguments: JSON.stringify(b.input ?? {}) } }));
    const stopped = STOP_REASONS[body.stop_reason] ?? 'stop';
    const finish = json && toolCalls.length === 0 ? jsonModeFinish(stopped) : stopped;
    return chatCompletion(body.id, body.model ?? target.model, text, toolCalls, finish, anthropicUsage(body.usage));
  },
  streamTranslator(target, id) {
    return new AnthropicStream(id, target);
  },
  errorMessage: providerErrorMessage,
};
