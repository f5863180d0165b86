import { Readable } from 'node:stream';
import type { ChatResponse } from '../providers/openai-types';
import { sseData } from './client-writer';

/**
 * A whole answer to a request that asked for a stream (a server that ignores `stream: true`), as the short stream in
 * OpenAI's format that would have said the same: each choice's message as one delta, then its finish, the usage,
 * [DONE]. It then goes through the stream relay like any provider's stream.
 */
export function chatAsStream(chat: ChatResponse): Readable {
  const base = { id: chat.id, object: 'chat.completion.chunk', created: chat.created, model: chat.model };
  let out = '';
  for (const choice of chat.choices) {
    const { tool_calls: calls, ...message } = choice.message;
    const delta = { ...message, ...(calls ? { tool_calls: calls.map((call, index) => ({ index, ...call })) } : {}) };
    out += sseData({ ...base, choices: [{ index: choice.index, delta, logprobs: choice.logprobs ?? null, finish_reason: null }] });
    out += sseData({ ...base, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }] });
  }
  if (chat.usage) out += sseData({ ...base, choices: [], usage: chat.usage });
  return Readable.from([Buffer.from(`${out}data: [DONE]\n\n`)]);
}

/** The same for a legacy completion: each choice's text as one event with its finish. */
export function completionAsStream(answer: Record<string, unknown>): Readable {
  const base = { id: answer.id, object: 'text_completion', created: answer.created, model: answer.model };
  let out = '';
  for (const choice of answer.choices as Array<Record<string, unknown>>) out += sseData({ ...base, choices: [choice] });
  if (answer.usage) out += sseData({ ...base, choices: [], usage: answer.usage });
  return Readable.from([Buffer.from(`${out}data: [DONE]\n\n`)]);
}
