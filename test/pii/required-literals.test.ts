import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { literalPrefixes } from '../../plugins/pii-sanitizer/detect/context';
import { caseless, LiteralGate, requiredLiterals } from '../../plugins/pii-sanitizer/detect/required-literals';
import { SECRET_PATTERNS } from '../../plugins/pii-sanitizer/detect/secret-patterns';

const escape = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

describe('the literals a pattern cannot match without', () => {
  it('reads literals, groups, alternatives, small classes, quantifiers and lookarounds', () => {
    expect(requiredLiterals(/(?:login|signIn|Credentials?)\(/)).toEqual(['login(', 'signin(', 'credentials(', 'credential(']);
    expect(requiredLiterals(/\.(?:set)?(?:api|secret)/)).toEqual(['.setapi', '.setsecret', '.api', '.secret']);
    expect(requiredLiterals(/[?&](?:password|pwd)=/i)).toEqual(['?password=', '?pwd=', '&password=', '&pwd=']);
    // The longest of the parts a match must hold: "sealedsecret" rather than "kind:".
    expect(requiredLiterals(/\bkind:[ \t]*SealedSecret\b|\bkubeseal\b/)).toEqual(['sealedsecret', 'kubeseal']);
    // A lookbehind's words are in the text as well.
    expect(requiredLiterals(/\((?<=(?:Client|Fernet)\()/)).toEqual(['client(', 'fernet(']);
    expect(requiredLiterals(/\bA{20,24}[A-Za-z0-9]{10,}/)).toEqual(['a'.repeat(20)]);
    expect(requiredLiterals(/\u0041bc\x2Dd/)).toEqual(['abc-d']);
    // Nothing of two characters or more that every match holds: no answer.
    expect(requiredLiterals(/\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{30}/)).toBeUndefined();
    expect(requiredLiterals(/value|<\/|['"][ \t]*,[ \t]*['"]/i)).toBeUndefined();
    expect(requiredLiterals(/ab?/)).toBeUndefined();
    expect(requiredLiterals(/(?:ab)*cd|ef/)).toEqual(['cd', 'ef']);
    expect(requiredLiterals(/(?:ab)*|cd/)).toBeUndefined();
    expect(requiredLiterals(/(?!abc)de/)).toEqual(['de']);
    expect(requiredLiterals(/[a-c]de/)).toEqual(['de']);
    expect(requiredLiterals(new RegExp('[\\w]xy', 'v'))).toBeUndefined();
    // An octal escape is one character: "\\012" is no NUL followed by "12".
    expect(requiredLiterals(new RegExp('ab\\012cd'))).toEqual(['ab']);
    expect(new RegExp('ab\\012cd').test('ab\ncd')).toBe(true);
  });

  it('holds in any text a pattern matches, in its caseless form', () => {
    const atom = fc.constantFrom('a', 'b', 'A', 'é', 'ß', 'ſ', 'ς', 'Σ', '-', '\\.', '.', '\\d', '[Aa]', '[ab]', '[a-b]', '[^a]', '(?:ab|ba)', '(?:a|)', 'a?', 'b+', 'a*', 'b{2}', '(?:ab){1,3}', '(?=ab)', '(?<=b)', '(?!a)', '\\b', '^', '$', '|');
    const text = fc.string({ unit: fc.constantFrom(...'abABéÉßſςσΣ-. 1'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 7 }), fc.constantFrom('', 'i', 'iu', 'u'), text, (atoms, flags, t) => {
        let pattern: RegExp;
        try {
          pattern = new RegExp(atoms.join(''), flags);
        } catch {
          return;
        }
        const literals = requiredLiterals(pattern);
        if (literals && pattern.test(t)) expect(literals.some((literal) => caseless(t).includes(literal))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives one caseless form to all the letters a caseless pattern takes for one', () => {
    // The classes of letters that V8's caseless patterns join, from each letter's upper and lower case, over the BMP.
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const unit = String.fromCharCode(code);
      for (const other of new Set([unit.toLowerCase(), unit.toUpperCase(), unit.toUpperCase().toLowerCase()])) {
        if (other.length !== 1 || other === unit) continue;
        if (new RegExp(`^${escape(other)}$`, 'iu').test(unit) || new RegExp(`^${escape(other)}$`, 'i').test(unit)) {
          const a = find(code);
          const b = find(other.charCodeAt(0));
          if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
        }
      }
    }
    const forms = new Map<number, Set<string>>();
    for (const code of parent.keys()) {
      const root = find(code);
      const set = forms.get(root) ?? new Set([caseless(String.fromCharCode(root))]);
      set.add(caseless(String.fromCharCode(code)));
      forms.set(root, set);
    }
    const split = [...forms.values()].filter((set) => set.size > 1).map((set) => [...set].join(' '));
    expect(split).toEqual([]);
    expect(caseless('PAſSWORD µ ΚΩΔΙΚΌΣ')).toBe('password μ κωδικόσ');
  });

  it('are held wherever the secret detector’s prechecks and prefix-less formats match the secret fixtures', () => {
    const gated = SECRET_PATTERNS.flatMap((p) => (p.requires instanceof RegExp ? [p.requires] : Array.isArray(p.requires) ? p.requires : p.requires || literalPrefixes(p.pattern) ? [] : [p.pattern]))
      .map((pattern) => ({ pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')), literals: requiredLiterals(pattern) }))
      .filter((g) => g.literals);
    expect(gated.length).toBeGreaterThan(40);
    const fixtures = path.join(__dirname, '..', '..', '..', 'bench', 'fixtures');
    const texts = fs
      .readdirSync(fixtures)
      .filter((file) => /^secrets-.*\.jsonl$/.test(file))
      .flatMap((file) => fs.readFileSync(path.join(fixtures, file), 'utf8').trim().split('\n'))
      .map((line) => (JSON.parse(line) as { text: string }).text);
    expect(texts.length).toBeGreaterThan(3000);
    let matched = 0;
    for (const text of texts) {
      const folded = caseless(text);
      for (const { pattern, literals } of gated) {
        if (!pattern.test(text)) continue;
        matched++;
        expect([pattern.source, literals!.some((literal) => folded.includes(literal))]).toEqual([pattern.source, true]);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('one pass tells which patterns may match, for patterns learnt as they are asked about', () => {
    const password = /pass(?:word|wd)\s*=/i;
    const token = /token/;
    const shape = /\d{4}-\d{4}/;
    const gate = new LiteralGate();
    const first = gate.of('nothing to see here');
    expect([first(password), first(shape)]).toEqual([false, true]);
    // Learnt after this text's pass: looked for in the text itself, each time it is asked about.
    expect([first(token), first(token)]).toEqual([false, false]);
    const second = gate.of('PASSWORD = x, TOKEN y, token z');
    expect([second(password), second(token), second(shape), second(/unknown/), second(/\w+/)]).toEqual([true, true, true, false, true]);
    const third = gate.of('a token');
    expect([third(password), third(token)]).toEqual([false, true]);
  });
});
