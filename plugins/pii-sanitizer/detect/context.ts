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
