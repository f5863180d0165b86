/**
 * Last line of defence for text that may reach a client, a log or a trace:
 * provider error messages sometimes echo part of a key, and URLs may carry one.
 */
const PATTERNS: RegExp[] = [
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_*\-]{8,}/g,
  /\bAIza[0-9A-Za-z_\-]{20,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /([?&](?:key|api[-_]?key|token|sig|signature)=)[^&\s]+/gi,
  /(\/\/)[^/\s:@]+:[^/\s@]+@/g,
  /\bBearer\s+[A-Za-z0-9._\-]+/gi,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]'));
  }
  return out;
}

/**
 * `text` without the given secret values, nor any piece of eight characters or more taken from one of them, whatever
 * stands around it: a provider's error may echo the very key the gateway sent ("Incorrect API key provided: …"),
 * whole, shortened ("Zq7mYp2Lk9Xw...Js0A") or joined to a word ("Ab3dEf.Gh5jKl.Check").
 */
export function redactValues(text: string, secrets: Array<string | undefined>): string {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= PIECE);
  const ranges: Array<[number, number]> = [];
  for (const secret of known) {
    for (let j = 0; j + PIECE <= secret.length; j++) {
      const piece = secret.slice(j, j + PIECE);
      for (let at = text.indexOf(piece); at >= 0; ) {
        // As far as the text goes on as the secret does: one range for the whole echoed stretch.
        let end = at + PIECE;
        while (end < text.length && j + (end - at) < secret.length && text[end] === secret[j + (end - at)]) end++;
        ranges.push([at, end]);
        at = text.indexOf(piece, Math.max(at + 1, end - PIECE + 1));
      }
    }
  }
  if (ranges.length === 0) return text;
  // Overlapping and touching stretches are one.
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of ranges) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  let out = '';
  let cursor = 0;
  for (const [from, to] of merged) {
    out += `${text.slice(cursor, from)}[redacted]`;
    cursor = to;
  }
  return out + text.slice(cursor);
}

/** The shortest piece of a secret that counts as the secret. */
const PIECE = 8;
