import { createHash } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 text as bytes, or undefined when a character is none of its alphabet. */
function base58(text: string): Uint8Array | undefined {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58.indexOf(ch);
    if (digit < 0) return undefined;
    n = n * 58n + BigInt(digit);
  }
  const hex = n.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/**
 * A Bitcoin private key in Wallet Import Format ("5…" of 51 characters, "K…"/"L…" of 52 on mainnet; "9…"/"c…" on
 * testnet): its version byte, 32 bytes of key (and the compression flag), and a double-SHA-256 checksum that holds.
 */
export function isBitcoinWif(value: string): boolean {
  const bytes = base58(value);
  if (!bytes || (bytes.length !== 37 && !(bytes.length === 38 && bytes[33] === 0x01))) return false;
  if (bytes[0] !== 0x80 && bytes[0] !== 0xef) return false;
  const payload = bytes.subarray(0, bytes.length - 4);
  return sha256(sha256(payload)).subarray(0, 4).equals(bytes.subarray(bytes.length - 4));
}
