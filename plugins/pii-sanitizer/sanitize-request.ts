import { mapJsonStrings, SCHEMA_KEYWORDS } from '../core/json-strings';
import { documentText, withDocumentText } from '../core/providers/file-parts';
import { isTextPart, OTHER_ANSWER_TEXTS } from '../core/providers/openai-types';
import { OPAQUE_KEYS, otherMessageFields } from '../core/providers/message-fields';
import { otherFields } from '../core/providers/request-fields';
import { askedContext } from './asked-context';
import { PART_JOINER } from './part-joiner';
import type { PiiConfig } from './config';
import { sanitizeJsonText } from './sanitize-json-text';
import type { Sanitize } from './sanitize-text';

/**
 * Walks an OpenAI-format body and sanitizes every text the config names: message
 * contents (a string, or parts: their text of any type, a refusal, an image's URL
 * unless it is data, a file's name and a text document's words) and participants' names of the configured roles,
 * reasoning and refusals in the history, tool-call and legacy function-call arguments,
 * tool results, Predicted Outputs' content, legacy `prompt` and `suffix`, embeddings `input` (strings
 * or message-like items), the end user's id (`user`, `safety_identifier`), `prompt_cache_key` and `metadata`'s values,
 * tool definitions and a response schema (but names and patterns), and any field (of the body or of a message) the
 * gateway does not know. Returns
 * whether anything changed; the body is edited in place.
 */
type Json = Record<string, unknown>;

/** A string of `holder` sanitized in place; whether it changed. */
function sanitizeField(holder: Json, key: string, sanitize: Sanitize): boolean {
  const value = holder[key];
  if (typeof value !== 'string') return false;
  const next = sanitize(value);
  if (next === value) return false;
  holder[key] = next;
  return true;
}

/**
 * What a content part carries as text: its text (a string, or `{value}`), a refusal, reasoning (`thinking`, a string
 * or, as Mistral writes it, parts of its own), an image's URL, a file's name.
 */
function sanitizePart(part: Json, sanitize: Sanitize): Json {
  // A text document's words go to the model as a message's do (a .txt, a .csv, JSON).
  const document = documentText(part);
  if (document !== undefined) {
    const cleaned = sanitize(document);
    if (cleaned !== document) part = withDocumentText(part, cleaned);
  }
  const copy: Json = { ...part };
  let changed = sanitizeField(copy, 'text', sanitize) || sanitizeField(copy, 'refusal', sanitize);
  // An image's URL given alone, as some clients send it (a data URL is an image's bytes, not text).
  if (typeof copy.image_url === 'string' && !copy.image_url.startsWith('data:')) changed = sanitizeField(copy, 'image_url', sanitize) || changed;
  changed = sanitizeContent(copy, sanitize, 'thinking') || changed;
  for (const [key, field] of [['text', 'value'], ['image_url', 'url'], ['file', 'filename']] as const) {
    const inner = copy[key];
    if (!inner || typeof inner !== 'object') continue;
    const innerCopy: Json = { ...(inner as Json) };
    // A data URL is an image's bytes, not text.
    if (field === 'url' && typeof innerCopy.url === 'string' && innerCopy.url.startsWith('data:')) continue;
    if (sanitizeField(innerCopy, field, sanitize)) {
      copy[key] = innerCopy;
      changed = true;
    }
  }
  return changed ? copy : part;
}

/** One content part as it stands: a bare string, a part object, or anything else left as it is. */
function sanitizeAnyPart(part: unknown, sanitize: Sanitize): unknown {
  if (typeof part === 'string') return sanitize(part);
  return part && typeof part === 'object' ? sanitizePart(part as Json, sanitize) : part;
}

/** A part that is words alone: a string, or a text part with nothing else that could hold words. */
function plainText(part: unknown): string | undefined {
  if (typeof part === 'string') return part;
  if (!isTextPart(part)) return undefined;
  return Object.keys(part).every((key) => key === 'type' || key === 'text') ? part.text : undefined;
}

/**
 * Neighbouring text parts read as one text, as the provider reads them: a value a client's chunking cut in two
 * ("jane.doe@corp-" + "example.com") is found whole. A value found across parts leaves its placeholder in the first
 * of them and the parts it spans are joined into that one.
 */
