import { isIPv4, isIPv6 } from 'node:net';
import { matches, nearWords } from './context';
import { finding, type Detector } from './types';

/**
 * IPv4 and IPv6 addresses, parsed strictly; a dotted quad given to a version is not an address
 * ("version 1.2.3.4", "version: 1.2.3.4", "AssemblyVersion(\"1.0.0.0\")", key="webpages:Version" value="3.0.0.0").
 */
const V4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
/** Not the start of an address with an IPv4 tail ("a6ea::2454:a5ce:94.105.123.75" is checked as a whole or not at all). */
const V6 = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|\.\d)/g;
const VERSION = /(?:version|\b(?:ver|v|release|build))["']?\)?\s*(?:[:=(]|\s*value\s*=)?\s*["']?$/i;

/**
 * Addresses that identify no one: loopback, unspecified, broadcast, netmasks and the ranges reserved for
 * documentation (RFC 5737, 3849), as example.com is for names, and public DNS resolvers. A host on a private
 * network is still found.
 */
const NOBODY_V4 =
  /^(?:127\.|0\.0\.0\.0$|255\.(?:255|254|252|248|240|224|192|128|0)\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|(?:1\.1\.1\.1|1\.0\.0\.1|8\.8\.8\.8|8\.8\.4\.4|9\.9\.9\.9|208\.67\.222\.222)$)/;
const NOBODY_V6 = /^(?:::1?|::0|2001:0?db8:.*|2001:4860:4860::88(?:88|44)|2606:4700:4700::1111)$/i;
/** "10.0.0.0/8": an address with a prefix length names a network, not a host. */
const CIDR_AFTER = /^\/\d{1,3}(?!\d)/;

export const ipDetector: Detector = {
  name: 'ip',
  category: 'ip',
  priority: 70,
  detect(text) {
    const out = [];
    for (const m of matches(text, V4)) {
      if (!isIPv4(m[0]) || NOBODY_V4.test(m[0]) || CIDR_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) continue;
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (VERSION.test(before)) continue;
      out.push(finding(this, m.index, m[0], nearWords(text, m.index, m.index + m[0].length, /\b(ip|address|host|server)\b/i) ? 0.99 : 0.9));
    }
    for (const m of matches(text, V6)) {
      if (CIDR_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) continue;
      if (isIPv6(m[0]) && !NOBODY_V6.test(m[0]) && /[0-9a-f]/i.test(m[0]) && m[0].replace(/[^:]/g, '').length >= 2) out.push(finding(this, m.index, m[0], 0.9));
    }
    return out;
  },
};
