import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random provider-looking identifier, e.g. `randomId('chatcmpl-', 29)`. Ids are the only non-deterministic part of answers. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
