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

function tree(words: string[][]): string {
  const branches: Array<[string, string[][]]> = [];
  // A word that ends here is tried where it was listed: the words after it that go on past it start new branches.
  let open = new Map<string, string[][]>();
  for (const word of words) {
    const key = word[0] ?? '';
    const rests = open.get(key);
    if (rests) rests.push(word.slice(1));
    else if (key === '') {
      branches.push(['', []]);
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
      return tails.length === 1 ? head : `${head}(?:${tree(tails)})`;
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
