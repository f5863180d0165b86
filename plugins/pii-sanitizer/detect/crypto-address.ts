import { sha256 } from '@noble/hashes/sha256';
import { keccak_256 } from '@noble/hashes/sha3';
import { bech32, bech32m, createBase58check } from '@scure/base';
import { matches } from './context';
import { finding, type Detector, type Finding } from './types';

const base58check = createBase58check(sha256);

/** Bitcoin's addresses before SegWit: a version byte (0 pays to a key, 5 to a script) and 20 bytes, base58 with a checksum. */
const LEGACY = /(?<![\p{L}\p{N}])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\p{L}\p{N}])/gu;
/** SegWit's and Taproot's: "bc1" and bech32 (witness version 0) or bech32m (1 and up), in one case. */
const SEGWIT = /(?<![\p{L}\p{N}])(?:bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![\p{L}\p{N}])/gu;
/** Ethereum's (and every EVM chain's): "0x" and 20 bytes in hex. */
const EVM = /(?<![\p{L}\p{N}])0x[0-9a-fA-F]{40}(?![\p{L}\p{N}])/gu;
/** Words that say a hex address is someone's wallet: without its mixed-case checksum, 40 hex digits are any hash's. */
const WALLET_WORDS = /wallet|ethereum|\beth\b|ether\b|metamask|ledger|trezor|usdt|usdc|erc-?20|polygon|arbitrum|\bbsc\b|binance|coinbase|send (?:it|the|to)|deposit|withdraw|payout|address/i;

function legacyValid(value: string): boolean {
  try {
    const payload = base58check.decode(value);
    return payload.length === 21 && (payload[0] === 0 || payload[0] === 5);
  } catch {
    return false;
  }
}

function segwitValid(value: string): boolean {
  const lower = value.toLowerCase() as `${string}1${string}`;
  for (const [codec, versions] of [[bech32, (v: number) => v === 0], [bech32m, (v: number) => v >= 1 && v <= 16]] as const) {
    try {
      const { prefix, words } = codec.decode(lower, 90);
      if (prefix === 'bc' && versions(words[0]!)) return true;
    } catch {
      // Not this encoding's checksum.
    }
  }
  return false;
}

/** EIP-55: a mixed-case address's capitals spell its own Keccak-256 hash. */
function checksummed(value: string): boolean | undefined {
  const hex = value.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return undefined;
  const hash = Buffer.from(keccak_256(hex.toLowerCase())).toString('hex');
  for (let i = 0; i < 40; i++) {
    const letter = hex[i]!;
    if (letter >= '0' && letter <= '9') continue;
    if ((parseInt(hash[i]!, 16) >= 8) !== (letter === letter.toUpperCase())) return false;
  }
  return true;
}

/**
 * Cryptocurrency addresses, which tie payments to a person: Bitcoin's (base58check, bech32 and bech32m, each checksum
 * verified) and Ethereum's (EIP-55's mixed-case checksum verified; in one case, only near a wallet's words). A wallet's
 * keys and recovery phrases are secrets (`secrets.ts`).
 */
export const cryptoAddressDetector: Detector = {
  name: 'crypto-address',
  category: 'crypto_address',
  priority: 75,
  detect(text) {
    const out: Finding[] = [];
    if (/[13]/.test(text)) for (const m of matches(text, LEGACY)) if (legacyValid(m[0])) out.push(finding(this, m.index, m[0], 0.95));
    if (/bc1/i.test(text)) for (const m of matches(text, SEGWIT)) if (segwitValid(m[0])) out.push(finding(this, m.index, m[0], 0.95));
    if (text.includes('0x')) {
      for (const m of matches(text, EVM)) {
        const check = checksummed(m[0]);
        if (check === true) out.push(finding(this, m.index, m[0], 0.95));
        else if (check === undefined && WALLET_WORDS.test(text.slice(Math.max(0, m.index - 80), m.index))) out.push(finding(this, m.index, m[0], 0.8));
      }
    }
    return out;
  },
};
