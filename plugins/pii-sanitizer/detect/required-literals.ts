import { holdsBeyondLatin1 } from './context';
import { literalFinder } from './literal-set';

/**
 * Literals a pattern cannot match without: `requiredLiterals(/(?:login|signIn)\(/)` is ["login(", "signin("], one of
 * which every match holds. A text holding none of them (in `caseless` form) is not scanned: the literals of many
 * patterns are found in one pass (`LiteralGate`), where each pattern would be a scan of its own.
 *
 * The pattern's source is read as far as literals, groups, alternatives, small classes, quantifiers and lookarounds go;
 * anything else is a character about which nothing is known. The answer is in lower case (a text holding a literal in
 * any case holds it in `caseless` form), at least two characters long each, or undefined where the pattern gives no
 * such set.
 */

/**
 * Characters whose lower case is not the lower case of the others of their case class (a pattern under `i` or `iu`
 * matches them where their class's letter stands): the long s for an "s", the micro sign for a mu, Greek's and Old
 * Cyrillic's variant forms. A test derives the classes from V8's regexes.
 */
const CASE_VARIANTS: Record<string, string> = {
  ſ: 's', µ: 'μ', '\u0345': 'ι', '\u1fbe': 'ι', ϐ: 'β', ϵ: 'ε', ϑ: 'θ', ϰ: 'κ', ϖ: 'π', ϱ: 'ρ', ς: 'σ', ϕ: 'φ',
  ᲀ: 'в', ᲁ: 'д', ᲂ: 'о', ᲃ: 'с', ᲄ: 'т', ᲅ: 'т', ᲆ: 'ъ', ᲇ: 'ѣ', ᲈ: 'ꙋ', ẛ: 'ṡ',
};
const CASE_VARIANT = new RegExp(`[${Object.keys(CASE_VARIANTS).join('')}]`, 'g');

/**
 * The text with every letter in one case, the same for all the letters a caseless pattern takes for one: in lower case,
 * and the variants above as their class's letter.
 */
export function caseless(text: string): string {
  const lower = text.toLowerCase();
  // All but the micro sign lie beyond Latin-1, which a text stored one byte per character is known not to hold at once.
  return (lower.includes('µ') || holdsBeyondLatin1(lower)) ? lower.replace(CASE_VARIANT, (ch) => CASE_VARIANTS[ch]!) : lower;
}

/** Whether a pattern may match the text a gate was given: false only where the text holds none of its required literals. */
export type MayMatch = (pattern: RegExp) => boolean;

const MAX_PATTERNS = 10_000;

/**
 * Which patterns are worth trying on a text: those whose required literals it holds (or that have none). The literals of
 * every pattern a gate has been asked about are found in one pass over the text, on its first question; a pattern asked
 * about for the first time is answered from the text itself and joins the pass from the next text on. A detector keeps
 * one gate and asks it before each of its scans: `const may = GATE.of(text); if (may(PATTERN)) …`, its patterns
 * constants (past 10,000 patterns it learns no more, and answers from each text itself).
 */
export class LiteralGate {
  private readonly required = new Map<RegExp, { literals: string[] | undefined; since: number }>();
  private finder: ((text: string) => Set<string>) | undefined;
  private patterns = 0;

  of(text: string): MayMatch {
    let lowered: string | undefined;
    let held: Set<string> | undefined;
    let heldFrom = 0;
    return (pattern) => {
      let known = this.required.get(pattern);
      if (!known) {
        known = { literals: requiredLiterals(pattern), since: this.patterns + 1 };
        if (this.patterns < MAX_PATTERNS) {
          this.patterns++;
          this.required.set(pattern, known);
          if (known.literals) this.finder = undefined;
        }
      }
      const { literals, since } = known;
      if (!literals) return true;
      lowered ??= caseless(text);
      if (!held) {
        this.finder ??= literalFinder([...this.required.values()].flatMap((k) => k.literals ?? []));
        held = this.finder(lowered);
        heldFrom = this.patterns;
      }
      // A pattern learnt after this text's pass is looked for in the text itself.
      if (since > heldFrom) return literals.some((literal) => lowered!.includes(literal));
      return literals.some((literal) => held!.has(literal));
    };
  }
}

