import { stickyMatch } from './context';
import { finding, type Detector } from './types';

/**
 * Email addresses: RFC-ish local part, a dotted domain with a real-looking TLD, in the scripts written with blanks
 * between words (RFC 6531's "jörg@müller.de", "иван@почта.рф"). Chinese, Japanese and Korean write none: an address
 * there is ASCII and the text around it no part of it ("请发邮件到support@example.com联系我们"). Not after "$" or "%":
 * "$DB_PASSWORD@db.internal" and "%s@host" are a template's slots in a URL; after a percent-encoded character they
 * start ("?to=%3Canna.berg@gmail.com%3E").
 */
const L = String.raw`\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}`;
const EMAIL = new RegExp(
  String.raw`(?:(?<![${L}\p{N}_.+$%-])|(?<=%[0-9A-Fa-f]{2}))[${L}\p{N}](?:[${L}\p{N}._%+'’-]{0,62}[${L}\p{N}_%+-])?@(?:[${L}\p{N}](?:[${L}\p{N}-]{0,61}[${L}\p{N}])?\.)+[${L}]{2,24}(?![${L}\p{N}_-])`,
  'uy',
);
/** An apostrophe too, as Irish and French names hold one ("siobhan.o'brien@…"): a local part never starts with it. */
const LOCAL_CHAR = new RegExp(`[${L}\\p{N}._%+'’-]`, 'u');

/**
 * A repository's SSH remote, the hosts' shared "git" account before a path ("git@github.com:team/app.git",
 * "ssh://git@gitlab.example.com/team/app.git"): no one's mailbox.
 */
function gitRemote(text: string, start: number, address: string): boolean {
  if (!/^git@/i.test(address)) return false;
  const end = start + address.length;
  return /^:[\w~./-]/.test(text.slice(end, end + 2)) || text.slice(Math.max(0, start - 6), start).toLowerCase() === 'ssh://';
}

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
        if (!m[0].includes('..') && !gitRemote(text, start, m[0])) out.push(finding(this, start, m[0], 0.95));
        searchedTo = start + m[0].length;
        at = Math.max(at, searchedTo - 1);
        break;
      }
    }
    return out;
  },
};
