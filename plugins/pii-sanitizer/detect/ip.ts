import { isIPv4, isIPv6 } from 'node:net';
import { matches, nearWords } from './context';
import { finding, type Detector } from './types';

/**
 * IPv4 and IPv6 addresses, parsed strictly; a dotted quad given to a version is not an address
 * ("version 1.2.3.4", "version: 1.2.3.4", "AssemblyVersion(\"1.0.0.0\")", key="webpages:Version" value="3.0.0.0").
 */
const V4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const V6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;
const VERSION = /(?:version|\b(?:ver|v|release|build))["']?\)?\s*(?:[:=(]|\s*value\s*=)?\s*["']?$/i;

export const ipDetector: Detector = {
  name: 'ip',
  category: 'ip',
  priority: 70,
  detect(text) {
    const out = [];
    for (const m of matches(text, V4)) {
      if (!isIPv4(m[0])) continue;
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (VERSION.test(before)) continue;
      out.push(finding(this, m.index, m[0], nearWords(text, m.index, m.index + m[0].length, /\b(ip|address|host|server)\b/i) ? 0.99 : 0.9));
    }
    for (const m of matches(text, V6)) {
      if (isIPv6(m[0]) && /[0-9a-f]/i.test(m[0]) && m[0].replace(/[^:]/g, '').length >= 2) out.push(finding(this, m.index, m[0], 0.9));
    }
    return out;
  },
};
