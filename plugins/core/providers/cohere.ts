import { providerErrorMessage } from './error-message';
import { isFilePart, unreadableFile } from './file-parts';
import { namedToolChoice, contentText, isTextPart, makeUsage, type ChatChunk, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from './openai-types';
import { chatCompletion, chunkBase } from './tool-args';
import { NotAnAnswer, type Provider, type StreamEvent, type StreamTranslator, type TargetSpec } from './types';
import { endpoint } from './urls';

/** Cohere's v2 Chat API (`POST /v2/chat`), close to OpenAI's, translated both ways. */
const FINISH: Record<string, string> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  // The answer broke off: never reported (nor cached) as one that ended.
  ERROR: 'error',
  TIMEOUT: 'error',
};

function cohereMessage(message: ChatMessage): Record<string, unknown> {
  const role = message.role === 'developer' ? 'system' : message.role === 'function' ? 'tool' : message.role;
  if (Array.isArray(message.content) && message.content.some(isFilePart)) throw unreadableFile('Cohere', 'files or audio');
  // A user's images go as v2 content parts (vision models read them); everything else as text.
  const images = role === 'user' && Array.isArray(message.content) && message.content.some((p) => p.type === 'image_url');
  const content = images
    ? (message.content as Array<Record<string, unknown>>).filter((p) => isTextPart(p) || p.type === 'image_url').map((p) => (isTextPart(p) ? { type: 'text', text: p.text } : { type: 'image_url', image_url: p.image_url }))
    : contentText(message.content);
  const out: Record<string, unknown> = { role, content };
  // Cohere refuses an assistant turn with both words and calls: the words before a call are its tool_plan.
  if (message.tool_calls?.length && role === 'assistant') {
    delete out.content;
    if (typeof content === 'string' && content !== '') out.tool_plan = content;
  }
  if (message.tool_calls) out.tool_calls = message.tool_calls;
  if (message.tool_call_id) out.tool_call_id = message.tool_call_id;
  return out;
}

/**
 * `billed_units` is what Cohere charges; `tokens` also counts what it does not (its prompt template), so only stands in,
 * also where the billed units count no tokens (`{}`, or a search's `search_units` alone).
 */
function cohereUsage(raw: { tokens?: Record<string, number>; billed_units?: Record<string, number> } | undefined): Usage | undefined {
  const countsTokens = (units: Record<string, number> | undefined) => typeof units?.input_tokens === 'number' || typeof units?.output_tokens === 'number';
  const counts = countsTokens(raw?.billed_units) ? raw?.billed_units : (raw?.tokens ?? raw?.billed_units);
  return counts ? makeUsage(counts.input_tokens ?? 0, counts.output_tokens ?? 0) : undefined;
}

class CohereStream implements StreamTranslator {
  done = false;
  usage: Usage | undefined;

  constructor(private readonly id: string, private readonly model: string) {}

  private chunk(delta: ChatChunk['choices'][0]['delta'], finish: string | null = null): ChatChunk {
    return { ...chunkBase(this.id, this.model), choices: [{ index: 0, delta, finish_reason: finish }] };
  }

  push(event: StreamEvent): ChatChunk[] {
    const data = JSON.parse(event.data) as { type?: string; index?: number; delta?: Record<string, any> };
    const message = data.delta?.message ?? {};
    switch (data.type ?? event.event) {
      case 'message-start':
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content-delta':
        return [this.chunk({ content: message.content?.text ?? '' })];
      // The words before its calls, as an assistant message has them in OpenAI's form (and cohereMessage sends back).
      case 'tool-plan-delta':
        return [this.chunk({ content: message.tool_plan ?? '' })];
      case 'tool-call-start': {
        const call = message.tool_calls ?? {};
        return [this.chunk({ tool_calls: [{ index: data.index ?? 0, id: call.id, type: 'function', function: { name: call.function?.name, arguments: call.function?.arguments ?? '' } }] })];
      }
      case 'tool-call-delta':
        return [this.chunk({ tool_calls: [{ index: data.index ?? 0, function: { arguments: message.tool_calls?.function?.arguments ?? '' } as ToolCall['function'] }] })];
      case 'message-end':
        this.done = true;
        this.usage = cohereUsage(data.delta?.usage);
        return [this.chunk({}, FINISH[data.delta?.finish_reason] ?? 'error')];
      default:
        return [];
    }
  }
}

export const cohere: Provider = {
  name: 'cohere',
  chat(target: TargetSpec, request: ChatRequest, stream: boolean) {
    const body: Record<string, unknown> = { model: target.model, messages: request.messages.map(cohereMessage), stream };
    const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? target.options.maxTokens;
    if (maxTokens !== undefined) body.max_tokens = maxTokens;
    const temperature = request.temperature ?? target.options.temperature;
    if (temperature !== undefined) body.temperature = temperature;
    if (request.top_p !== undefined) body.p = Math.min(0.99, Math.max(0.01, request.top_p)); // Cohere's p is 0.01–0.99
    if (request.stop !== undefined) body.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
    if (request.seed != null) body.seed = request.seed;
    if (request.frequency_penalty != null) body.frequency_penalty = request.frequency_penalty;
    if (request.presence_penalty != null) body.presence_penalty = request.presence_penalty;
    // Cohere's tool_choice is REQUIRED or NONE: a named function is required from a list of that one tool.
    const named = namedToolChoice(request.tool_choice);
    if (request.tools) body.tools = named ? request.tools.filter((t) => t.function.name === named) : request.tools;
    if (request.tool_choice === 'required' || named) body.tool_choice = 'REQUIRED';
    if (request.tool_choice === 'none') body.tool_choice = 'NONE';
    if (request.response_format?.type === 'json_object') body.response_format = { type: 'json_object' };
    const schema = (request.response_format as { json_schema?: { schema?: unknown } } | undefined)?.json_schema?.schema;
    if (request.response_format?.type === 'json_schema' && schema) body.response_format = { type: 'json_object', json_schema: schema };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.authHeader) headers[target.authHeader.name] = target.authHeader.value;
    else if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    return { url: endpoint(target.upstreamUrl ?? 'https://api.cohere.com', '/v2/chat', '/chat'), headers, body };
  },
  parseChat(raw, target): ChatResponse {
    const body = raw as { id: string; finish_reason?: string; message?: { content?: Array<{ type: string; text?: string }>; tool_plan?: string; tool_calls?: ToolCall[] }; usage?: never };
    if (body.message === null || typeof body.message !== 'object') throw new NotAnAnswer('no message');
    // The words before its calls (tool_plan) are the content beside them in OpenAI's form, as cohereMessage sends them back.
    const text = (body.message?.tool_plan ?? '') + (body.message?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text ?? '').join('');
    return chatCompletion(body.id, target.model, text, body.message?.tool_calls ?? [], FINISH[body.finish_reason ?? 'COMPLETE'] ?? 'error', cohereUsage(body.usage));
  },
  streamTranslator(target, id) {
    return new CohereStream(id, target.model);
  },
  errorMessage: providerErrorMessage,
};
