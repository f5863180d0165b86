/**
 * Which of many literals a text holds, in one pass over its characters: a literal is looked for only where its first two
 * characters stand, found in a table of pairs. One pattern of all of them (some 190 secret prefixes) is tried by V8 at
 * every position their first characters start, most of a text's; the pairs start at one in twenty.
 */
export function literalFinder(literals: readonly string[]): (text: string) => Set<string> {
  const singles = [...new Set(literals.filter((literal) => literal.length === 1))];
  const buckets: string[][] = [];
  /** For a pair of ASCII characters, its literals' bucket plus one (0: none). */
  const asciiPairs = new Uint16Array(128 * 128);
  const widePairs = new Map<number, number>();
  for (const literal of new Set(literals)) {
    if (literal.length < 2) continue;
    const first = literal.charCodeAt(0);
    const second = literal.charCodeAt(1);
    const ascii = first < 128 && second < 128;
    const key = ascii ? (first << 7) | second : first * 0x10000 + second;
    let bucket = ascii ? asciiPairs[key]! : (widePairs.get(key) ?? 0);
    if (bucket === 0) {
      bucket = buckets.push([]);
      if (ascii) asciiPairs[key] = bucket;
      else widePairs.set(key, bucket);
    }
    buckets[bucket - 1]!.push(literal);
  }
  return (text) => {
    const found = new Set<string>();
    for (const single of singles) if (text.includes(single)) found.add(single);
    if (buckets.length === 0) return found;
    const wide = widePairs.size > 0;
    let previous = text.charCodeAt(0);
    for (let at = 1; at < text.length; at++) {
      const code = text.charCodeAt(at);
      const bucket = (previous | code) < 128 ? asciiPairs[(previous << 7) | code]! : wide ? (widePairs.get(previous * 0x10000 + code) ?? 0) : 0;
      if (bucket !== 0) for (const literal of buckets[bucket - 1]!) if (text.startsWith(literal, at - 1)) found.add(literal);
      previous = code;
    }
    return found;
  };
}
