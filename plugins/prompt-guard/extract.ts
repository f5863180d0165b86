import { jsonStrings, SCHEMA_KEYWORDS } from '../core/json-strings';
import { OPAQUE_KEYS, otherMessageFields } from '../core/providers/message-fields';
import { contentText, OTHER_ANSWER_TEXTS } from '../core/providers/openai-types';
import { otherFields } from '../core/providers/request-fields';
import type { GuardConfig } from './config';

/**
 * The texts of an OpenAI-format body that the guard looks at, by the config's
 * roles and turns: message contents (strings, text and refusal parts, text
 * documents, files' names) with an assistant's calls' arguments and reasoning, a prediction, legacy `prompt` and `suffix`,
 * embeddings `input` and request fields the gateway does not know (as user text), tool definitions and a response schema
 * (as system text: the developer writes them, and the model reads them as it
 * reads the system prompt), and tool results: with the other texts when `roles`
 * names `tool`, apart for `scan_tool_results`. Also the totals the size limits
 * need, over every message of every role.
 */
export interface ScannedText {
  role: string;
  text: string;
}

export interface Extracted {
  /** Texts for the rules, the topics and injection detection. */
  texts: ScannedText[];
  /** Tool results, for injection detection and deny patterns (when scan_tool_results is on and `roles` has no `tool`). */
  toolTexts: string[];
  messageCount: number;
  totalChars: number;
  /**
   * What the model reads beyond the messages' contents, counted in `totalChars` and scanned with the texts: reasoning
   * and refusals in the history, fields of a message the gateway does not know, a prediction.
   */
  beyondContent: string[];
  /**
   * The messages whose contents are scanned, by the roles and turns (tool results when scanned), for the parts in them
   * the guard reads no words from (see unreadable-parts).
   */
  scannedMessages: Json[];
}

type Json = Record<string, unknown>;

const roleOf = (m: Json) => (m.role === 'function' ? 'tool' : String(m.role));

/**
 * What a message carries besides its content that the model reads too: reasoning and a refusal in the history (as
 * providers take them back), and the strings of fields a provider adds that the gateway does not know (OpenRouter's
 * `reasoning_details`).
 */
function besideContent(m: Json): string[] {
  const texts: string[] = [];
  for (const field of OTHER_ANSWER_TEXTS) if (typeof m[field] === 'string') texts.push(m[field]);
  for (const key of otherMessageFields(m)) texts.push(...jsonStrings(m[key], OPAQUE_KEYS));
  return texts.filter(Boolean);
}

/** What a message says to the model: its content, its files' names (Bedrock sends them as words), an assistant's calls' arguments, and what it carries besides. */
function messageText(m: Json): string {
  const texts = [contentText(m.content)];
  for (const part of Array.isArray(m.content) ? (m.content as Json[]) : []) {
    const filename = (part?.file as Json | undefined)?.filename;
    if (typeof filename === 'string') texts.push(filename);
  }
  for (const call of Array.isArray(m.tool_calls) ? (m.tool_calls as Json[]) : []) {
    const args = (call?.function as Json | undefined)?.arguments;
    if (typeof args === 'string') texts.push(args);
  }
  const legacy = (m.function_call as Json | undefined)?.arguments;
  if (typeof legacy === 'string') texts.push(legacy);
  texts.push(...besideContent(m));
  return texts.filter(Boolean).join('\n');
}

export function extractTexts(body: Json, config: Pick<GuardConfig, 'roles' | 'turns' | 'scan_tool_results'>): Extracted {
  const roles = new Set<string>(config.roles);
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]).filter((m) => m && typeof m === 'object') : [];
  const all = messages.map((m) => ({ role: roleOf(m), text: messageText(m) }));
  let totalChars = all.reduce((n, m) => n + m.text.length, 0);

  // The messages scanned, by index.
  let chosen: number[];
  if (config.turns === 'latest') {
    // The latest message of each scanned role.
    const latest = new Map<string, number>();
    all.forEach((m, i) => {
      if (roles.has(m.role) && m.role !== 'tool') latest.set(m.role, i);
    });
    chosen = [...latest.values()];
  } else {
    chosen = all.flatMap((m, i) => (roles.has(m.role) && m.role !== 'tool' ? [i] : []));
  }
  // Tool results since the latest user message (all of them with turns: all).
  const lastUser = all.map((m) => m.role).lastIndexOf('user');
  const resultsAt = all.flatMap((m, i) => (m.role === 'tool' && (config.turns === 'all' || i > lastUser) ? [i] : []));
  const texts: ScannedText[] = chosen.map((i) => all[i]!);
  const results = resultsAt.map((i) => all[i]!);
  let toolTexts: string[] = [];
  if (roles.has('tool')) texts.push(...results);
  else if (config.scan_tool_results) toolTexts = results.map((m) => m.text);
  const scannedMessages = [...chosen, ...(roles.has('tool') || config.scan_tool_results ? resultsAt : [])].map((i) => messages[i]!);
  if (roles.has('system') || roles.has('developer')) {
    const definitions = jsonStrings([body.tools, body.functions, (body.response_format as Json | undefined)?.json_schema], SCHEMA_KEYWORDS).join('\n');
    totalChars += definitions.length;
    // First, as the system prompt stands: the latest user message stays the request's current ask.
    texts.unshift({ role: 'system', text: definitions });
  }
  // Fields a provider reads that this gateway does not know (vLLM's `documents`) are the client's words, read with the
  // user's but never taken for the request's current ask (allow_topics judges the latest user message).
  for (const key of otherFields(body)) {
    const text = jsonStrings(body[key]).join('\n');
    totalChars += text.length;
    if (roles.has('user')) texts.push({ role: 'field', text });
  }
  // Predicted Outputs carry the document being edited: the client's words, as a field's.
  const prediction = body.prediction as Json | undefined;
  const predicted = prediction && typeof prediction === 'object' ? contentText(prediction.content) : '';
  totalChars += predicted.length;
  if (roles.has('user') && predicted) texts.push({ role: 'field', text: predicted });
  for (const key of ['prompt', 'input', 'suffix'] as const) {
    const value = body[key];
    const items: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const item of items) {
      if (typeof item === 'string') {
        totalChars += item.length;
        if (roles.has('user')) texts.push({ role: 'user', text: item });
      } else if (item && typeof item === 'object' && !Array.isArray(item)) {
        // A message-like item (the Responses API's `input`, which the sanitizer reads as a message too) is read as
        // the message it stands for, by its role; another item (a call's output) as the client's words.
        const m = item as Json;
        const role = typeof m.role === 'string' ? roleOf(m) : 'user';
        const text = typeof m.role === 'string' ? messageText(m) : jsonStrings(m, OPAQUE_KEYS).join('\n');
        totalChars += text.length;
        if (roles.has(role)) texts.push({ role, text });
      }
    }
  }
  const beyondContent = [...messages.flatMap(besideContent), predicted].filter(Boolean);
  return { texts: texts.filter((t) => t.text.trim().length > 0), toolTexts: toolTexts.filter((t) => t.trim().length > 0), messageCount: messages.length, totalChars, beyondContent, scannedMessages };
}
