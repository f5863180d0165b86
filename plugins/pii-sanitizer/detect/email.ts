import { matches } from './context';
import { finding, type Detector } from './types';

/**
 * Email addresses: RFC-ish local part, a dotted domain with a real-looking TLD. Not after "$" or "%":
 * "$DB_PASSWORD@db.internal" and "%s@host" are a template's slots in a URL; after a percent-encoded
 * character they start ("?to=%3Canna.berg@gmail.com%3E").
 */
const EMAIL = /(?:(?<![\w.+$%-])|(?<=%[0-9A-Fa-f]{2}))[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

export const emailDetector: Detector = {
  name: 'email',
  category: 'email',
  priority: 60,
  detect(text) {
    const out = [];
    for (const m of matches(text, EMAIL)) {
      if (m[0].includes('..')) continue;
      out.push(finding(this, m.index, m[0], 0.95));
    }
    return out;
  },
};
