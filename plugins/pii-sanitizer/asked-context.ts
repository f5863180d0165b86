import { contentText } from '../core/providers/openai-types';

/** How much of the assistant's message before a short reply is read with the reply. */
const ASKED_CHARS = 64;
/** A user's reply this short may be a bare value the assistant asked for ("536904399"). */
const SHORT_REPLY = 80;

type Json = Record<string, unknown>;

/**
 * The context a user's short reply is read after: the end of the assistant's message before it ("…what is your Social
 * Security number?"), so that a bare value answering it is told by what was asked. The detectors decide with it: an
 * ordinary short number ("42") stays what it is. Empty when the message is no such reply.
 */
export function askedContext(previous: Json | undefined, message: Json): string {
  if (previous?.role !== 'assistant' || message.role !== 'user') return '';
  const reply = contentText(message.content).trim();
  if (!reply || reply.length > SHORT_REPLY) return '';
  const asked = contentText(previous.content).trimEnd();
  return asked ? `${asked.slice(-ASKED_CHARS)}\n` : '';
}
