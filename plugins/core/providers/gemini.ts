import { providerErrorMessage } from './error-message';
import { contentText, makeUsage, type ChatChunk, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from './openai-types';
import { chatCompletion, chunkBase, parseArguments, parseDataUrl } from './tool-args';
import type { Provider, StreamEvent, StreamTranslator, TargetSpec } from './types';
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
};

function parts(message: ChatMessage, toolNames: Map<string, string>): Part[] {
  if (message.role === 'tool') {
    const name = toolNames.get(message.tool_call_id ?? '') ?? message.name ?? 'tool';
    return [{ functionResponse: { name, response: { content: contentText(message.content) } } }];
  }
  const out: Part[] = [];
  if (typeof message.content === 'string') {
    if (message.content) out.push({ text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (part.type === 'text') out.push({ text: part.text });
      else if (part.type === 'image_url') {
        const url = (part.image_url as { url: string }).url;
        const inline = parseDataUrl(url);
        out.push(inline ? { inlineData: { mimeType: inline.mediaType, data: inline.data } } : { fileData: { fileUri: url } });
      }
    }
  }
  for (const call of message.tool_calls ?? []) {
    toolNames.set(call.id, call.function.name);
    out.push({ functionCall: { name: call.function.name, args: parseArguments(call.function.arguments) } });
  }
  return out;
}

export function geminiRequest(target: TargetSpec, request: ChatRequest): Record<string, unknown> {
  const toolNames = new Map<string, string>();
  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer');
  const contents = request.messages
    .filter((m) => m.role !== 'system' && m.role !== 'developer')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: parts(m, toolNames) }));
  const generationConfig: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? target.options.maxTokens;
  if (maxTokens !== undefined) generationConfig.maxOutputTokens = maxTokens;
  const temperature = request.temperature ?? target.options.temperature;
  if (temperature !== undefined) generationConfig.temperature = temperature;
  if (request.top_p !== undefined) generationConfig.topP = request.top_p;
  if (request.stop !== undefined) generationConfig.stopSequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.response_format?.type === 'json_object' || request.response_format?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
  }
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system.map((m) => ({ text: contentText(m.content) })) };
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (request.tools) {
    body.tools = [
      { functionDeclarations: request.tools.map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters })) },
    ];
  }
  return body;
}

interface Candidate {
  content?: { parts?: Part[] };
  finishReason?: string;
}

function geminiUsage(meta: Record<string, number> | undefined): Usage | undefined {
  if (!meta) return undefined;
  return makeUsage(meta.promptTokenCount ?? 0, meta.candidatesTokenCount ?? 0, meta.cachedContentTokenCount);
}

function toolCallsOf(candidate: Candidate | undefined, offset: number): ToolCall[] {
  return (candidate?.content?.parts ?? [])
    .filter((p) => p.functionCall)
    .map((p, i) => {
      const call = p.functionCall as { name: string; args?: unknown };
      return { id: `call_${offset + i}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) } };
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
    const data = JSON.parse(event.data) as { candidates?: Candidate[]; usageMetadata?: Record<string, number>; error?: unknown };
    if (data.error) throw new Error(providerErrorMessage(500, data));
    const candidate = data.candidates?.[0];
    const out: ChatChunk[] = [];
    const base = chunkBase(this.id, this.model);
    if (!this.started) {
      this.started = true;
      out.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    }
    const text = textOf(candidate);
    if (text) out.push({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
    const calls = toolCallsOf(candidate, this.tools);
    calls.forEach((call, i) =>
      out.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: this.tools + i, ...call }] }, finish_reason: null }] }),
    );
    this.tools += calls.length;
    this.usage = geminiUsage(data.usageMetadata) ?? this.usage;
    if (candidate?.finishReason) {
      this.done = true;
      const finish = this.tools > 0 ? 'tool_calls' : FINISH[candidate.finishReason] ?? 'stop';
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
    const body = raw as { candidates?: Candidate[]; usageMetadata?: Record<string, number>; modelVersion?: string };
    const candidate = body.candidates?.[0];
    const toolCalls = toolCallsOf(candidate, 0);
    const text = textOf(candidate);
    const finish = toolCalls.length > 0 ? 'tool_calls' : FINISH[candidate?.finishReason ?? 'STOP'] ?? 'stop';
    return chatCompletion(`chatcmpl-${Date.now().toString(36)}`, body.modelVersion ?? target.model, text, toolCalls, finish, geminiUsage(body.usageMetadata));
  },
  streamTranslator(target, id) {
    return new GeminiStream(id, target.model);
  },
  errorMessage: providerErrorMessage,
};
