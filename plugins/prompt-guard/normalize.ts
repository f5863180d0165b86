/**
 * Undoes the tricks that hide an instruction from a text filter, so that the
 * heuristics see what the model would read: Unicode compatibility forms
 * (fullwidth, mathematical letters), invisible characters, Unicode tag
 * characters (ASCII smuggling), homoglyphs from other scripts inside Latin
 * words, leetspeak, letters spaced out one by one, and payloads encoded as
 * base64, hex, percent-encoding, ROT13 or reversed text. Every view of the text
 * is scanned; the tricks themselves are weak signals of their own.
 */
export interface TextView {
  /** Which transformation produced this view ('plain' for the normalised original). */
  via: string;
  text: string;
}

export interface Normalized {
  views: TextView[];
  /** Obfuscation signals found on the way: counts by kind. */
  tricks: Record<string, number>;
}

// Zero-width and other invisible characters: every format character (soft hyphen, joiners, BOM, bidi controls,
// interlinear annotations, musical and shorthand format controls) and every code point Unicode says to ignore in
// display (variation selectors of both planes, as "emoji smuggling" uses them; Hangul fillers).
const INVISIBLE_CLASS = String.raw`\p{Cf}\p{Default_Ignorable_Code_Point}`;
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');
const INVISIBLE_INSIDE_WORD = new RegExp(`\\p{L}[${INVISIBLE_CLASS}]+\\p{L}`, 'gu');
// Unicode tag characters U+E0000..U+E007F mirror ASCII and render as nothing.
const TAGS = /[\u{E0000}-\u{E007F}]/gu;

/** Characters of other scripts that look like Latin letters (the common confusables). */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ӏ: 'l', һ: 'h', ո: 'n', ս: 'u',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ѕ: 'S', І: 'I', Ј: 'J',
  // Greek
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', τ: 't', ι: 'i', κ: 'k', υ: 'u', ε: 'e', Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Latin look-alikes outside ASCII
  ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ʟ: 'l', ᴀ: 'a', ᴇ: 'e', ᴏ: 'o',
  // Small capitals
  ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ᴍ: 'm', ɴ: 'n', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  // Armenian and Coptic
  օ: 'o', ց: 'g', հ: 'h', ⲟ: 'o', ⲣ: 'p', ⲭ: 'x', Ⲟ: 'O', Ⲣ: 'P',
};
const HOMOGLYPH_CLASS = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'u');
const LATIN = /[A-Za-z]/;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't', '€': 'e' };
const LEET_WORD = /[\p{L}0-9@$!|+€]+/gu;

function mapHomoglyphs(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!HOMOGLYPH_CLASS.test(word)) return word;
    const chars = [...word];
    const mappable = chars.every((c) => HOMOGLYPHS[c] !== undefined || LATIN.test(c));
    // A word mixing Latin with look-alikes is a trick; a whole Cyrillic or Greek word is language.
    if (!mappable || !chars.some((c) => LATIN.test(c))) return word;
    count++;
    return chars.map((c) => HOMOGLYPHS[c] ?? c).join('');
  });
  return { text: out, count };
}

function mapLeet(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(LEET_WORD, (whole) => {
    // Trailing punctuation ("Hello!") is not leetspeak.
    const word = whole.replace(/[!|+$]+$/u, '');
    const tail = whole.slice(word.length);
    const letters = (word.match(/\p{L}/gu) ?? []).length;
    const leet = [...word].filter((c) => LEET[c] !== undefined).length;
    // Only words that mix letters with digits or symbols: "1gn0r3", "pr0mpt", "4ll"; never plain numbers.
    if (letters < 2 || leet < 1 || word.length < 3) return whole;
    count++;
    return [...word].map((c) => LEET[c] ?? c).join('') + tail;
  });
  return { text: out, count };
}

/**
 * Readings a deny pattern is also tried on, looser than the views injection detection takes: one leet character is
 * enough ("pr0ject falcon"), and any percent escape is decoded ("project%20falcon"). A policy's phrase is exact, so
 * the looser reading cannot make an innocent prompt look like an attack.
 */
