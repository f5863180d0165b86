import { frequency } from './context';

/**
 * Which of many literals a text holds, in one pass over its characters. One pattern of all of them (some 200 secret
 * prefixes) is tried by V8 at every position their first characters start, most of a text's. A literal is looked for
 * only where the rarest pair of characters in it stands ("k-" of "sk-", "p_" of "ghp_", "dm" of "grandma"; not one of
 * English's common pairs nor a letter beside a blank), found in a table of pairs, then by the character after the pair:
 * where each was looked for at its first two characters, the secret detector's words were checked at 625 positions of
 * the synthetic 4 KB prompt.
 */
export function literalFinder(literals: readonly string[]): (text: string) => Set<string> {
  const singles = [...new Set(literals.filter((literal) => literal.length === 1))];
  /**
   * Per bucket (a pair of characters), its literals by the character after the pair: an ASCII one's code, 128 for any
   * other, 129 for none (a literal of two characters); each with the offset of the pair in it.
   */
  const buckets: Array<Array<Array<[string, number]> | undefined>> = [];
  /** For a pair of ASCII characters, its bucket plus one (0: none). */
  const asciiPairs = new Uint16Array(128 * 128);
  const widePairs = new Map<number, number>();
  for (const literal of new Set(literals)) {
    if (literal.length < 2) continue;
    const offset = rarestPair(literal);
    const first = literal.charCodeAt(offset);
    const second = literal.charCodeAt(offset + 1);
    const ascii = first < 128 && second < 128;
    const key = ascii ? (first << 7) | second : first * 0x10000 + second;
    let bucket = ascii ? asciiPairs[key]! : (widePairs.get(key) ?? 0);
    if (bucket === 0) {
      bucket = buckets.push(new Array<Array<[string, number]> | undefined>(130));
      if (ascii) asciiPairs[key] = bucket;
      else widePairs.set(key, bucket);
    }
    const third = offset + 2 < literal.length ? Math.min(literal.charCodeAt(offset + 2), 128) : 129;
    (buckets[bucket - 1]![third] ??= []).push([literal, offset]);
  }
  const check = (text: string, at: number, entries: Array<[string, number]> | undefined, found: Set<string>) => {
    for (const [literal, offset] of entries ?? []) {
      const start = at - 1 - offset;
      if (start >= 0 && text.startsWith(literal, start)) found.add(literal);
    }
  };
  return (text) => {
    const found = new Set<string>();
    for (const single of singles) if (text.includes(single)) found.add(single);
    if (buckets.length === 0) return found;
    const wide = widePairs.size > 0;
    let previous = text.charCodeAt(0);
    for (let at = 1; at < text.length; at++) {
      const code = text.charCodeAt(at);
      const bucket = (previous | code) < 128 ? asciiPairs[(previous << 7) | code]! : wide ? (widePairs.get(previous * 0x10000 + code) ?? 0) : 0;
      if (bucket !== 0) {
        const byThird = buckets[bucket - 1]!;
        // Only the literals whose next character is the text's: "d " stands before most letters in English text.
        if (at + 1 < text.length) check(text, at, byThird[Math.min(text.charCodeAt(at + 1), 128)], found);
        check(text, at, byThird[129], found);
      }
      previous = code;
    }
    return found;
  };
}

/** The most frequent pairs of letters in English text, most frequent first (Norvig's counts of Google's books). */
const COMMON_PAIRS = (
  'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce ' +
  'li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ' +
  'ad ol rt po we na ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ' +
  'ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va'
).split(' ');
const PAIR_RANK = new Map(COMMON_PAIRS.map((pair, i) => [pair, COMMON_PAIRS.length - i]));

/** How often a pair of characters stands in text, roughly: a common pair of letters, or a letter and a blank, above any other pair. */
function pairFrequency(a: string, b: string): number {
  const rank = PAIR_RANK.get((a + b).toLowerCase());
  if (rank !== undefined) return 100 + rank;
  return a === ' ' || b === ' ' ? 100 + frequency(a) + frequency(b) : frequency(a) + frequency(b);
}

/** Where in a literal its rarest pair of characters starts, with a character after it where the literal has three. */
function rarestPair(literal: string): number {
  let best = 0;
  let bestScore = Infinity;
  for (let i = 0; i + 1 < literal.length && (i + 2 < literal.length || i === 0); i++) {
    const score = pairFrequency(literal[i]!, literal[i + 1]!);
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
