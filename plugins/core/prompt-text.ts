import { z } from 'zod';
import { contentText } from './providers/openai-types';

/**
 * The text of a chat request that semantic plugins (cache, router, guard)
 * embed or scan: string or array-part content, chosen by role and recency.
 */
export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role?: unknown;
  content?: unknown;
}

export const promptSelectionSchema = z
  .object({
    last_messages: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe('How many of the most recent messages (after the role filter) are taken into account.'),
    include_system: z.boolean().default(false).describe('Also take system and developer messages into account.'),
    include_assistant: z.boolean().default(false).describe('Also take earlier assistant answers into account.'),
    include_tool: z.boolean().default(false).describe('Also take tool results (role tool) into account.'),
  })
  .describe('Which messages of the conversation are taken into account.');

export type PromptSelection = z.output<typeof promptSelectionSchema>;

function roleAllowed(role: unknown, selection: PromptSelection): boolean {
  if (role === 'user') return true;
  if (role === 'system' || role === 'developer') return selection.include_system;
  if (role === 'assistant') return selection.include_assistant;
  if (role === 'tool') return selection.include_tool;
  return false;
}

/** Where the selected messages of a chat body stand in its `messages`, oldest first. */
export function selectedPositions(messages: unknown[], selection: PromptSelection): number[] {
  const positions: number[] = [];
  messages.forEach((m, i) => {
    if (!!m && typeof m === 'object' && roleAllowed((m as ChatMessage).role, selection) && contentText((m as ChatMessage).content).trim().length > 0) positions.push(i);
  });
  return positions.slice(-selection.last_messages);
}

/** The selected messages of a chat body, oldest first, as role and text. */
export function selectMessages(body: unknown, selection: PromptSelection): Array<{ role: string; text: string }> {
  const messages = (body as { messages?: unknown })?.messages;
  if (Array.isArray(messages)) {
    return selectedPositions(messages, selection).map((i) => {
      const m = messages[i] as ChatMessage;
      return { role: String(m.role), text: contentText(m.content) };
    });
  }
  // Legacy completions: the prompt is the user's text.
  const prompt = (body as { prompt?: unknown })?.prompt;
  if (typeof prompt === 'string' && prompt.trim()) return [{ role: 'user', text: prompt }];
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'string')) return [{ role: 'user', text: prompt.join('\n') }];
  return [];
}

/**
 * The selected messages joined into one text (roles kept when more than one message is taken), oldest first, or newest
 * first for a reader that sees only a text's start (an embedding's window): the current question then comes first.
 */
export function promptText(body: unknown, selection: PromptSelection, order: 'oldest-first' | 'newest-first' = 'oldest-first'): string {
  const picked = selectMessages(body, selection);
  if (picked.length === 1) return picked[0]!.text;
  if (order === 'newest-first') picked.reverse();
  return picked.map((m) => `${m.role}: ${m.text}`).join('\n');
}

/** The system and developer instructions of a chat body, joined (used to scope cache entries). */
export function systemText(body: unknown): string {
  const messages = (body as { messages?: unknown })?.messages;
  if (!Array.isArray(messages)) return '';
  return messages
    .filter((m): m is ChatMessage => !!m && typeof m === 'object' && ((m as ChatMessage).role === 'system' || (m as ChatMessage).role === 'developer'))
    .map((m) => contentText(m.content))
    .join('\n');
}
