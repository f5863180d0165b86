/**
 * Regular expressions an operator writes in a plugin's config (custom detectors, allow and deny patterns). They run
 * synchronously on every request, so no deadline can stop one: a pattern that backtracks exponentially would stall
 * the whole plugin server. What is refused is a repeated group whose contents can match a run in more than one way:
 * a group holding a quantifier of variable count or an alternation, at any depth ("(\d{1,9}){1,99}", "(a|aa)*",
 * "(?:(?:[A-Z]+-)?\d+)+"). Fixed counts are safe ("(\d{3}-)+").
 */

interface Quantifier {
  length: number;
  max: number;
  variable: boolean;
}

const BRACES = /^\{(\d+)(,(\d*))?\}/;

function quantifierAt(source: string, i: number): Quantifier | undefined {
  const c = source[i];
  let q: Quantifier | undefined;
  if (c === '*') q = { length: 1, max: Infinity, variable: true };
  else if (c === '+') q = { length: 1, max: Infinity, variable: true };
  else if (c === '?') q = { length: 1, max: 1, variable: true };
  else if (c === '{') {
    const m = BRACES.exec(source.slice(i, i + 24));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    q = { length: m[0].length, max, variable: min !== max };
  }
  // A lazy or possessive mark after a quantifier is part of it.
  if (q && source[i + q.length] === '?') q.length++;
  return q;
}

/** The end of a character class that starts at `i` ("[" ), escapes and a leading "]" read as literals. */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  for (; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j + 1;
  }
  return source.length;
}

/** Why a pattern could backtrack exponentially, or undefined. */
export function backtrackingHazard(source: string): string | undefined {
  // For each open group: whether its contents can match a run in more than one way.
  const ambiguous: boolean[] = [false];
  const markOpen = () => {
    ambiguous[ambiguous.length - 1] = true;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i = classEnd(source, i);
    } else if (c === '(') {
      ambiguous.push(false);
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 64));
      i += prefix ? prefix[0].length : 1;
      continue;
    } else if (c === ')') {
      const inner = ambiguous.length > 1 ? ambiguous.pop()! : false;
      i++;
      const q = quantifierAt(source, i);
      if (q) {
        if (inner && q.max > 1) return 'it repeats a group that holds a quantifier or an alternation, which can make matching take exponential time';
        if (q.variable) markOpen();
        i += q.length;
      }
      if (inner) markOpen();
      continue;
    } else if (c === '|') {
      markOpen();
      i++;
      continue;
    } else {
      i++;
    }
    // After an atom: its quantifier.
    const q = quantifierAt(source, i);
    if (q) {
      if (q.variable) markOpen();
      i += q.length;
    }
  }
  return undefined;
}

/** Why a configured pattern is refused (it does not compile with `flags`, or it could backtrack), or undefined. */
export function patternProblem(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (err) {
    return (err as Error).message;
  }
  return backtrackingHazard(source);
}

/** Compiles a configured pattern, or throws an error that says why it is refused. */
export function compileConfiguredPattern(source: string, flags: string, what: string): RegExp {
  const problem = patternProblem(source, flags);
  if (problem) throw new Error(`${what} is refused: ${problem}`);
  return new RegExp(source, flags);
}
