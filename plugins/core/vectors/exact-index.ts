import { cosine } from '../embeddings/vector-math';
import type { Neighbor, VectorIndex } from './types';

/** Exact search by scanning every vector: best for small sets, and the reference for recall. */
export class ExactIndex implements VectorIndex {
  private readonly vectors = new Map<string, Float32Array>();

  get size(): number {
    return this.vectors.size;
  }

  add(id: string, vector: Float32Array): void {
    this.vectors.set(id, vector);
  }

  remove(id: string): boolean {
    return this.vectors.delete(id);
  }

  entries(): IterableIterator<[string, Float32Array]> {
    return this.vectors.entries();
  }

  search(vector: Float32Array, k: number): Neighbor[] {
    const best: Neighbor[] = [];
    for (const [id, v] of this.vectors) {
      const score = cosine(vector, v);
      if (best.length < k) {
        best.push({ id, score });
        best.sort((a, b) => b.score - a.score);
      } else if (score > best[k - 1]!.score) {
        best[k - 1] = { id, score };
        best.sort((a, b) => b.score - a.score);
      }
    }
    return best;
  }
}
