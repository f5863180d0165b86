import type { ChatChunk, ChatResponse } from '../core/providers/openai-types';
import type { TextTransformFactory } from '../core/bridge/answer-hooks';
import { transformMessage } from '../core/bridge/transform-chain';

/**
 * A cached answer as the client asked for it: the stored chat completion with a
 * fresh id and time, or the same answer as a well-formed SSE stream (role,
 * content in pieces, finish reason, usage when asked for, [DONE]). Text passes
 * through the request's restoring transforms (PII placeholders put back).
 */
const PIECE = 64;

function freshCopy(response: Record<string, unknown>, transforms: TextTransformFactory[]): ChatResponse {
  const copy = structuredClone(response) as unknown as ChatResponse;
  copy.id = `chatcmpl-cache-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  copy.created = Math.floor(Date.now() / 1000);
  for (const choice of copy.choices ?? []) {
    if (choice.message) transformMessage(choice.message as unknown as Record<string, unknown>, transforms);
  }
  // Nothing was generated for this answer: no tokens were spent on it.
  if (copy.usage) copy.usage = { ...copy.usage, prompt_tokens_details: { cached_tokens: copy.usage.prompt_tokens } };
  return copy;
}

export function replayJson(response: Record<string, unknown>, transforms: TextTransformFactory[]): string {
  return JSON.stringify(freshCopy(response, transforms));
}

/** The message's text fields a stream carries as deltas, in the order a model writes them. */
const STREAMED_TEXT_FIELDS = ['reasoning_content', 'reasoning', 'content', 'refusal'] as const;

export function replaySse(response: Record<string, unknown>, transforms: TextTransformFactory[], includeUsage: boolean): string {
  const answer = freshCopy(response, transforms);
  const frames: string[] = [];
  const chunk = (choices: ChatChunk['choices'], usage?: ChatChunk['usage']): void => {
    const c: ChatChunk = { id: answer.id, object: 'chat.completion.chunk', created: answer.created, model: answer.model, choices };
    if (usage !== undefined) c.usage = usage;
    frames.push(`data: ${JSON.stringify(c)}\n\n`);
  };
  for (const choice of answer.choices ?? []) {
    const index = choice.index ?? 0;
    chunk([{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const message = (choice.message ?? {}) as unknown as Record<string, unknown>;
    // The model's reasoning first, as it streamed, then its words or its refusal.
    for (const field of STREAMED_TEXT_FIELDS) {
      const text = message[field];
      if (typeof text !== 'string' || !text) continue;
      const chars = Array.from(text);
      for (let i = 0; i < chars.length; i += PIECE) chunk([{ index, delta: { [field]: chars.slice(i, i + PIECE).join('') }, finish_reason: null }]);
    }
    chunk([{ index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }]);
  }
  if (includeUsage && answer.usage) chunk([], answer.usage);
  frames.push('data: [DONE]\n\n');
  return frames.join('');
}
