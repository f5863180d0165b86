import { entropy, matches } from './context';
import { SECRET_PATTERNS } from './secret-patterns';
import { finding, type Detector, type Finding } from './types';

/**
 * Secrets: the known formats above, plus values assigned to names that say
 * "secret" (key, token, secret, password…) when the value looks random enough —
 * not a placeholder, a repeated character, a variable reference or a word.
 */
const ASSIGNMENT =
  /\b([A-Za-z0-9_.-]*(?:key|token|secret|passw(?:or)?d|pwd|pass|auth|credential|api[_-]?key|access[_-]?key|client[_-]?id)[A-Za-z0-9_.-]*)\b["']?\s*(?:=>|[:=]|\s)\s*(?:\(\s*)?["']?([^\s"'`,;<>(){}\[\]]{8,200})/gi;
const PLACEHOLDER = /^(?:x+|\*+|\.+|<[^>]*>|\$\{?[\w.]+\}?|%[\w.]+%|#\{.*\}|your[_-]?\w*|change[_-]?me|example\w*|placeholder|redacted|null|none|true|false|undefined|password\w*|secret\w*|token\w*)$/i;

function looksRandom(value: string): boolean {
  if (PLACEHOLDER.test(value)) return false;
  if (/^(.)\1+$/.test(value) || /^(.)\1{6,}/.test(value)) return false;
  if (/^[a-z]+$/i.test(value) && value.length < 24) return false; // an identifier or a word
  if (/^\d+$/.test(value) && value.length < 12) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[\w$]+)+\(?$/.test(value)) return false; // a property access
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  if (value.length < 16) return classes >= 3 && /\d/.test(value);
  return entropy(value) >= 3.0 && classes >= 2;
}

export const secretDetector: Detector = {
  name: 'secrets',
  category: 'secret',
  priority: 110,
  detect(text) {
    const out: Finding[] = [];
    for (const { name, pattern } of SECRET_PATTERNS) {
      for (const m of matches(text, pattern)) out.push({ ...finding(this, m.index, m[0], 0.97), detector: `secrets:${name}` });
    }
    for (const m of matches(text, ASSIGNMENT)) {
      const value = m[2];
      if (/client[_-]?id/i.test(m[1]) && !/secret/i.test(m[1])) continue;
      if (!looksRandom(value)) continue;
      const start = m.index + m[0].lastIndexOf(value);
      out.push({ ...finding(this, start, value, 0.8), detector: 'secrets:assignment' });
    }
    return out;
  },
};
