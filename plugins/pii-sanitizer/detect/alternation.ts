/**
 * Literal words as one regex alternation that shares their common starts: "name is|named|name:" becomes
 * "name(?: is|d|:)". V8 tries an alternation's branches one after another at every position of the text, so a list
 * of a hundred words costs a hundred tests where none starts; shared starts cut that to one test per distinct letter.
 *
 * The matches are the same as the plain alternation's: two literals can both match at one position only when one
 * starts the other, and the tree tries such words in the order they are listed ("named" before "named him", a
 * longest-first list longest first).
 */

/** One word as regex atoms: its first letter in either case with `caseless` (a sentence may start with it). */
function atoms(word: string, caseless: boolean): string[] {
  return [...word].map((ch, i) => {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (i === 0 && caseless && lower !== upper) return `[${upper}${lower}]`;
    return ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  });
}

function tree(words: string[][], barrier: (atom: string) => boolean = () => false): string {
  const branches: Array<[string, string[][]]> = [];
  // A word that ends here is tried where it was listed: the words after it that go on past it start new branches.
  let open = new Map<string, string[][]>();
  for (const word of words) {
    const key = word[0] ?? '';
    const rests = open.get(key);
    if (rests) rests.push(word.slice(1));
    else if (key === '' || barrier(key)) {
      // So is a pattern's part that may match where a literal does: what is listed after it stays after it.
      branches.push([key, [word.slice(1)]]);
      open = new Map();
    } else {
      const started: string[][] = [word.slice(1)];
      branches.push([key, started]);
      open.set(key, started);
    }
  }
  return branches
    .map(([atom, rests]) => {
      if (atom === '') return '';
      // The atoms every rest starts with join the branch's own: "hooks\\.(?:slack|zapier)", not one group per letter.
      let shared = 0;
      while (rests.every((rest) => rest.length > shared && rest[shared] === rests[0]![shared])) shared++;
      const head = atom + rests[0]!.slice(0, shared).join('');
      const tails = rests.map((rest) => rest.slice(shared));
      return tails.length === 1 ? head : `${head}(?:${tree(tails, barrier)})`;
    })
    .join('|');
}

/**
 * The alternation of `words`, to put inside a group: `(?:${wordAlternation(words)})`. With `caseless`, each word's
 * first letter matches in either case ("[Mm]y name is"), as sentences write them.
 */
export function wordAlternation(words: readonly string[], caseless = false): string {
  // The same word twice adds nothing; an empty word would match everywhere and is a mistake in the list.
  const distinct = [...new Set(words)].filter((w) => w !== '');
  return tree(distinct.map((w) => atoms(w, caseless)));
}

const SPECIAL = new Set('\\^$.|?*+()[]{}');
const QUANTIFIER = new Set('?*+{');

/** A regex's source cut at its top-level "|" (not inside a group or a class). */
export function topAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** One character matched as itself, or a sign escaped ("\\."); not a class, an anchor, a letter's escape ("\\d") or half a character. */
function literalAtom(atom: string): boolean {
  if (atom.length === 2) return atom[0] === '\\' && !/[\p{L}\p{N}]/u.test(atom[1]!);
  const code = atom.charCodeAt(0);
  return atom.length === 1 && !SPECIAL.has(atom) && (code < 0xd800 || code > 0xdfff);
}

/**
 * One alternative as atoms: its leading literal characters one by one (an escaped sign is one), then the rest whole. A
 * character a quantifier follows, or a surrogate (a half of a character under `u`), starts the rest.
 */
function patternAtoms(alternative: string, caseless: boolean): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < alternative.length) {
    const width = alternative[i] === '\\' ? 2 : 1;
    const atom = alternative.slice(i, i + width);
    if (!literalAtom(atom) || QUANTIFIER.has(alternative[i + width] ?? '')) break;
    out.push(caseless && /^[A-Z]$/.test(atom) ? atom.toLowerCase() : atom);
    i += width;
  }
  if (i < alternative.length) out.push(alternative.slice(i));
  return out;
}

/**
 * A pattern's top-level alternatives as a tree of their shared literal starts, as `wordAlternation` makes of words:
 * "pas(?:s(?:port|eport)|aporte)" of "passport|passeport|pasaporte", one test per distinct letter where a text holds
 * none of them. An alternative whose start is no literal ("[Jj]e m", "(?<![a-z])dl") stays where it was listed, so the
 * pattern matches where and what it did. `caseless` for a pattern under the `i` flag, whose letters match either case.
 */
export function alternativesTree(source: string, caseless = false): string {
  return tree(topAlternatives(source).map((alternative) => patternAtoms(alternative, caseless)), (atom) => !literalAtom(atom));
}

/**
 * The literal words a pattern is made of, where it is literals alone ("vault", "-u|--user", "Buffer\\.from"), as the
 * text holds them; undefined where any part is more than a literal.
 */
export function literalAlternatives(source: string): string[] | undefined {
  const words: string[] = [];
  for (const alternative of topAlternatives(source)) {
    const atoms = patternAtoms(alternative, false);
    if (atoms.length === 0 || !atoms.every(literalAtom)) return undefined;
    words.push(atoms.map((atom) => atom.at(-1)!).join(''));
  }
  return words;
}

/** A class of one letter in its two cases, as `anyCase` writes a word's first letter: "[Ll]". */
const EITHER_CASE = /^\[(\p{L})(\p{L})\]/u;

/**
 * What every match of an alternative starts with, in lower case: its leading literal characters, a letter in either case
 * ("[Ll]") as the letter, up to a character that a quantifier follows or anything more than a literal ("lives?" → "live",
 * "[Cc]af[eé]" → "caf"). A cue of these, matched without case, matches wherever the alternative does. An alternative that
 * starts with no literal has none to give: a mistake where a cue is made of it.
 */
export function literalStart(alternative: string): string {
  let out = '';
  let i = 0;
  while (i < alternative.length) {
    const pair = EITHER_CASE.exec(alternative.slice(i, i + 8));
    const width = pair ? pair[0].length : alternative[i] === '\\' ? 2 : 1;
    const atom = alternative.slice(i, i + width);
    const letter = pair && pair[1]!.toLowerCase() === pair[2]!.toLowerCase() ? pair[1]!.toLowerCase() : literalAtom(atom) ? atom.at(-1)!.toLowerCase() : undefined;
    if (letter === undefined || QUANTIFIER.has(alternative[i + width] ?? '')) break;
    out += letter;
    i += width;
  }
  if (out === '') throw new Error(`no literal start in /${alternative}/`);
  return out;
}