export function looseReadings(text: string): string[] {
  const readings: string[] = [];
  const leet = mapLeet(text);
  if (leet.count > 0) readings.push(leet.text);
  const percent = text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  if (percent !== text) readings.push(percent);
  return readings;
}

/** "I g n o r e  a l l" → "Ignore all": runs of single characters joined (a double space separates words). */
function joinSpacedLetters(text: string): { text: string; count: number; longest: number } {
  let count = 0;
  let longest = 0;
  const out = text.replace(/(?:^|(?<=\s))(?:\p{L}(?: {1,3}|[\t.\-_*])){5,}\p{L}(?=\s|$|[.,!?])/gmu, (run) => {
    count++;
    // Only spelled-out Latin text counts as hiding a phrase: not answer keys ("A C B D"), the alphabet or spaced CJK.
    const letters = run.match(/\p{L}/gu) ?? [];
    const lowerLatin = letters.filter((c) => c >= 'a' && c <= 'z').length;
    const alphabet = letters.every((c, i) => i === 0 || c.toLowerCase().charCodeAt(0) === letters[i - 1]!.toLowerCase().charCodeAt(0) + 1);
    if (lowerLatin * 3 >= letters.length * 2 && !alphabet) longest = Math.max(longest, letters.length);
    return run
      .split(/(?: {2,}|\t|\s*[/|]\s*)/u)
      .map((w) => w.replace(/[ \t.\-_*]/g, ''))
      .join(' ');
  });
  return { text: out, count, longest };
}

const PRINTABLE_RATIO = 0.9;

function looksLikeText(decoded: string): boolean {
  if (decoded.length < 6) return false;
  let printable = 0;
  for (const ch of decoded) {
    const code = ch.codePointAt(0)!;
    if (code === 9 || code === 10 || code === 13 || (code >= 32 && code !== 127 && code !== 0xfffd)) printable++;
  }
  // Natural language has letters and spaces; random bytes and binary do not.
  return printable / [...decoded].length >= PRINTABLE_RATIO && /\p{L}{2,}/u.test(decoded) && /\s/.test(decoded);
}

const BASE64_RUN = /(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|(?:[A-Za-z0-9_-]{4}){4,}[A-Za-z0-9_-]{0,3}/g;
const HEX_RUN = /(?:(?:\\x|0x)?[0-9a-fA-F]{2}[\s,:]?){8,}/g;
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2}[^\s%]{0,3}){4,}/g;
const MAX_DECODED = 8;

function decodeBase64(run: string): string | undefined {
  const buf = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const text = buf.toString('utf8');
  return looksLikeText(text) ? text : undefined;
}

function decodeHex(run: string): string | undefined {
  const digits = run.replace(/\\x|0x|[\s,:]/gi, '');
  if (digits.length % 2 !== 0 || digits.length < 16) return undefined;
  const text = Buffer.from(digits, 'hex').toString('utf8');
  return looksLikeText(text) ? text : undefined;
}

const ESCAPED_CHARACTER = /\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{1,6})\}|\\x([0-9a-fA-F]{2})|&#(\d{1,7});?|&#[xX]([0-9a-fA-F]{1,6});?/g;

function unescapeCharacter(escape: string, u4?: string, u6?: string, x2?: string, dec?: string, hex?: string): string {
  const code = parseInt(u4 ?? u6 ?? x2 ?? hex ?? '', 16) || Number(dec);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : escape;
}

/** The text with its characters written as escapes decoded, whole. */
export function unescaped(text: string): string {
  return text.replace(ESCAPED_CHARACTER, unescapeCharacter);
}

function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/**
 * Payloads encoded inside the text, decoded whole (together no longer than the text). Past the first few, the rest
 * are read together as one view: decoys cannot push a payload out of sight, and ten thousand small payloads cost one
 * more read, not ten thousand.
 */
