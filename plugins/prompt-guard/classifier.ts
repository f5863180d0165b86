/**
 * A small lexical classifier trained when the instance starts, on known attacks
 * against benign prompts (the built-in corpus plus any examples in config):
 * logistic regression over hashed word unigrams, word bigrams and character
 * 4-grams. It learns how attacks are phrased rather than what they are about,
 * in any language the corpus has, and costs well under a millisecond per
 * prompt. Training on both sides is what keeps it from flagging every prompt
 * that shares a word with an attack.
 */

import { shuffleInPlace } from '../core/seeded-random';

const DIM = 1 << 18;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const MAX_WORDS = 1500;
/** Enough text for MAX_WORDS words in any prompt but a pathological one (then the whole text is read). */
const WORDS_PREFIX_CHARS = 65_536;

/** The first `max` words of the text in lower case, without lower-casing and splitting a long text whole. */
function firstWords(text: string, max: number): string[] {
  if (text.length > WORDS_PREFIX_CHARS) {
    const words = text.slice(0, WORDS_PREFIX_CHARS).toLowerCase().match(WORD) ?? [];
    // One word more than needed proves the first `max` end inside the prefix, none cut by it.
    if (words.length > max) return words.slice(0, max);
  }
  return (text.toLowerCase().match(WORD) ?? []).slice(0, max);
}

export function features(text: string): SparseVector {
  return wordFeatures(firstWords(text, MAX_WORDS));
}

const WINDOW_WORDS = 40;
/** Feature counts of the window being read, zeroed again after each (one thread reads one window at a time). */
const windowCounts = new Uint32Array(DIM);
const SENTENCE_END = /(?<=[.!?;:。！？；])\s+|[\n\r]+/u;

/**
 * The text's words and windows of whole sentences over them (ranges of up to WINDOW_WORDS words, a longer sentence cut
 * into pieces), each starting about half a window after the last: an instruction diluted in a long document, anywhere
 * in it, is read with little else around it. Every word is in about two windows.
 */
function windowRanges(text: string): { words: string[]; ranges: Array<[number, number]> } {
  const words: string[] = [];
  const pieces: Array<[number, number]> = [];
  for (const sentence of text.split(SENTENCE_END)) {
    const found = sentence.toLowerCase().match(WORD) ?? [];
    for (let i = 0; i < found.length; i += WINDOW_WORDS) {
      const piece = found.slice(i, i + WINDOW_WORDS);
      pieces.push([words.length, words.length + piece.length]);
      words.push(...piece);
    }
  }
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < pieces.length; ) {
    let end = start + 1;
    while (end < pieces.length && pieces[end]![1] - pieces[start]![0] <= WINDOW_WORDS) end++;
    ranges.push([pieces[start]![0], pieces[end - 1]![1]]);
    if (end >= pieces.length) break;
    let next = start + 1;
    while (next < end && pieces[next]![0] - pieces[start]![0] < WINDOW_WORDS / 2) next++;
    start = next;
  }
  return { words, ranges };
}

/** The words of each window the classifier reads (see windowRanges). */
export function sentenceWindows(text: string): string[][] {
  const { words, ranges } = windowRanges(text);
  return ranges.map(([from, to]) => words.slice(from, to));
}

function wordFeatures(words: string[]): SparseVector {
  const counts = new Map<number, number>();
  const add = (key: string) => {
    const i = fnv1a(key) % DIM;
    counts.set(i, (counts.get(i) ?? 0) + 1);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(`w:${w}`);
    if (i > 0) add(`b:${words[i - 1]} ${w}`);
    const padded = ` ${w} `;
    for (let j = 0; j + 4 <= padded.length; j++) add(`c:${padded.slice(j, j + 4)}`);
  }
  // Log-scaled counts, L2-normalised: long prompts do not dominate by length alone.
  const idx = Int32Array.from(counts.keys());
  const val = Float32Array.from(counts.values(), (c) => 1 + Math.log(c));
  let norm = 0;
  for (const v of val) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < val.length; i++) val[i]! /= norm;
  return { idx, val };
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  rate?: number;
}

