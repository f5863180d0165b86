import { documentText } from '../core/providers/file-parts';
import { isTextPart } from '../core/providers/openai-types';
import { parseDataUrl } from '../core/providers/tool-args';

/**
 * Content parts the guard reads no words from, though the model reads them: a PDF or another binary file sent inline,
 * a file known only by its id (`file_id`, in the provider's storage), a recording (`input_audio`), an image (text in a
 * picture is read by the model alone), and parts of a type the gateway does not know that carry no text (vLLM's
 * `video_url`, `audio_url`). An injection inside one is never seen: `injection.unreadable_parts` says what a request
 * holding one does, `injection.unreadable_part_kinds` which of these count.
 */
export const UNREADABLE_KINDS = ['file', 'file_id', 'input_audio', 'image_url', 'other'] as const;
export type UnreadableKind = (typeof UNREADABLE_KINDS)[number];

export interface UnreadablePart {
  kind: UnreadableKind;
  /** The kind as the client is told it and logs show it: `file (application/pdf)`, `input_audio (wav)`, `video_url`. */
  label: string;
}

type Json = Record<string, unknown>;

/** Parts whose words the guard reads (refusals, reasoning), or that hold a provider's signed reasoning and no client's words. */
const READ_TYPES = new Set(['refusal', 'thinking', 'redacted_thinking']);
/** A media type, a format or a part's type, named to the client and in logs only when it is one (never the client's free text). */
const MEDIA_TYPE = /^[a-z0-9][\w.+-]{0,63}\/[\w.+-]{1,64}$/i;
const WORD = /^[a-z0-9][\w.-]{0,39}$/i;

/** What kind of unreadable part `part` is, or undefined when the guard reads it (text, a text document) or it is no part. */
export function unreadablePart(part: unknown): UnreadablePart | undefined {
  if (part === null || typeof part !== 'object' || Array.isArray(part)) return undefined;
  const p = part as Json;
  // Text parts, and parts of any type with words of their own ("output_text"), are read.
  if (isTextPart(p) || typeof p.text === 'string') return undefined;
  switch (p.type) {
    case 'file': {
      const file = (p.file ?? {}) as Json;
      // An id wins over inline data: a provider that reads its storage reads that file, not the bytes beside the id.
      if (file.file_id !== undefined && file.file_id !== null) return { kind: 'file_id', label: 'file_id' };
      if (documentText(p) !== undefined) return undefined;
      const mediaType = typeof file.file_data === 'string' ? parseDataUrl(file.file_data)?.mediaType : undefined;
      return { kind: 'file', label: mediaType && MEDIA_TYPE.test(mediaType) ? `file (${mediaType.toLowerCase()})` : 'file' };
    }
    case 'input_audio': {
      const format = (p.input_audio as Json | undefined)?.format;
      return { kind: 'input_audio', label: typeof format === 'string' && WORD.test(format) ? `input_audio (${format.toLowerCase()})` : 'input_audio' };
    }
    case 'image_url':
      return { kind: 'image_url', label: 'image_url' };
  }
  if (typeof p.type === 'string' && READ_TYPES.has(p.type)) return undefined;
  return { kind: 'other', label: typeof p.type === 'string' && WORD.test(p.type) ? p.type : 'part of unknown type' };
}

/** The unreadable parts of the kinds given in these messages' contents, in order. */
export function unreadableParts(messages: Json[], kinds: readonly UnreadableKind[]): UnreadablePart[] {
  const counted = new Set<string>(kinds);
  const found: UnreadablePart[] = [];
  for (const m of messages) {
    if (!Array.isArray(m.content)) continue;
    for (const part of m.content) {
      const unread = unreadablePart(part);
      if (unread && counted.has(unread.kind)) found.push(unread);
    }
  }
  return found;
}

const NAMED = 5;

/** The distinct labels, at most five named. */
function labels(parts: UnreadablePart[]): string[] {
  const distinct = [...new Set(parts.map((p) => p.label))];
  return distinct.length > NAMED ? [...distinct.slice(0, NAMED), `${distinct.length - NAMED} more`] : distinct;
}

/** The rule logs and traces show: `unreadable_parts:file(application/pdf),file_id`. */
export function unreadableRule(parts: UnreadablePart[]): string {
  return `unreadable_parts:${labels(parts).map((l) => l.replace(' (', '(')).join(',')}`;
}

/** What a blocked client is told after block_message: the kind of part, which it sent, never a rule. */
export function unreadableMessage(parts: UnreadablePart[]): string {
  const named = labels(parts);
  return `The request holds ${parts.length === 1 ? 'a part' : 'parts'} the guard cannot read: ${named.join(', ')}.`;
}
