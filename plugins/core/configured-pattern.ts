import { checkSync } from 'recheck';

/**
 * Regular expressions an operator writes in a plugin's config (custom detectors, allow and deny patterns). They run
 * synchronously on every request, so no deadline can stop one: a pattern that backtracks exponentially, or in time
 * growing as the cube of the input or faster, would stall the whole plugin server. recheck (the ReDoS checker behind
 * eslint-plugin-redos) analyses each pattern's automaton once, at config time; a square's growth ("[a-z.]+@corp\.com",
 * searched anywhere in a text) is what nearly every pattern that can start anywhere has, and is accepted. Where
 * recheck cannot decide, a repeated group whose contents can match a run in more than one way is refused: a group
 * holding a quantifier of variable count or an alternation, at any depth ("(\d{1,9}){1,99}", "(a|aa)*"); fixed counts
 * are safe ("(\d{3}-)+").
 */

/** A growth of this degree or more is refused: a cube on a 10 KB prompt is 10^12 steps. */
const REFUSED_DEGREE = 3;
const CHECK_TIMEOUT_MS = 5_000;
const verdicts = new Map<string, string | undefined>();

interface Quantifier {
  length: number;
  max: number;
  variable: boolean;
}

const BRACES = /^\{(\d+)(,(\d*))?\}/;

function quantifierAt(source: string, i: number): Quantifier | undefined {
  const c = source[i];
  let q: Quantifier | undefined;
  if (c === '*' || c === '+') q = { length: 1, max: Infinity, variable: true };
  else if (c === '?') q = { length: 1, max: 1, variable: true };
  else if (c === '{') {
    const m = BRACES.exec(source.slice(i));
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

/** Why a pattern's matching could take exponential or cubic time, or undefined. */
export function backtrackingHazard(source: string, flags = 'u'): string | undefined {
  const key = `${flags}/${source}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const verdict = recheckVerdict(source, flags);
  verdicts.set(key, verdict);
  return verdict;
}

function recheckVerdict(source: string, flags: string): string | undefined {
  const diagnostics = checkSync(source, flags.replace(/[gyd]/g, ''), { timeout: CHECK_TIMEOUT_MS });
  if (diagnostics.status === 'safe') return undefined;
  if (diagnostics.status === 'unknown') return repeatedAmbiguousGroup(source);
  const complexity = diagnostics.complexity;
  if (complexity.type === 'exponential') return 'matching it can take exponential time on some inputs';
  return complexity.degree >= REFUSED_DEGREE ? `matching it can take time growing as the input's length to the power ${complexity.degree}` : undefined;
}

/** Why a pattern could backtrack exponentially by its structure alone, or undefined. */
function repeatedAmbiguousGroup(source: string): string | undefined {
  // For each open group: whether its contents can match a run in more than one way.
  const ambiguous: boolean[] = [false];
  const markOpen = () => {
    ambiguous[ambiguous.length - 1] = true;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      // An escape's own braces ("\u{61}", "\p{L}") are no quantifier.
      const braced = /^\\[upPk]\{[^}]*\}/.exec(source.slice(i, i + 64));
      i += braced ? braced[0].length : 2;
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
        if (inner && q.max > 1) return 'it repeats a group that holds a quantifier or an alternation, so matching it can take exponential time';
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
  return backtrackingHazard(source, flags);
}

/** Compiles a configured pattern, or throws an error that says why it is refused. */
export function compileConfiguredPattern(source: string, flags: string, what: string): RegExp {
  const problem = patternProblem(source, flags);
  if (problem) throw new Error(`${what} is refused: ${problem}`);
  return new RegExp(source, flags);
}