function sanitizeTextRun(run: unknown[], sanitize: Sanitize): unknown[] {
  const texts = run.map((part) => plainText(part)!);
  if (texts.some((text) => text.includes(PART_JOINER))) return run.map((part) => sanitizeAnyPart(part, sanitize));
  const joined = texts.join(PART_JOINER);
  const cleaned = sanitize(joined);
  if (cleaned === joined) return run;
  const pieces = cleaned.split(PART_JOINER);
  const withText = (part: unknown, text: string) => (typeof part === 'string' ? text : { ...(part as Json), text });
  if (pieces.length === run.length) return run.map((part, i) => (pieces[i] === texts[i] ? part : withText(part, pieces[i]!)));
  return [withText(run[0], pieces.join(''))];
}

/** The `content` of a message or a prediction (or a part's `thinking`), a string or parts, sanitized in place; whether it changed. */
function sanitizeContent(holder: Json, sanitize: Sanitize, key = 'content'): boolean {
  const parts = holder[key];
  // One part given alone, not in an array: llm-proxy refuses it, but an upstream behind the sanitizer alone may read it.
  if (parts && typeof parts === 'object' && !Array.isArray(parts)) {
    const next = sanitizePart(parts as Json, sanitize);
    if (next === parts) return false;
    holder[key] = next;
    return true;
  }
  if (!Array.isArray(parts)) return sanitizeField(holder, key, sanitize);
  const out: unknown[] = [];
  for (let i = 0; i < parts.length; ) {
    let end = i;
    while (end < parts.length && plainText(parts[end]) !== undefined) end++;
    if (end - i >= 2) {
      out.push(...sanitizeTextRun(parts.slice(i, end), sanitize));
      i = end;
      continue;
    }
    const part: unknown = parts[i++];
    out.push(sanitizeAnyPart(part, sanitize));
  }
  const changed = out.length !== parts.length || out.some((part, i) => part !== parts[i]);
  if (changed) holder[key] = out;
  return changed;
}

function sanitizeCall(fn: Json | undefined, sanitize: Sanitize): boolean {
  if (!fn || typeof fn.arguments !== 'string') return false;
  const args = sanitizeJsonText(fn.arguments, sanitize);
  if (args === fn.arguments) return false;
  fn.arguments = args;
  return true;
}

function sanitizeName(name: string, sanitize: Sanitize): string {
  const words = name.replace(/[_-]+/g, ' ');
  const cleaned = sanitize(words, 'Name: ');
  if (cleaned === words) return name;
  return cleaned.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64) || 'participant';
}

/** One message (or a message-like item of `input`): its content, its reasoning and refusal, its name, its calls. */
function sanitizeMessage(message: Json, config: PiiConfig, sanitize: Sanitize): boolean {
  // A tool's result is JSON as often as not, read as the text it decodes to, as a call's arguments are
  // ("Fran\u00e7ois Dupont"), and written back valid.
  const toolResult = message.role === 'tool' || message.role === 'function';
  let changed = sanitizeContent(message, toolResult ? (text) => sanitizeJsonText(text, sanitize) : sanitize);
  for (const field of OTHER_ANSWER_TEXTS) changed = sanitizeField(message, field, sanitize) || changed;
  // Fields a provider adds to a message that this gateway does not know (OpenRouter's `reasoning_details`) pass on as
  // sent: each of their strings sanitized, but a kind, an id and an encrypted payload.
  for (const key of otherMessageFields(message)) changed = sanitizeTree(message, key, sanitize, OPAQUE_KEYS) || changed;
  // A participant's name ("Ada_Lovelace") is read as words after a name's label; a name found is sent as its
  // placeholder's label ("PERSON_1"), in the characters a name may have.
  if (typeof message.name === 'string' && message.role !== 'tool' && message.role !== 'function') {
    const name = sanitizeName(message.name, sanitize);
    if (name !== message.name) {
      message.name = name;
      changed = true;
    }
  }
  return (config.scan_tool_calls && sanitizeToolCalls(message, sanitize)) || changed;
}

