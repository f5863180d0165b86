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
