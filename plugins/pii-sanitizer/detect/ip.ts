import { isIPv4, isIPv6 } from 'node:net';
import { matches, nearWords } from './context';
import { finding, type Detector } from './types';

/**
 * IPv4 and IPv6 addresses, parsed strictly; a dotted quad given to a version is not an address
 * ("version 1.2.3.4", "version: 1.2.3.4", "AssemblyVersion(\"1.0.0.0\")", key="webpages:Version" value="3.0.0.0").
 */
const V4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
/**
 * Not the start of an address with an IPv4 tail ("a6ea::2454:a5ce:94.105.123.75" is checked as a whole or not at all);
 * right after a label's colon ("Source IP:cddb:0f8b:…", "from:c04d:…"), a word that is no hex.
 */
const V6_START = String.raw`(?:(?<![\w:])|(?<=(?<![\w:])[\w-]{0,15}[g-zG-Z][\w-]{0,15}:))`;
const V6 = new RegExp(String.raw`${V6_START}(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|\.\d)`, 'g');
/** All eight groups, then a port as people write one without brackets ("e8e3:f7f5:…:0ac8:443"). */
const V6_PORT = new RegExp(String.raw`${V6_START}((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}):\d{1,5}(?![\w:.])`, 'g');
/** Two colons with at most four hex digits between: `V6`, tried from every position, is worth running only then. */
const V6_COLONS = /:[0-9A-Fa-f]{0,4}:/;
const VERSION =
  /(?:(?<![a-z])(?:version|ver|v|release|build|firmware|bios|kernel|patch|(?:introduced|fixed|released|shipped|added|deprecated|removed|changed)[ \t]+in)|_version)["']?\)?\s*(?:[:=(]|\s*value\s*=)?\s*["']?$/;
/** "AssemblyVersion(", "webpages:Version": a camel-case name ending in "Version" (not "conversion"). */
const CAMEL_VERSION = /[a-z:]Version["']?\)?\s*(?:[:=(]|\s*value\s*=)?\s*["']?$/;

/**
 * Addresses that identify no one: loopback as it is written (127.0.x.x, NTP's local clocks 127.127.x.x, the range's end; another address of 127/8 is
 * seldom one, and is found), unspecified, broadcast, netmasks and the ranges reserved for
 * documentation (RFC 5737, 3849), as example.com is for names, and public DNS resolvers. A host on a private
 * network is still found.
 */
const NOBODY_V4 =
  /^(?:127\.0\.|127\.127\.|127\.255\.255\.255$|0\.0\.0\.0$|255\.(?:255|254|252|248|240|224|192|128|0)\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|(?:1\.1\.1\.1|1\.0\.0\.1|8\.8\.8\.8|8\.8\.4\.4|9\.9\.9\.9|208\.67\.222\.222)$)/;
const NOBODY_V6 = /^(?:::1?|::0|2001:0?db8:.*|2001:4860:4860::88(?:88|44)|2606:4700:4700::1111)$/i;
/**
 * "10.0.0.0/8", "fc00::/7": an address whose host bits are all zero, with a shorter prefix, names a network, not a
 * host. "81.2.69.160/32" and "10.0.0.17/24" (an interface's address) are hosts; "http://34.201.12.7/1/users" a URL.
 */
function isNetwork(text: string, start: number, address: string, v4: boolean): boolean {
  if (text.slice(Math.max(0, start - 3), start) === '://') return false;
  const after = text.slice(start + address.length, start + address.length + 17);
  const prefix = /^\/(\d{1,3})(?!\d)/.exec(after)?.[1];
  const bits = prefix !== undefined ? Number(prefix) : v4 ? maskBits(MASK_AFTER.exec(after)?.[1]) : undefined;
  if (bits === undefined) return false;
  if (!v4) return bits < 128 && /(?:::|:0+)$/.test(address);
  if (bits >= 32) return false;
  return octetsValue(address) % 2 ** (32 - bits) === 0;
}

/**
 * A netmask or a Cisco wildcard mask after the address ("10.0.0.0 255.0.0.0", "172.16.0.0 0.15.255.255"): its prefix's
 * length where its bits are a mask's (ones, then zeros; a wildcard the other way round).
 */
const MASK_AFTER = /^[ \t]+((?:255|0)\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\d.])/;
function maskBits(mask: string | undefined): number | undefined {
  if (mask === undefined) return undefined;
  const value = octetsValue(mask);
  const ones = mask.startsWith('255') ? value : 2 ** 32 - 1 - value;
  const bits = ones.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return undefined;
  const firstZero = bits.indexOf('0');
  return firstZero === -1 ? 32 : firstZero;
}
/** A Cisco wildcard mask after its network's address ("172.16.0.0 0.15.255.255"). */
const wildcardMask = (text: string, start: number, address: string) =>
  address.startsWith('0.') && maskBits(address) !== undefined && /\d\.\d{1,3}[ \t]+$/.test(text.slice(Math.max(0, start - 8), start));
const octetsValue = (address: string) => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

export const ipDetector: Detector = {
  name: 'ip',
  category: 'ip',
  priority: 70,
  detect(text) {
    const out = [];
    for (const m of matches(text, V4)) {
      if (!isIPv4(m[0]) || NOBODY_V4.test(m[0]) || isNetwork(text, m.index, m[0], true) || wildcardMask(text, m.index, m[0])) continue;
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (VERSION.test(before.toLowerCase()) || CAMEL_VERSION.test(before)) continue;
      out.push(finding(this, m.index, m[0], nearWords(text, m.index, m.index + m[0].length, /\b(ip|address|host|server)\b/i) ? 0.99 : 0.9));
    }
    const colons = V6_COLONS.test(text);
    for (const m of colons ? matches(text, V6) : []) {
      if (isNetwork(text, m.index, m[0], false)) continue;
      if (isIPv6(m[0]) && !NOBODY_V6.test(m[0]) && /[0-9a-f]/i.test(m[0]) && m[0].replace(/[^:]/g, '').length >= 2) out.push(finding(this, m.index, m[0], 0.9));
    }
    // With a port, the groups must be an address's, not a list of small numbers ("1:2:3:4:5:6:7:8:9").
    for (const m of colons ? matches(text, V6_PORT) : []) {
      if (!NOBODY_V6.test(m[1]!) && m[1]!.replace(/:/g, '').length >= 16) out.push(finding(this, m.index, m[1]!, 0.9));
    }
    return out;
  },
};
