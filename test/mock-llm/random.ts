/** Deterministic pseudo-randomness: the same text always yields the same numbers. */

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export { seededRandom } from '../../plugins/core/seeded-random';
