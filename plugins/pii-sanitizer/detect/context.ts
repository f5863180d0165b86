/** Whether any of the words appears within `window` characters before (or after) a span. */
export function nearWords(text: string, start: number, end: number, words: RegExp, window = 40): boolean {
  const before = text.slice(Math.max(0, start - window), start);
  const after = text.slice(end, end + Math.min(window, 20));
  return words.test(before) || words.test(after);
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Runs a global regex and yields [index, match]. */
export function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/** Runs a sticky regex at `at` only. */
export function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * The literal text each top-level alternative of a case-sensitive pattern starts with (after
 * `\b` and lookbehinds), or undefined when one has none. A text that contains none of them
 * cannot match, and `includes` is far cheaper than running the pattern.
 */
export function literalPrefixes(pattern: RegExp): string[] | undefined {
  if (pattern.flags.includes('i')) return undefined;
  const source = pattern.source;
  const alternatives: string[] = [];
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
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  const prefixes: string[] = [];
  for (const alternative of alternatives) {
    const body = alternative.replace(/^(?:\\b|\(\?<[=!](?:\\.|[^)])*\))+/, '');
    let literal = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      const next = body[i + 1];
      if (ch === '\\' && next !== undefined && /[./$\-:~+]/.test(next)) {
        literal += next;
        i++;
      } else if (/[A-Za-z0-9_:~\-/ ]/.test(ch)) literal += ch;
      else break;
      // A quantifier on the last literal character makes it optional or repeated: drop it.
      if (/[?*{]/.test(body[i + 1] ?? '')) {
        literal = literal.slice(0, -1);
        break;
      }
    }
    if (literal.length < 2) return undefined;
    prefixes.push(literal);
  }
  return prefixes;
}
