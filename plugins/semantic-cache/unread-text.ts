import type { Reading } from '../core/embeddings';

/**
 * Whether two prompts differ where their model reads nothing, so that their vectors cannot tell them apart: in the
 * characters it reads as unknown ("Translate: 我饿了" and "Translate: 我累了"), or after its window ends (a long piece
 * of code with one call changed near its end). Such a candidate may mean something else entirely, whatever its score.
 */
export function differsUnread(query: Reading, candidate: Reading): boolean {
  if (query.unknown.join('\u0000') !== candidate.unknown.join('\u0000')) return true;
  const [q, c] = differingStarts(query.text, candidate.text);
  // Everything before the end the two share must lie inside the window, on both sides.
  return q > query.windowEnd || c > candidate.windowEnd;
}

/** How long each text is before the end they share, a run of blanks matching any run of blanks. */
function differingStarts(a: string, b: string): [number, number] {
  const blank = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
  let i = a.trimEnd().length;
  let j = b.trimEnd().length;
  while (i > 0 && j > 0) {
    if (blank(a[i - 1]) && blank(b[j - 1])) {
      while (blank(a[i - 1])) i--;
      while (blank(b[j - 1])) j--;
    } else if (a[i - 1] === b[j - 1]) {
      i--;
      j--;
    } else break;
  }
  return [i, j];
}
