import { addressDetector } from './address';
import { byStart, firstFrom, furthestReaching } from './by-position';
import { allowFilter, type AllowList } from './allow-list';
import { cloudIdentifierDetector } from './cloud-identifier';
import { creditCardDetector } from './credit-card';
import { cryptoAddressDetector } from './crypto-address';
import { customDetector, type CustomPattern } from './custom';
import { emailDetector } from './email';
import { ADDRESS_ESCAPES, PLUS_ESCAPES, readingEscapes } from './escapes';
import { folded, unfolded, type FoldedText } from './folding';
import { ibanDetector } from './iban';
import { ipDetector } from './ip';
import { nationalIdDetector } from './national-id';
import { resolveOverlaps } from './overlap';
import { CASING_FACTS, personDetector } from './person';
import { personInOtherScriptsDetector } from './person-other-scripts';
import { forgetCasedText, readingLowerCaseAsCased } from './truecase';
import { phoneDetector } from './phone';
import { secretDetector } from './secrets';
import { ssnDetector } from './ssn';
import { DEFAULT_MIN_CONFIDENCE, type Category, type Detector, type Finding } from './types';

export { BUILT_IN_CATEGORIES } from './types';
import { urlCredentialsDetector } from './url-credentials';

/**
 * The PII and secret detection engine: every detector validates what it finds
 * and gives a confidence; findings below the threshold, on the allow-list or
 * overlapping a more specific finding are dropped. Built once per plugin
 * instance; `detect` is synchronous and allocation-light.
 */
export const BUILT_IN: Detector[] = [
  // An "@" or a "+" escaped in a URL or an HTML page ("maria.gonzalez%40gmail.com") is read decoded.
  readingEscapes(emailDetector, ADDRESS_ESCAPES),
  readingEscapes(phoneDetector, PLUS_ESCAPES),
  creditCardDetector,
  ibanDetector,
  ssnDetector,
  nationalIdDetector,
  cryptoAddressDetector,
  ipDetector,
  urlCredentialsDetector,
  secretDetector,
  cloudIdentifierDetector,
  // Their rules read capitals: a text written all in lower case is read with the capitals it would have had.
  readingLowerCaseAsCased(personDetector, CASING_FACTS),
  personInOtherScriptsDetector,
  readingLowerCaseAsCased(addressDetector, CASING_FACTS),
];


export interface DetectorOptions {
  categories?: Category[];
  custom?: CustomPattern[];
  allow?: AllowList;
  /** Findings below this confidence are ignored (default 0.5). */
  minConfidence?: number;
}

export interface PiiDetector {
  detect(text: string): Finding[];
}

export function createDetector(options: DetectorOptions = {}): PiiDetector {
  const wanted = options.categories ? new Set(options.categories) : undefined;
  const detectors = [
    ...BUILT_IN.filter((d) => !wanted || wanted.has(d.category)),
    ...(options.custom ?? []).map(customDetector),
  ];
  const builtIn = new Set(BUILT_IN);
  const allowed = allowFilter(options.allow);
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return {
    detect(typed) {
      try {
        return detectAll(typed);
      } finally {
        // The text the person and address rules cased once between them is the prompt's: not kept past this reading.
        forgetCasedText();
      }
    },
  };

  function detectAll(typed: string): Finding[] {
    if (!typed) return [];
    // The built-in detectors read the folded text; a custom pattern reads both, what was typed as its author may
    // have written it ("社員番号：[０-９]{5}") and the folded text ("EMP-\d{5}" in "ＥＭＰ－１２３４５"). An allowed
    // value is allowed in either form.
    const fold = folded(typed);
    const found: Finding[] = [];
    const priorities: number[] = [];
    const custom: number[] = [];
    for (const d of detectors) {
      const readings: Array<FoldedText | undefined> = !fold ? [undefined] : builtIn.has(d) ? [fold] : [undefined, fold];
      for (const reading of readings) {
        for (const raw of d.detect(reading ? reading.text : typed)) {
          const f = reading ? unfolded(raw, reading, typed) : raw;
          // Allowed in either form: the value as typed and as read folded ("ＥＭＰ－００００" as "EMP-0000").
          const plain = reading ? raw : fold ? { ...f, value: folded(f.value)?.text ?? f.value } : f;
          if (f.confidence < min || !allowed(f) || !allowed(plain)) continue;
          if (!builtIn.has(d)) custom.push(found.length);
          found.push(f);
          priorities.push(d.priority);
        }
      }
    }
    if (custom.length > 0) widenCustomOverBuiltIn(typed, found, new Set(custom));
    return resolveOverlaps(found, priorities);
  }
}

/**
 * A custom pattern outranks the built-in detectors where both take the same text ("EMP-123456" is no phone). Where it
 * takes part of a built-in finding (a host inside a URL with a password or an email address, "api_key=sk" of a key),
 * it takes the whole of both: the rest would otherwise go out in clear, and the custom pattern's action (a block) still
 * applies.
 */
function widenCustomOverBuiltIn(text: string, found: Finding[], custom: Set<number>): void {
  const builtIns = byStart(found.filter((_, i) => !custom.has(i)));
  const furthest = furthestReaching(builtIns);
  for (const i of custom) {
    const f = found[i]!;
    let start = f.start;
    let end = f.end;
    const at = firstFrom(builtIns, f.start);
    // One that starts before it and reaches into it; those that start inside it.
    if (at > 0 && furthest[at - 1]!.end > f.start) {
      start = furthest[at - 1]!.start;
      end = Math.max(end, furthest[at - 1]!.end);
    }
    for (let j = at; j < builtIns.length && builtIns[j]!.start < f.end; j++) end = Math.max(end, builtIns[j]!.end);
    if (start !== f.start || end !== f.end) found[i] = { ...f, start, end, value: text.slice(start, end) };
  }
}

export type { Category, Finding } from './types';
export type { CustomPattern } from './custom';
export type { AllowList } from './allow-list';
