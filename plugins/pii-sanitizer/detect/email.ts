import { stickyMatch } from './context';
import { finding, type Detector } from './types';

/**
 * Email addresses: RFC-ish local part, a dotted domain with a real-looking TLD, in any script (RFC 6531's
 * "jörg@例え.jp" too). Not after "$" or "%":
 * "$DB_PASSWORD@db.internal" and "%s@host" are a template's slots in a URL; after a percent-encoded
 * character they start ("?to=%3Canna.berg@gmail.com%3E").
 */
const EMAIL =
  /(?:(?<![\p{L}\p{N}_.+$%-])|(?<=%[0-9A-Fa-f]{2}))[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]{0,62}[\p{L}\p{N}_%+-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}_-])/uy;
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;

/**
 * Each address holds an "@": the pattern is tried only at the starts a local part before one can have (up to 64
 * characters back), not at every word of the text.
 */
export const emailDetector: Detector = {
  name: 'email',
  category: 'email',
  priority: 60,
  detect(text) {
    const out = [];
    let searchedTo = 0;
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let from = at;
      while (from > Math.max(searchedTo, at - 64) && LOCAL_CHAR.test(text[from - 1]!)) from--;
      for (let start = from; start < at; start++) {
        const m = stickyMatch(EMAIL, text, start);
        if (!m) continue;
        if (!m[0].includes('..')) out.push(finding(this, start, m[0], 0.95));
        searchedTo = start + m[0].length;
        at = Math.max(at, searchedTo - 1);
        break;
      }
    }
    return out;
  },
};
