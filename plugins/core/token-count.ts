/**
 * Token counts where a provider reports none, and for the guard's token limit: OpenAI's
 * o200k_base byte-pair encoding (gpt-tokenizer). For other vendors' models it is an
 * estimate, and the figures that use it are marked so. The encoding is loaded on first use
 * (about 150 ms and 50 MB), because most providers report usage and most routes never ask.
 * Texts longer than EXACT_CHARS are counted exactly for their start and extrapolated, so a
 * megabyte prompt never stalls the event loop the plugins share.
 */
type Counter = (text: string, options: { disallowedSpecial: Set<string> }) => number;

const EXACT_CHARS = 32_768;
/** Text such as "<|endoftext|>" in a prompt is ordinary text, not a special token (the library would throw). */
const PLAIN = { disallowedSpecial: new Set<string>() };
let counter: Counter | undefined;

export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  counter ??= (require('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens: Counter }).countTokens;
  if (text.length <= EXACT_CHARS) return counter(text, PLAIN);
  // Cut at a space near the limit, so that no word (or surrogate pair) is split.
  const cut = Math.max(text.lastIndexOf(' ', EXACT_CHARS), EXACT_CHARS / 2);
  return Math.round(counter(text.slice(0, cut), PLAIN) * (text.length / cut));
}
