import { matches } from './context';
import { finding, type Detector } from './types';

/** IBANs: country code, check digits, BBAN of the country's length; mod-97 must give 1. */
const LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20,
};
/**
 * Written compact or in space-separated groups ("DE89 3704 0044…", Italy's "IT60 X 05428 11101
 * 000000123456"): of up to four characters in the country code's case, or longer with a digit, so words
 * of a sentence are no groups ("NL72 for the test"); compact, in any case. In either case: prompts typed in lower case hold
 * IBANs in lower case too, and mod-97 keeps look-alikes out. A group only ever starts after a space, so a long word is not split into groups in
 * every possible way; what follows the IBAN is cut off at the country's length below, and looked at again. Groups may be
 * set apart by a run of blanks or a tab (a table's cell, a bank's page pasted), and in capitals the country code by a
 * blank from its check digits ("DE 89 3704 …"). Dashed, only in fours ("DE89-3704-0044-0532-0130-00"): a UUID's
 * groups are none.
 */
const LONG_GROUP = String.raw`(?=[A-Za-z]*\d)[A-Za-z0-9]{5,30}`;
/** Country code, check digits and groups, all in one case (`letter`, `alphanumeric`); `gap`: what may part the first two. */
const grouped = (letter: string, alphanumeric: string, gap: string) =>
  String.raw`${letter}{2}${gap}\d{2}${alphanumeric}{0,30}(?:[ \t]+(?:${alphanumeric}{1,4}(?![A-Za-z0-9])|${LONG_GROUP})){0,9}`;
const dashed = (letter: string, alphanumeric: string) =>
  String.raw`${letter}{2}\d{2}(?:-${alphanumeric}{4}){2,7}(?:-${alphanumeric}{1,3})?(?![A-Za-z0-9-])`;
const CANDIDATE = new RegExp(
  String.raw`\b(?:${dashed('[A-Z]', '[A-Z0-9]')}|${dashed('[a-z]', '[a-z0-9]')}|${grouped('[A-Z]', '[A-Z0-9]', ' ?')}|${grouped('[a-z]', '[a-z0-9]', '')}|[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}(?![A-Za-z0-9 ]))\b`,
  'g',
);
/** What parts an IBAN's groups. */
const GAP = /[ \t-]/;
const GAPS = /[ \t-]/g;

export function ibanValid(compact: string): boolean {
  if (LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** The IBAN a candidate starts with, cut at its country's length (it may run into following words), or undefined. */
function ibanAt(candidate: string): string | undefined {
  const compact = candidate.replace(GAPS, '').toUpperCase();
  const length = LENGTHS[compact.slice(0, 2)];
  if (!length || compact.length < length) return undefined;
  let consumed = 0;
  let end = 0;
  while (consumed < length && end < candidate.length) {
    if (!GAP.test(candidate[end]!)) consumed++;
    end++;
  }
  const value = candidate.slice(0, end);
  return ibanValid(value.replace(GAPS, '').toUpperCase()) ? value : undefined;
}

export const ibanDetector: Detector = {
  name: 'iban',
  category: 'iban',
  priority: 95,
  detect(text) {
    const out = [];
    for (const m of matches(text, CANDIDATE)) {
      const value = ibanAt(m[0]);
      if (value) out.push(finding(this, m.index, value, 0.99));
      // What the candidate ran into may hold another IBAN ("DE89 … 00 and GB82 …"): scan on from after this
      // one, or after the candidate's first word when it was none.
      const firstWord = m[0].search(GAP);
      CANDIDATE.lastIndex = m.index + (value ? value.length : firstWord > 0 ? firstWord : m[0].length);
    }
    return out;
  },
};
