/**
 * Deterministic embeddings by feature hashing: every word contributes a
 * pseudo-random vector seeded by its hash, and the sum is normalised to unit
 * length. Equal texts give equal vectors; texts sharing words are close
 * (cosine similarity reflects word overlap), which suits semantic-cache tests.
 */
import { hash32, seededRandom } from './random';

const WORD = /[\p{L}\p{N}_]+/gu;

export function embed(text: string, dimensions: number): number[] {
  const words = text.toLowerCase().match(WORD) ?? [''];
  const sum = new Float64Array(dimensions);
  for (const word of words) {
    const random = seededRandom(hash32(word));
    for (let i = 0; i < dimensions; i++) sum[i] = (sum[i] ?? 0) + random() * 2 - 1;
  }
  let squares = 0;
  for (const v of sum) squares += v * v;
  const norm = Math.sqrt(squares) || 1;
  return Array.from(sum, (v) => Math.fround(v / norm));
}

/** Little-endian float32 bytes in base64, as OpenAI's `encoding_format: "base64"`. */
export function toBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
}