function decodedPayloads(text: string, tricks: Record<string, number>): TextView[] {
  const payloads: TextView[] = [];
  const push = (via: string, decoded: string | undefined) => {
    if (decoded === undefined) return;
    tricks[via] = (tricks[via] ?? 0) + 1;
    payloads.push({ via, text: decoded });
  };
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    // Plain words and identifiers are base64-shaped too: demand a mix of cases and some length.
    if (run.length < 16 || !/[a-z]/.test(run) || !/[A-Z]/.test(run)) continue;
    push('base64', decodeBase64(run));
  }
  for (const m of text.matchAll(HEX_RUN)) push('hex', decodeHex(m[0]));
  for (const m of text.matchAll(PERCENT_RUN)) {
    try {
      const decoded = decodeURIComponent(m[0]);
      if (looksLikeText(decoded)) push('percent', decoded);
    } catch {
      // not valid percent-encoding
    }
  }
  const views =
    payloads.length <= MAX_DECODED
      ? payloads
      : [...payloads.slice(0, MAX_DECODED - 1), { via: payloads[MAX_DECODED - 1]!.via, text: payloads.slice(MAX_DECODED - 1).map((p) => p.text).join('\n') }];
  // The whole text transformed, each once. Characters written as escapes: JSON's and JavaScript's "\u0049", HTML's
  // "&#73;" and "&#x49;"; one is enough to hide a word ("&#105;gnore all previous instructions").
  const whole = (via: string, transformed: string) => {
    tricks[via] = (tricks[via] ?? 0) + 1;
    views.push({ via, text: transformed });
  };
  const plain = unescaped(text);
  if (plain !== text) whole('escapes', plain);
  // Asked-for transformations: ROT13/Caesar and reversed text are only decoded when the text mentions them.
  if (/\brot[- ]?13\b|\bcaesar\b|\bcäsar\b/i.test(text)) whole('rot13', rot13(text));
  if (/\b(?:reverse[ds]?|backwards?|rückwärts|umgekehrt)\b/i.test(text)) whole('reversed', [...text].reverse().join(''));
  return views;
}

export function normalizeText(input: string, depth = 0): Normalized {
  const tricks: Record<string, number> = {};
  let text = input;
  // Unicode tag characters carry hidden ASCII: recover it as text of its own.
  const tagChars = text.match(TAGS);
  const hidden = tagChars ? tagChars.map((c) => String.fromCodePoint(c.codePointAt(0)! - 0xe0000)).join('') : '';
  if (tagChars) {
    tricks.unicode_tags = tagChars.length;
    text = text.replace(TAGS, '');
  }
  const invisible = text.match(INVISIBLE);
  if (invisible) {
    // Inside words, invisible characters split a trigger word; between words they are noise.
    const inside = text.match(INVISIBLE_INSIDE_WORD);
    if (inside) tricks.zero_width = inside.length;
    text = text.replace(INVISIBLE, '');
  }
  const nfkc = text.normalize('NFKC');
  if (nfkc !== text.normalize('NFC')) {
    // Fullwidth and mathematical letters fold to ASCII under NFKC; ligatures and the like are harmless.
    const folded = (text.match(/[\uFF01-\uFF5E\u{1D400}-\u{1D7FF}]/gu) ?? []).length;
    if (folded >= 3) tricks.fullwidth = folded;
  }
  text = nfkc;
  const views: TextView[] = [{ via: 'plain', text }];
  const homo = mapHomoglyphs(text);
  if (homo.count > 0) {
    tricks.homoglyph = homo.count;
    views.push({ via: 'homoglyph', text: homo.text });
  }
  const base = homo.text;
  const leet = mapLeet(base);
  if (leet.count >= 2) {
    tricks.leetspeak = leet.count;
    views.push({ via: 'leetspeak', text: leet.text });
  }
  const spaced = joinSpacedLetters(base);
  if (spaced.count > 0) {
    tricks.spaced_letters = spaced.count;
    tricks.spaced_letters_longest = spaced.longest;
    views.push({ via: 'spaced', text: spaced.text });
  }
  if (hidden) views.push({ via: 'unicode_tags', text: hidden });
  if (depth < 2) {
    for (const decoded of decodedPayloads(base, tricks)) {
      // A payload may itself be obfuscated or encoded again: normalise it too (two levels at most).
      const inner = normalizeText(decoded.text, depth + 1);
      for (const v of inner.views) views.push({ via: v.via === 'plain' ? decoded.via : `${decoded.via}+${v.via}`, text: v.text });
      for (const [k, n] of Object.entries(inner.tricks)) tricks[k] = (tricks[k] ?? 0) + n;
    }
  }
  return { views, tricks };
}
