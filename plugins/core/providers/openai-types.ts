/**
 * The OpenAI wire format the gateway speaks to clients, and translates every
 * provider to and from. Only the fields the gateway reads or writes are typed;
 * the rest passes through.
 */
import { documentText } from './file-parts';

export type ImagePart = { type: 'image_url'; image_url: { url: string; detail?: string } };

export type ContentPart =
  | { type: 'text'; text: string }
  | ImagePart
  | { type: string; [key: string]: unknown };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: unknown };
  [key: string]: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /**
   * `cache_creation_tokens`: prompt tokens written to the provider's prompt cache (Anthropic bills them above input);
   * `cache_creation_1h_tokens`: those of them written for an hour (Anthropic bills them higher still).
   */
  prompt_tokens_details?: { cached_tokens?: number; cache_creation_tokens?: number; cache_creation_1h_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export interface ChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{ index: number; message: ChatMessage; finish_reason: string | null; logprobs?: null }>;
  usage?: Usage;
}

export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: string; content?: string | null; tool_calls?: Array<Partial<ToolCall> & { index: number }> };
    finish_reason: string | null;
  }>;
  usage?: Usage | null;
}

/**
 * Text a message or a delta carries besides its content, as OpenAI-compatible providers write it: DeepSeek's and
 * vLLM's `reasoning_content`, OpenRouter's `reasoning`, OpenAI's `refusal`.
 */
export const OTHER_ANSWER_TEXTS = ['reasoning_content', 'reasoning', 'refusal'] as const;

/** A content part that carries text to the model: `{type: "text"}`, the Responses API's `input_text`, or an untyped `{text}`. */
export function isTextPart(part: unknown): part is { type?: string; text: string } {
  const p = part as { type?: unknown; text?: unknown } | null;
  return p !== null && typeof p === 'object' && (p.type === 'text' || p.type === 'input_text' || p.type === undefined) && typeof p.text === 'string';
}

/**
 * The text of a message's content, whether a string or an array of parts: text, a refusal and reasoning (`thinking`,
 * a string or parts of its own) as OpenAI-compatible servers read them in any role, a text document's words; images
 * and audio skipped.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  // One part given alone, not in an array ({"type": "text", "text": …}): what a lenient upstream reads is read here too.
  if (content && typeof content === 'object' && !Array.isArray(content)) return partText(content);
  if (!Array.isArray(content)) return '';
  return content.map(partText).filter(Boolean).join('\n');
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (isTextPart(part)) return part.text;
  // Parts of other types with words of their own ("output_text", which vLLM reads as text).
  const text = (part as { text?: unknown } | null)?.text;
  if (typeof text === 'string') return text;
  const p = part as { type?: unknown; refusal?: unknown; thinking?: unknown } | null;
  if (p?.type === 'refusal' && typeof p.refusal === 'string') return p.refusal;
  if (p?.type === 'thinking') return contentText(p.thinking);
  return documentText(part) ?? '';
}

/**
 * Whether a message, not the conversation's last turn, says nothing a provider could be sent: no tool calls, and content
 * that is "", null, [] or text parts with no text (an interrupted answer, an empty message). Such a turn is left out
 * and the turns beside it merge. The last turn, but an empty answer, is always sent (left out, the conversation would end on the
 * assistant's words, which Claude reads as an answer to go on with), and so is one whose parts the driver could not
 * translate (a video), which the provider then refuses rather than the gateway dropping the client's words in silence.
 */
export function isEmptyTurn(message: { role?: unknown; content?: unknown; tool_calls?: unknown }, messages: readonly { role?: unknown }[]): boolean {
  // The last turn of the conversation: system and developer messages after it are instructions, no turn. An empty
  // assistant turn there is left out all the same: the conversation then ends on the user.
  const last = [...messages].reverse().find((m) => m.role !== 'system' && m.role !== 'developer');
  if (message === last && message.role !== 'assistant') return false;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) return false;
  const content = message.content;
  if (content === '' || content === null || content === undefined) return true;
  return Array.isArray(content) && content.every((part) => isTextPart(part) && part.text === '');
}

/** An image part (`{type: "image_url"}`), which `contentText` leaves out. */
export function isImagePart(part: unknown): part is ImagePart {
  return (part as { type?: unknown } | null)?.type === 'image_url';
}

/**
 * A tool result's content for a provider that reads images there as it reads a user's: each image as the driver's
 * `image` translates it, the words beside it (as `contentText` reads them) in a block of `text`, in their order;
 * undefined for a result without an image, whose text (`contentText`'s) goes alone.
 */
export function toolResultBlocks<T>(content: unknown, image: (part: ImagePart) => T, text: (words: string) => T): T[] | undefined {
  if (!Array.isArray(content) || !content.some(isImagePart)) return undefined;
  return content.flatMap((part: ContentPart) => {
    if (isImagePart(part)) return [image(part)];
    const words = partText(part);
    return words ? [text(words)] : [];
  });
}

/** The function a `tool_choice` names (`{"type": "function", "function": {"name": …}}`), if it names one. */
export function namedToolChoice(choice: unknown): string | undefined {
  return (choice as { function?: { name?: string } } | undefined)?.function?.name;
}

/** `completion` includes `reasoning`, as in OpenAI's usage. */
export function makeUsage(prompt: number, completion: number, cached?: number, reasoning?: number, cacheCreation?: number): Usage {
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (cached || cacheCreation) usage.prompt_tokens_details = { ...(cached ? { cached_tokens: cached } : {}), ...(cacheCreation ? { cache_creation_tokens: cacheCreation } : {}) };
  if (reasoning) usage.completion_tokens_details = { reasoning_tokens: reasoning };
  return usage;
}
