/** Small vector helpers shared by the embedding engines, the vector index and the plugins. */

export function normalize(values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values as ArrayLike<number>);
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i]! * out[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/** Cosine similarity of two L2-normalised vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** Mean of the k highest cosines between `v` and `set` (unit vectors), skipping index `skip`; 0 for an empty set. */
export function topKMean(v: Float32Array, set: readonly Float32Array[], k: number, skip = -1): number {
  const best: number[] = [];
  set.forEach((u, i) => {
    if (i === skip) return;
    const score = cosine(v, u);
    if (best.length < k) {
      best.push(score);
      best.sort((a, b) => b - a);
    } else if (score > best[k - 1]!) {
      best[k - 1] = score;
      best.sort((a, b) => b - a);
    }
  });
  return best.length === 0 ? 0 : best.reduce((a, b) => a + b, 0) / best.length;
}

/** Mean of vectors, normalised: a centroid usable with cosine(). */
export function centroid(vectors: readonly Float32Array[]): Float32Array {
  const dim = vectors[0]?.length ?? 0;
  const sum = new Float32Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) sum[i]! += v[i]!;
  return normalize(sum);
}
