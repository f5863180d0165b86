/** Tool-call arguments travel as a JSON string in OpenAI's format and as objects elsewhere. */
export function parseArguments(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { raw: text };
  }
}

/** A data: URL split into media type and base64 payload, for providers that want inline images. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1], data: match[2] } : undefined;
}

export function chunkBase(id: string, model: string): { id: string; object: 'chat.completion.chunk'; created: number; model: string } {
  return { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
}

/** The OpenAI chat response every translating provider returns: one assistant choice. */
export function chatCompletion(
  id: string,
  model: string,
  text: string,
  toolCalls: import('./openai-types').ToolCall[],
  finishReason: string,
  usage: import('./openai-types').Usage | undefined,
): import('./openai-types').ChatResponse {
  const message: import('./openai-types').ChatMessage = { role: 'assistant', content: toolCalls.length > 0 && !text ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage,
  };
}