export class LexicalClassifier {
  private constructor(
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  /** Trains on positives (attacks) and negatives (benign); classes are weighted to balance. */
  static train(positives: readonly string[], negatives: readonly string[], options: TrainOptions = {}): LexicalClassifier {
    const epochs = options.epochs ?? 25;
    const l2 = options.l2 ?? 1e-5;
    const rate = options.rate ?? 0.5;
    const rows = [
      ...positives.map((t) => ({ x: features(t), y: 1, w: (positives.length + negatives.length) / (2 * Math.max(1, positives.length)) })),
      ...negatives.map((t) => ({ x: features(t), y: 0, w: (positives.length + negatives.length) / (2 * Math.max(1, negatives.length)) })),
    ];
    const weights = new Float32Array(DIM);
    const grad2 = new Float32Array(DIM).fill(1e-6);
    let bias = 0;
    let biasG2 = 1e-6;
    const random = seeded(42);
    const order = rows.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const r of order) {
        const { x, y, w } = rows[r]!;
        let z = bias;
        for (let k = 0; k < x.idx.length; k++) z += weights[x.idx[k]!]! * x.val[k]!;
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - y) * w;
        // AdaGrad per feature, with L2 applied to the features touched.
        for (let k = 0; k < x.idx.length; k++) {
          const f = x.idx[k]!;
          const gf = g * x.val[k]! + l2 * weights[f]!;
          grad2[f]! += gf * gf;
          weights[f]! -= (rate * gf) / Math.sqrt(grad2[f]!);
        }
        biasG2 += g * g;
        bias -= (rate * g) / Math.sqrt(biasG2);
      }
    }
    return new LexicalClassifier(weights, bias);
  }

  /** Probability that the text is an attack. */
  predict(text: string): number {
    return this.probability(features(text));
  }

  /** The highest probability of the text read whole (its first MAX_WORDS words) and read in sentence windows. */
  predictWindows(text: string): number {
    let p = this.predict(text);
    const { words, ranges } = windowRanges(text);
    if (ranges.length < 2) return p;
    // Each word's features are hashed once, not once per window that holds it.
    const own = words.map((w) => {
      const padded = ` ${w} `;
      const keys = [fnv1a(`w:${w}`) % DIM];
      for (let j = 0; j + 4 <= padded.length; j++) keys.push(fnv1a(`c:${padded.slice(j, j + 4)}`) % DIM);
      return keys;
    });
    const bigram = words.map((w, i) => (i > 0 ? fnv1a(`b:${words[i - 1]} ${w}`) % DIM : -1));
    for (const [from, to] of ranges) p = Math.max(p, this.rangeProbability(own, bigram, from, to));
    return p;
  }

  /** predict() of the words from..to, from their hashed features (the same log-scaled, L2-normalised counts). */
  private rangeProbability(own: number[][], bigram: number[], from: number, to: number): number {
    const touched: number[] = [];
    const add = (f: number) => {
      if (windowCounts[f]!++ === 0) touched.push(f);
    };
    for (let i = from; i < to; i++) {
      for (const f of own[i]!) add(f);
      if (i > from) add(bigram[i]!);
    }
    let norm = 0;
    let dot = 0;
    for (const f of touched) {
      const v = 1 + Math.log(windowCounts[f]!);
      windowCounts[f] = 0;
      norm += v * v;
      dot += this.weights[f]! * v;
    }
    return 1 / (1 + Math.exp(-(this.bias + dot / (Math.sqrt(norm) || 1))));
  }

  private probability(x: SparseVector): number {
    let z = this.bias;
    for (let k = 0; k < x.idx.length; k++) z += this.weights[x.idx[k]!]! * x.val[k]!;
    return 1 / (1 + Math.exp(-z));
  }
}
