import type { EmbeddingsModel } from '@energetic-ai/embeddings';

/**
 * USE-lite's tokenizer, in linear time. The library's `encode` copies the rest
 * of the text at every position (`symbols.slice(i)`), so a 2 KB prompt took
 * 25 ms to tokenize and a 4 KB one about 100 ms, more than the model itself.
 * This is the same unigram Viterbi over the library's own vocabulary trie, with
 * every quirk kept (the score-0 fallback for unknown characters, ties going to
 * the later start, the walk back by UTF-16 length, unknowns merged), so the ids
 * are exactly the library's; a test checks that on real and random text.
 */
type Piece = [string[], number, number];
export interface TrieNode {
  end: boolean;
  children: Record<string, TrieNode>;
  word: Piece;
}

/** The parts of the library's tokenizer this one reads. */
export interface UseLiteTokenizer {
  trie: { root: TrieNode };
  vocabulary: Array<[string, number]>;
}

/** One token: its id, and where it stands among the symbols (code points) of the NFKC text, its separator aside. */
export interface TokenSpan {
  id: number;
  start: number;
  end: number;
}

const SEPARATOR = '\u2581';

export function encodeTokens(model: EmbeddingsModel, input: string): number[] {
  return tokenSpans(model.tokenizer as unknown as UseLiteTokenizer, input).map((t) => t.id);
}

/** The tokens of a text, a run of unknown characters as one token (id 0), as the model gets them. */
export function tokenSpans(tokenizer: UseLiteTokenizer, input: string): TokenSpan[] {
  const normalized = input.normalize('NFKC');
  if (normalized.length === 0) return [];
  const symbols = [...(SEPARATOR + normalized.replace(/ /g, SEPARATOR))];
  const n = symbols.length;
  // Every piece that ends at a position, in the order of its start.
  const ending: Array<Array<{ length: number; score: number; index: number }>> = Array.from({ length: n + 1 }, () => []);
  for (let start = 0; start < n; start++) {
    let node: TrieNode | undefined = tokenizer.trie.root.children[symbols[start]!];
    let found = false;
    for (let i = start; i < n && node; i++) {
      if (node.end) {
        ending[start + node.word[0].length]!.push({ length: node.word[0].length, score: node.word[1], index: node.word[2] });
        found = true;
      }
      node = node.children[symbols[i + 1]!];
    }
    if (!found) ending[start + 1]!.push({ length: 1, score: 0, index: 0 });
  }
  const best = new Float64Array(n + 1);
  const words = new Int32Array(n + 1);
  for (let end = 0; end <= n; end++) {
    for (const piece of ending[end]!) {
      const score = piece.score + best[end - piece.length]!;
      if (best[end] === 0 || score >= best[end]!) {
        best[end] = score;
        words[end] = piece.index;
      }
    }
  }
  const spans: TokenSpan[] = [];
  for (let at = n; at > 0; ) {
    const id = words[at]!;
    const start = Math.max(0, at - tokenizer.vocabulary[id]![0].length);
    // Symbol 0 is the separator the tokenizer puts first: positions count from the text's first code point.
    spans.push({ id, start: Math.max(0, start - 1), end: at - 1 });
    at = start;
  }
  const merged: TokenSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && last.id === 0 && span.id === 0) last.start = span.start;
    else merged.push(span);
  }
  return merged.reverse();
}
