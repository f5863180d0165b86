import { cuedMatches, holdsBeyondLatin1, matches, someHyphenPart, sticky } from './context';
import weights from './person-context-weights.json';

/**
 * A capitalised word judged by the words around it, as a logistic regression learned them (`person-context-train.ts`):
 * where hand-written cues name no context, "Marlena does what she can", "vintage Laakso", "beat Szwarc in straight
 * sets" still read as people, and "Dąbrowa Tarnowska" after "residents of" as a place. The features are the
 * neighbouring words (capitalised ones only by their shape), the word's shape and ending, and what the name lists say
 * of it, never the word itself: the model learns where names stand, not which names there are.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** What the name and word lists say of a word ("given", "surname", "english", "place"…), and whether it is a sentence's word. */
export interface WordFacts {
  flags(word: string): string[];
  common(word: string): boolean;
}

const TOKEN = /\p{L}[\p{L}\p{M}'’-]*|\p{N}+|\n|[^\s\p{L}\p{N}]/gu;
/** A capitalised word as names are written: "Anna", "Kowalczyk-Nowak", "O'Neill", "McDermott", "D’Angelo" (not "Pre-training"). */
const CANDIDATE = /^(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u;
const SENTENCE_END = new Set(['<s>', '<nl>', '.', '!', '?', ':', '"', '“', '>', '-', '•', '*']);

function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) tokens.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return tokens;
}

/**
 * A word of letters, apostrophes and hyphens that starts with a capital: a token as `TOKEN` reads one. The capital is
 * matched before the look back at the character before it: V8 tries a pattern that opens with a look back at every
 * position.
 */
const CAPITALISED_RUN = /\p{Lu}(?<![\p{L}\p{M}'’-]\p{Lu})[\p{L}\p{M}'’-]*/gu;
const CAPITALISED_RUN_AT = sticky(CAPITALISED_RUN);

/**
 * The capitalised words of a text that can be names and are no sentence's words, as tokens: only they are judged. In a
 * text that V8 stores two bytes per character (one with a character beyond Latin-1), where it searches the capitals'
 * ranges at each character, the words are tried only where `capitals` (found by a plain range) says one can start: the
 * words of a 4 KB prompt so stored in 26 µs where the scan took 84 (stored one byte per character, the scan takes 20).
 */
export function* candidateWords(text: string, facts: WordFacts, capitals?: readonly number[]): Generator<Token> {
  const runs = capitals && holdsBeyondLatin1(text) ? cuedMatches(text, capitals, CAPITALISED_RUN_AT) : matches(text, CAPITALISED_RUN);
  for (const m of runs) {
    // A sentence's word ("The", "Please", "Berlin"'s "Hello") is left to the rules: judging each costs more than it finds.
    // A compound of a sentence's words is a term ("Pre-Training", "Encoder-Decoder"), not a double-barrelled name.
    if (m[0].length >= 2 && CANDIDATE.test(m[0]) && !someHyphenPart(m[0], (part) => facts.common(part))) yield { text: m[0], start: m.index, end: m.index + m[0].length };
  }
}

/** How far around a word its two neighbours on each side are looked for. */
const WINDOW = 64;

/** The features of a candidate word from the two tokens on each side of it, read from the text around it. */
export function contextFeatures(text: string, word: Token, facts: WordFacts): string[] {
  const from = Math.max(0, word.start - WINDOW);
  const before = tokenize(text.slice(from, word.start), from);
  const after = tokenize(text.slice(word.end, word.end + WINDOW), word.end);
  const tokens = [...before.slice(-2), word, ...after.slice(0, 2)];
  return features(tokens, tokens.indexOf(word), facts);
}

/** A neighbour as the model sees it: a word in lower case, a capitalised word by its shape unless a sentence's word. */
function neighbour(token: Token | undefined, facts: WordFacts): string {
  if (token === undefined) return '<s>';
  const word = token.text;
  if (word === '\n') return '<nl>';
  if (/^\p{N}+$/u.test(word)) return '<num>';
  if (/^\p{Lu}/u.test(word)) {
    if (word.length > 1 && word === word.toUpperCase()) return '<caps>';
    return facts.common(word) ? word.toLowerCase() : '<cap>';
  }
  return word.length > 20 ? '<long>' : word.toLowerCase();
}

function features(tokens: Token[], i: number, facts: WordFacts): string[] {
  const word = tokens[i]!.text;
  const p1 = neighbour(tokens[i - 1], facts);
  const p2 = neighbour(tokens[i - 2], facts);
  const n1 = neighbour(tokens[i + 1], facts);
  const n2 = neighbour(tokens[i + 2], facts);
  const lower = word.toLowerCase();
  const out = ['bias', `p1=${p1}`, `p2=${p2}`, `n1=${n1}`, `n2=${n2}`, `p12=${p2}|${p1}`, `n12=${n1}|${n2}`, `pn=${p1}|${n1}`];
  out.push(`suf=${lower.slice(-3)}`, `len=${Math.min(word.length, 12)}`);
  if (SENTENCE_END.has(p1)) out.push('start');
  if (/['’-]/.test(word)) out.push('joined');
  for (const flag of facts.flags(word)) {
    out.push(`f=${flag}`, `f=${flag}|p1=${p1}`, `f=${flag}|n1=${n1}`);
  }
  return out;
}

const WEIGHTS = new Map(Object.entries(weights as Record<string, number>));

/** The model's probability that the features are a person's name's. */
export function personProbability(feats: string[]): number {
  let sum = 0;
  for (const f of feats) sum += WEIGHTS.get(f) ?? 0;
  return 1 / (1 + Math.exp(-sum));
}
