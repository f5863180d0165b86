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
 * `text` without the given secret values, nor any run of eight characters or more taken from one of them: a provider's
 * error may echo the very key the gateway sent ("Incorrect API key provided: …"), whatever its format.
 */
export function redactValues(text: string, secrets: Array<string | undefined>): string {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  if (known.length === 0) return text;
  // A run joins its parts by single dots ("k1.Ab3dEf.Gh5jKl"); an ellipsis splits it, so a key shortened with "..."
  // ("Zq7mYp2Lk9Xw...Js0A") is judged part by part.
  const taken = (run: string) => run.length >= 8 && known.some((secret) => secret.includes(run) || run.includes(secret));
  return text.replace(/[A-Za-z0-9_\-+/=~]+(?:\.[A-Za-z0-9_\-+/=~]+)*/g, (run) =>
    // Else each part between single dots: a key's piece joined to a word ("Zq7mYp2Lk9Xw3Rt8.Check").
    taken(run) ? '[redacted]' : run.includes('.') ? run.split('.').map((part) => (taken(part) ? '[redacted]' : part)).join('.') : run,
  );
}