/** What is known of a part of a pattern: every string it can match, where they are few; a set of which every match holds one. */
interface Known {
  exact?: Set<string>;
  required?: Set<string>;
}

const MAX_EXACT = 64;

export function requiredLiterals(pattern: RegExp): string[] | undefined {
  if (pattern.flags.includes('v')) return undefined;
  try {
    const reader = new Reader(pattern.source);
    const known = reader.alternation();
    if (reader.at < pattern.source.length) return undefined;
    const best = bestRequired(known);
    return best && shortest(best) >= 2 ? [...best] : undefined;
  } catch {
    return undefined;
  }
}

function shortest(set: Set<string>): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min;
}

/** The better of two sets one of whose members every match holds: the longer shortest member, then the fewer members. */
function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  const la = shortest(a);
  const lb = shortest(b);
  return la !== lb ? (la > lb ? a : b) : a.size <= b.size ? a : b;
}

function bestRequired(known: Known): Set<string> | undefined {
  return better(known.required, known.exact && !known.exact.has('') ? known.exact : undefined);
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const UNKNOWN: Known = {};
const EMPTY: Known = { exact: new Set(['']) };
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

class Reader {
  at = 0;
  constructor(private readonly source: string) {}

  alternation(): Known {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: Set<string> | undefined = new Set();
    let required: Set<string> | undefined = new Set();
    for (const branch of branches) {
      if (exact && branch.exact && exact.size + branch.exact.size <= MAX_EXACT) for (const s of branch.exact) exact.add(s);
      else exact = undefined;
      const best = bestRequired(branch);
      if (required && best) for (const s of best) required.add(s);
      else required = undefined;
    }
    return { exact, required };
  }

  /** Consecutive parts: the strings of a run of exact parts joined, and the best set any part or run gives. */
  private sequence(): Known {
    let run = new Set(['']);
    let required: Set<string> | undefined;
    let whole = true;
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const { known, zeroWidth } = this.quantified();
      if (zeroWidth) {
        // A lookaround consumes nothing: the run goes on past it, and what it asks for is required too.
        required = better(required, bestRequired(known));
        continue;
      }
      const joined = known.exact && cross(run, known.exact);
      if (joined) {
        run = joined;
        continue;
      }
      required = better(required, better(bestRequired({ exact: run }), bestRequired(known)));
      whole = false;
      run = known.exact ?? new Set(['']);
    }
    required = better(required, bestRequired({ exact: run }));
    return whole ? { exact: run, required } : { required };
  }

  private quantified(): { known: Known; zeroWidth: boolean } {
    const { known, zeroWidth } = this.atom();
    const q = this.quantifier();
    if (!q || (q.min === 1 && q.max === 1)) return { known, zeroWidth };
    if (zeroWidth) return { known: UNKNOWN, zeroWidth };
    // Optional: its strings or none. Repeated: each copy holds what one holds.
    if (q.min === 0) return { known: q.max === 1 && known.exact ? { exact: new Set([...known.exact, '']) } : UNKNOWN, zeroWidth };
    // A single string repeated holds its first copies in a row ("A{20,24}": twenty As).
    const single = known.exact?.size === 1 ? [...known.exact][0]! : undefined;
    if (single && q.min <= MAX_EXACT) return { known: { required: new Set([single.repeat(q.min)]) }, zeroWidth };
    return { known: { required: bestRequired(known) }, zeroWidth };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const ch = this.source[this.at];
    let q: { min: number; max: number } | undefined;
    if (ch === '?') q = { min: 0, max: 1 };
    else if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at));
      if (!m) return undefined;
      this.at += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity };
    }
    if (!q) return undefined;
    this.at++;
    if (this.source[this.at] === '?') this.at++;
    return q;
  }

  private atom(): { known: Known; zeroWidth: boolean } {
    const ch = this.source[this.at]!;
    if (ch === '(') return this.group();
    if (ch === '[') return { known: this.characterClass(), zeroWidth: false };
    if (ch === '^' || ch === '$') {
      this.at++;
      return { known: EMPTY, zeroWidth: true };
    }
    if (ch === '.') {
      this.at++;
      return { known: UNKNOWN, zeroWidth: false };
    }
    if (ch === '\\') return this.escape();
    this.at++;
    return { known: { exact: new Set([caseless(ch)]) }, zeroWidth: false };
  }

  private group(): { known: Known; zeroWidth: boolean } {
    const head = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(this.source.slice(this.at))![0];
    this.at += head.length;
    const inner = this.alternation();
    if (this.source[this.at] !== ')') throw new Error('unclosed group');
    this.at++;
    if (head === '(?=' || head === '(?<=') return { known: { required: bestRequired(inner) }, zeroWidth: true };
    if (head === '(?!' || head === '(?<!') return { known: UNKNOWN, zeroWidth: true };
    return { known: inner, zeroWidth: false };
  }

  /**
   * Whether the escape whose letter stands at `letterAt` is an octal one, as outside `u` ("\012"): one character, not a
   * NUL and two digits.
   */
  private octalEscape(letterAt: number): boolean {
    return this.source[letterAt] === '0' && /[0-9]/.test(this.source[letterAt + 1] ?? '');
  }

  private escape(): { known: Known; zeroWidth: boolean } {
    const next = this.source[this.at + 1];
    if (next === undefined) throw new Error('trailing backslash');
    this.at += 2;
    if (next === 'b' || next === 'B') return { known: EMPTY, zeroWidth: true };
    if (this.octalEscape(this.at - 1)) {
      while (/[0-9]/.test(this.source[this.at] ?? '')) this.at++;
      return { known: UNKNOWN, zeroWidth: false };
    }
    if (SIMPLE_ESCAPES[next] !== undefined) return { known: { exact: new Set([SIMPLE_ESCAPES[next]!]) }, zeroWidth: false };
    if (next === 'x' || next === 'u') {
      const m = (next === 'x' ? /^[0-9A-Fa-f]{2}/ : /^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})/).exec(this.source.slice(this.at));
      if (!m) return { known: UNKNOWN, zeroWidth: false };
      this.at += m[0].length;
      const code = parseInt(m[0].replace(/[{}]/g, ''), 16);
      // Half of a surrogate pair or a character beyond the BMP: nothing kept.
      if (code >= 0xd800) return { known: UNKNOWN, zeroWidth: false };
      return { known: { exact: new Set([caseless(String.fromCharCode(code))]) }, zeroWidth: false };
    }
    if (next === 'p' || next === 'P' || next === 'k') {
      const m = /^[{<][^}>]*[}>]/.exec(this.source.slice(this.at));
      if (m) this.at += m[0].length;
      return { known: UNKNOWN, zeroWidth: false };
    }
    if (next === 'c') {
      this.at++;
      return { known: UNKNOWN, zeroWidth: false };
    }
    if (/[A-Za-z0-9]/.test(next)) {
      // A class (\d, \w, \s), a back-reference or a control character: a character or more about which nothing is known.
      while (/[0-9]/.test(this.source[this.at] ?? '') && /[1-9]/.test(next)) this.at++;
      return { known: UNKNOWN, zeroWidth: false };
    }
    return { known: { exact: new Set([caseless(next)]) }, zeroWidth: false };
  }

  /** A class of a few characters written out ("[Ll]", "[_-]", "[=:]"); a negated one, a range or an escaped class is unknown. */
  private characterClass(): Known {
    this.at++;
    const chars = new Set<string>();
    let plain = this.source[this.at] !== '^';
    for (; this.at < this.source.length && this.source[this.at] !== ']'; this.at++) {
      let ch = this.source[this.at]!;
      if (ch === '\\') {
        const next = this.source[++this.at];
        if (next === undefined) throw new Error('trailing backslash');
        if (SIMPLE_ESCAPES[next] !== undefined && !this.octalEscape(this.at)) ch = SIMPLE_ESCAPES[next]!;
        else if (/[A-Za-z0-9]/.test(next)) {
          plain = false;
          continue;
        } else ch = next;
      } else if (ch === '-' && chars.size > 0 && this.source[this.at + 1] !== ']') plain = false;
      else if (ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff) plain = false;
      chars.add(caseless(ch));
    }
    if (this.source[this.at] !== ']') throw new Error('unclosed class');
    this.at++;
    return plain && chars.size > 0 && chars.size <= 8 ? { exact: chars } : UNKNOWN;
  }
}
