/**
 * Deterministic answers and token counting.
 *
 * A "token" here is a run of up to 8 letters/digits or a run of other
 * non-space characters, together with the whitespace before it. Splitting a
 * text this way gives pieces that concatenate back to the (right-trimmed)
 * text, so streamed pieces always add up to the plain answer and
 * `completion_tokens` equals the number of pieces streamed.
 */
import { hash32, seededRandom } from './random';

const TOKEN = /\s*(?:[\p{L}\p{N}_]{1,8}|[^\s\p{L}\p{N}_]+)/gu;

/** Default answer length in tokens when neither a directive nor a programmed behaviour sets one. */
export const DEFAULT_ANSWER_TOKENS = 32;

/** How many words of the prompt the answer echoes. */
const ECHOED_WORDS = 12;

/** Per-message overhead, in the spirit of chat templates' role/separator tokens. */
const MESSAGE_OVERHEAD = 3;

const FILLER = [
  'the', 'gateway', 'forwards', 'each', 'request', 'to', 'a', 'model', 'and', 'streams', 'tokens',
  'back', 'while', 'plugins', 'count', 'usage', 'cache', 'answers', 'route', 'traffic', 'across',
  'upstream', 'providers', 'with', 'steady', 'latency', 'budget', 'limits', 'keep', 'costs', 'low',
];

export function splitTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function countTokens(text: string): number {
  return splitTokens(text).length;
}

/** Prompt size estimate: tokens of every text plus a small overhead per message; grows with the prompt. */
export function countPromptTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + countTokens(text) + MESSAGE_OVERHEAD, MESSAGE_OVERHEAD);
}

/**
 * The answer to a prompt as exactly `tokens` pieces: "Mock answer to: <first
 * words of the prompt>." followed by filler words chosen by a generator seeded
 * with the prompt, cut to length.
 */
export function answerPieces(prompt: string, tokens: number): string[] {
  const words = prompt.trim().split(/\s+/).filter(Boolean).slice(0, ECHOED_WORDS);
  const pieces = splitTokens(words.length > 0 ? `Mock answer to: ${words.join(' ')}` : 'Mock answer');
  if (/[\p{L}\p{N}_]$/u.test(pieces[pieces.length - 1] ?? '')) pieces.push('.');

  const random = seededRandom(hash32(prompt));
  let sentenceLeft = 0;
  while (pieces.length < tokens) {
    if (sentenceLeft === 0) {
      sentenceLeft = 6 + Math.floor(random() * 7);
      const word = pick(random);
      pieces.push(` ${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`);
    } else if (sentenceLeft === 1) {
      pieces.push('.');
    } else {
      pieces.push(` ${pick(random)}`);
    }
    sentenceLeft--;
  }
  return pieces.slice(0, Math.max(0, tokens));
}

function pick(random: () => number): string {
  return FILLER[Math.floor(random() * FILLER.length)] ?? 'token';
}
