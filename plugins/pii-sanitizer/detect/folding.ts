import { cuedMatches, holdsBeyondLatin1, sticky } from './context';
import type { Finding } from './types';

/**
 * What the detectors read instead of what was typed, where the two differ: full-width forms (a Japanese or Chinese
 * IME's "０９０－１２３４－５６７８", "jane＠example.com"), the mathematical alphanumerics fancy-font generators type
 * ("𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏…", "𝗷𝗮𝗻𝗲.𝗱𝗼𝗲@…", as Unicode's compatibility mapping reads them) and the ideographic space as their ASCII, and invisible
 * characters (zero-width spaces and joiners, soft hyphens, bidi marks: "4111\u200b1111…") and control characters
 * other than tabs and line ends ("jane.doe\u0000@…", DEL) as nothing. The blanks that keep a number on one line (no-break,
 * narrow no-break and figure spaces: a French "4539\u202f1488\u202f0343\u202f6467", an IBAN pasted from a bank's page)
 * are read as a space, and the dashes a word processor puts between digits ("415–555–0132", "536‑90‑4399") as "-";
 * a dash between words stays a dash. Findings are mapped back onto the text as typed, so what is masked or restored is
 * what the writer wrote.
 */
export const FOLDED =
  /[\uFF01-\uFF5E\u3000\u00A0\u2007\u202F\u{1D400}-\u{1D7FF}]|[\u2010-\u2013\u2212](?<=\d.)(?=\d)|[\p{Cf}\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]+/gu;
/**
 * Where a fold can start: a control character, a no-break space, a soft hyphen or any character beyond Latin-1, plain
 * ranges that scan fast in any text (as `BEYOND_LATIN1`), where the pattern's properties took 53 µs of 4 KB with a curly
 * quote in it: the pattern is tried only there.
 */
export const FOLD_START = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\xA0\xAD\u0100-\uFFFF]/g;
const FOLDED_AT = sticky(FOLDED);
const AS_SPACE = new Set([0x3000, 0x00a0, 0x2007, 0x202f]);
const AS_DASH = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2212]);

export interface FoldedText {
  text: string;
  /** For each position of the folded text (and its end), the position in the text as typed. */
  origin: number[];
}

/** The folded reading of `text`, or undefined when it reads as typed. */
export function folded(text: string): FoldedText | undefined {
  if (cuedMatches(text, FOLD_START, FOLDED_AT).next().done) return undefined;
  return reading(text, FOLDED, (m) => {
    const code = m.charCodeAt(0);
    if (AS_SPACE.has(code)) return ' ';
    if (AS_DASH.has(code)) return '-';
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    // A mathematical letter or digit (two UTF-16 units) is one character of its compatibility mapping ("𝐉" -> "J"); a
    // code point of the block that Unicode leaves unassigned is read as a character the detectors take for nothing.
    const point = m.codePointAt(0)!;
    if (point >= 0x1d400 && point <= 0x1d7ff) return m.normalize('NFKC').length === 1 ? m.normalize('NFKC') : '\uFFFD';
    // An invisible run is read as nothing.
    return '';
  });
}

/**
 * `text` with each match of `pattern` (global) read as `as` gives (one character or none), or undefined when nothing
 * matches; what a match is read as stands at the match's start in the text as typed.
 */
export function reading(text: string, pattern: RegExp, as: (match: string) => string): FoldedText | undefined {
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return undefined;
  let out = '';
  const origin: number[] = [];
  let last = 0;
  const keep = (from: number, to: number) => {
    out += text.slice(from, to);
    for (let i = from; i < to; i++) origin.push(i);
  };
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    keep(last, m.index);
    const read = as(m[0]);
    out += read;
    if (read) origin.push(m.index);
    last = m.index + m[0].length;
  }
  keep(last, text.length);
  origin.push(text.length);
  return { text: oneBytePerCharacter(out), origin };
}

/**
 * The same characters in a string of one byte per character where none needs two. V8 keeps a string joined from pieces
 * of a two-byte string in two bytes per character, whatever they hold: a prompt whose only wide character is a zero-width
 * space, a word joiner or the joiner of a message's text parts is read folded, and every pattern then matched on it took
 * 1.8 times as long on real 4 KB text (4.2 against 7.5 ms), nearly five times on a text of names and addresses.
 */
function oneBytePerCharacter(text: string): string {
  return holdsBeyondLatin1(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * A finding on the folded text, onto the text as typed: the same characters, the invisible ones inside it included, and
 * a last character beyond the BMP whole.
 */
export function unfolded(finding: Finding, fold: FoldedText, typed: string): Finding {
  const start = fold.origin[finding.start]!;
  const last = fold.origin[finding.end - 1]!;
  const end = finding.end > finding.start ? last + (typed.codePointAt(last)! > 0xffff ? 2 : 1) : start;
  return { ...finding, start, end, value: typed.slice(start, end) };
}
