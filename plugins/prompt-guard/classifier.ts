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
const SENTENCE_END = /(?<=[.!?;:。！？；])\s+|[\n\r]+/u;

/**
 * The text in windows of whole sentences (up to WINDOW_WORDS words, a longer sentence cut into pieces), each starting
 * about half a window after the last: an instruction diluted in a long document, anywhere in it, is read with little
 * else around it. Every word is read about twice.
 */
export function sentenceWindows(text: string): string[][] {
  const pieces: string[][] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    const words = sentence.toLowerCase().match(WORD) ?? [];
    for (let i = 0; i < words.length; i += WINDOW_WORDS) pieces.push(words.slice(i, i + WINDOW_WORDS));
  }
  const windows: string[][] = [];
  for (let start = 0; start < pieces.length; ) {
    const window: string[] = [];
    let end = start;
    while (end < pieces.length && (window.length === 0 || window.length + pieces[end]!.length <= WINDOW_WORDS)) window.push(...pieces[end++]!);
    windows.push(window);
    if (end >= pieces.length) break;
    let next = start + 1;
    for (let words = pieces[start]!.length; next < end && words < WINDOW_WORDS / 2; next++) words += pieces[next]!.length;
    start = next;
  }
  return windows;
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
    const windows = sentenceWindows(text);
    if (windows.length > 1) for (const words of windows) p = Math.max(p, this.probability(wordFeatures(words)));
    return p;
  }

  private probability(x: SparseVector): number {
    let z = this.bias;
    for (let k = 0; k < x.idx.length; k++) z += this.weights[x.idx[k]!]! * x.val[k]!;
    return 1 / (1 + Math.exp(-z));
  }
}
