import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { maskValue } from '../../plugins/pii-sanitizer/vault';

const detector = createDetector();
const wallets = (text: string) => detector.detect(text).filter((f) => f.category === 'crypto_address').map((f) => f.value);

describe('cryptocurrency addresses: found by their checksums', () => {
  it('finds Bitcoin addresses of every kind, and none whose checksum fails', () => {
    for (const value of [
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ',
      'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
    ]) {
      expect(wallets(`Please refund to ${value} by Friday`)).toEqual([value]);
    }
    for (const value of ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx', 'Bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx']) {
      expect(wallets(`Please refund to ${value} by Friday`)).toEqual([]);
    }
  });

  it("finds Ethereum addresses by EIP-55's checksum, or in one case near a wallet's words", () => {
    expect(wallets('to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual(['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed']);
    // One letter's case wrong: no address, a typo or a hash.
    expect(wallets('to 0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual([]);
    expect(wallets('my MetaMask wallet is 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toEqual(['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed']);
    expect(wallets('keccak of the block: 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toEqual([]);
  });

  it('shows the last four when masked', () => {
    expect(maskValue('crypto_address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe('****vfNa');
  });
});
