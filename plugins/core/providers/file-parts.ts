import type { ContentPart } from './openai-types';
import { parseDataUrl } from './tool-args';
import { UnsupportedContent } from './types';
import { fileLike, textOfFile } from '../utf8';

/** A document or a recording a client sends inline in OpenAI's parts: its media type, base64 bytes and file name. */
export interface InlineFile {
  mediaType: string;
  data: string;
  filename?: string;
}

const AUDIO_TYPES: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mp3' };

/** Whether a part carries a file or audio (`file`, `input_audio`) rather than text or an image. */
export function isFilePart(part: ContentPart): boolean {
  return part.type === 'file' || part.type === 'input_audio';
}

/**
 * The bytes of a `file` part (a data: URL in `file_data`) or an `input_audio` part (base64 and its format). A file known
 * only by its OpenAI id (`file_id`) lives in OpenAI's storage, which no other provider reads: refused, never dropped.
 */
export function inlineFile(part: ContentPart, provider: string): InlineFile {
  if (part.type === 'input_audio') {
    const audio = (part as { input_audio?: { data?: unknown; format?: unknown } }).input_audio;
    const mediaType = typeof audio?.format === 'string' ? AUDIO_TYPES[audio.format] : undefined;
    if (typeof audio?.data === 'string' && mediaType) return { mediaType, data: audio.data };
    throw new UnsupportedContent(`${provider} needs input_audio as base64 data with a format of wav or mp3.`);
  }
  const inline = fileData(part);
  if (!inline) throw new UnsupportedContent(`${provider} takes files only inline, as a base64 data: URL in file_data (not an OpenAI file_id).`);
  const filename = (part as { file?: { filename?: unknown } }).file?.filename;
  return { ...inline, filename: typeof filename === 'string' ? filename : undefined };
}

/** A `file` part's inline data (its `file_data` as a base64 data: URL), or undefined. */
function fileData(part: unknown): { mediaType: string; data: string } | undefined {
  const p = part as { type?: unknown; file?: { file_data?: unknown } } | null;
  if (p === null || typeof p !== 'object' || p.type !== 'file' || typeof p.file?.file_data !== 'string') return undefined;
  return parseDataUrl(p.file.file_data);
}

/** Media types a model reads as text: a document whose words the guard and the sanitizer must read too. */
const TEXT_DOCUMENT =
  /^(?:text\/[\w.+-]+|application\/(?:[\w.-]+\+(?:json|xml|yaml)|json|x-ndjson|ndjson|jsonl|xml|yaml|x-yaml|toml|x-toml|javascript|x-javascript|ecmascript|typescript|x-typescript|x-python|x-python-code|x-sh|x-shellscript|sql|x-sql|graphql|rtf|x-rtf|x-tex|x-latex|x-httpd-php|x-php|x-ruby|x-perl|csv|x-csv|x-www-form-urlencoded))$/i;
/** Media types whose bytes are no text: images, recordings, videos, fonts, PDFs, archives, office files. */
const BINARY_MEDIA = /^(?:image|audio|video|font)\/|^application\/(?:pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-bzip2|msword|vnd\.)/i;
/** Bytes that decode (as UTF-8, or UTF-16 with its mark) with no control character but blanks: text, whatever its media type says. */
function asText(bytes: Buffer): string | undefined {
  const text = textOfFile(bytes, true);
  return text === undefined || /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

/**
 * The text of a `file` part that holds a text document inline (`data:text/plain;base64,…`), or undefined. A media
 * type that names no known binary kind (`application/octet-stream`, a vendor's script type) counts as text when its
 * bytes are: some providers (Gemini) pass any type to the model, which reads what it can.
 */
export function documentText(part: unknown): string | undefined {
  const inline = fileData(part);
  if (!inline) return undefined;
  if (TEXT_DOCUMENT.test(inline.mediaType)) return textOfFile(Buffer.from(inline.data, 'base64'));
  return BINARY_MEDIA.test(inline.mediaType) ? undefined : asText(Buffer.from(inline.data, 'base64'));
}

/** A copy of a text document's `file` part holding `text` instead, in the same media type and encoding. */
export function withDocumentText(part: Record<string, unknown>, text: string): Record<string, unknown> {
  const file = part.file as Record<string, unknown>;
  const inline = fileData(part)!;
  return { ...part, file: { ...file, file_data: `data:${inline.mediaType};base64,${fileLike(Buffer.from(inline.data, 'base64'), text).toString('base64')}` } };
}

/** The refusal for a file or audio part a provider cannot read: the client learns it, the model never answers without it. */
export function unreadableFile(provider: string, what: string): UnsupportedContent {
  return new UnsupportedContent(`${provider} cannot read ${what} in a message.`);
}

/**
 * A legacy `function` message (a result with no call id) to a provider that ties each result to its call's id: refused,
 * never sent as the user's words, which the guard does not read as such (it is a tool's result to the guard).
 */
export function legacyFunctionResult(provider: string): UnsupportedContent {
  return new UnsupportedContent(`${provider} takes a tool's result as a tool message with its tool_call_id; legacy function messages are not supported.`);
}
