import { digitsOf, matches } from './context';

/**
 * A number with its area code set apart by a slash, as German and Austrian numbers are written ("089/12345678",
 * "030/1234567", "089 / 123 456 78"): a trunk "0", an area code, then the subscriber's digits, 7 to 13 digits in all.
 * A date's, a fraction's or a path's slash looks the same: the phone detector takes one only beside a phone's word.
 */
const AREA_SLASH = /(?<![\w+./-])\(?0[1-9]\d{1,4}\)? ?\/ ?\d{2,8}(?:[ -]\d{2,5}){0,3}(?![\w/-]|[.,]\d)/g;

/** The matches of a slashed shape in `text` whose digits number `fewest` to `most`. */
function slashed(text: string, shape: RegExp, fewest: number, most: number): RegExpExecArray[] {
  if (!text.includes('/')) return [];
  return [...matches(text, shape)].filter((m) => {
    const digits = digitsOf(m[0]).length;
    return digits >= fewest && digits <= most;
  });
}

/** The area-code-and-slash numbers of `text`. */
export function areaCodeSlashed(text: string): RegExpExecArray[] {
  return slashed(text, AREA_SLASH, 7, 13);
}

/**
 * A country's code before an area code set apart by a slash, as Hungarian and German numbers are written abroad ("+36
 * 70/327-5186", "+49 89/12345678", "0036 1/234 5678"): no date, fraction or path starts with a "+" and a country's code.
 */
const INTERNATIONAL_SLASH = /(?<![\w+./-])(?:\+|00)[1-9]\d{0,2}[ \u00a0]?(?:\(0\)[ \u00a0]?)?\d{1,4} ?\/ ?\d{2,8}(?:[ -]\d{2,5}){0,3}(?![\w/-]|[.,]\d)/g;

/** The numbers of `text` written with a country's code and an area code's slash. */
export function internationalSlashed(text: string): RegExpExecArray[] {
  return slashed(text, INTERNATIONAL_SLASH, 9, 15);
}