/** The arguments of a message's tool calls (and a legacy function call) sanitized; whether anything changed. */
function sanitizeToolCalls(message: Json, sanitize: Sanitize): boolean {
  let changed = false;
  if (Array.isArray(message.tool_calls)) for (const call of message.tool_calls as Json[]) changed = sanitizeCall(call?.function as Json | undefined, sanitize) || changed;
  return sanitizeCall(message.function_call as Json | undefined, sanitize) || changed;
}

const END_USER_FIELDS = ['user', 'safety_identifier', 'prompt_cache_key'] as const;

/** In tool definitions and schemas, strings that are names the rest of the request refers to, or patterns: kept as they are. */
const DEFINITION_KEYS_KEPT = new Set([...SCHEMA_KEYWORDS, 'name', 'required', 'pattern']);

/** Every string under `holder[key]` sanitized (a value read after its key); whether anything changed. */
function sanitizeTree(holder: Json, key: string, sanitize: Sanitize, kept?: ReadonlySet<string>): boolean {
  const value = holder[key];
  const next = mapJsonStrings(value, (text, inner) => sanitize(text, inner ? `${JSON.stringify(inner)}: "` : '', inner ? '"' : ''), kept);
  if (next === value) return false;
  holder[key] = next;
  return true;
}

export function sanitizeBody(body: Json, config: PiiConfig, sanitize: Sanitize): boolean {
  let changed = false;
  const roles = new Set<string>(config.roles);
  if (Array.isArray(body.messages)) {
    let previous: Json | undefined;
    for (const message of body.messages as Json[]) {
      // What the message said as sent: it is sanitized in place below, and the next reply is read after its words.
      const said = message && typeof message === 'object' ? { role: message.role, content: message.content } : undefined;
      if (message && roles.has(String(message.role === 'function' ? 'tool' : message.role))) {
        // A short reply is read after what the assistant asked ("…your Social Security number?" then "536904399").
        const asked = askedContext(previous, message);
        const read: Sanitize = asked ? (text, context, suffix) => sanitize(text, context ?? asked, suffix) : sanitize;
        changed = sanitizeMessage(message, config, read) || changed;
      } else if (message && typeof message === 'object' && config.scan_tool_calls) {
        // Tool calls are scanned whatever roles are: an assistant left out of them still sends its calls' arguments.
        changed = sanitizeToolCalls(message, sanitize) || changed;
      }
      previous = said;
    }
  }
  // Predicted Outputs carry the document being edited, as content does.
  const prediction = body.prediction as Json | undefined;
  if (prediction && typeof prediction === 'object') changed = sanitizeContent(prediction, sanitize) || changed;
  // A legacy completion's text after the insertion point is prompt too.
  for (const key of ['prompt', 'input', 'suffix'] as const) {
    const value = body[key];
    if (!Array.isArray(value)) {
      changed = sanitizeField(body, key, sanitize) || changed;
      continue;
    }
    value.forEach((item: unknown, i) => {
      if (typeof item === 'string') {
        const next = sanitize(item);
        if (next !== item) {
          value[i] = next;
          changed = true;
        }
      } else if (item && typeof item === 'object' && !Array.isArray(item)) changed = sanitizeMessage(item as Json, config, sanitize) || changed;
    });
  }
  // The end user's id in each of the names OpenAI has given it, and the key that groups prompts for its cache.
  for (const key of END_USER_FIELDS) changed = sanitizeField(body, key, sanitize) || changed;
  // Tool definitions and a response schema are words the model reads too (descriptions, enums, defaults).
  for (const key of ['tools', 'functions'] as const) changed = sanitizeTree(body, key, sanitize, DEFINITION_KEYS_KEPT) || changed;
  const format = body.response_format as Json | undefined;
  if (format && typeof format === 'object') changed = sanitizeTree(format, 'json_schema', sanitize, DEFINITION_KEYS_KEPT) || changed;
  // Fields a provider reads that this gateway does not know (vLLM's `documents`) pass on as sent: sanitized whole.
  for (const key of otherFields(body)) changed = sanitizeTree(body, key, sanitize) || changed;
  const metadata = body.metadata as Json | undefined;
  if (metadata && typeof metadata === 'object') for (const key of Object.keys(metadata)) changed = sanitizeField(metadata, key, sanitize) || changed;
  return changed;
}
