import { ExactIndex } from './exact-index';
import { HnswIndex, type HnswOptions } from './hnsw-index';
import type { Neighbor, VectorIndex } from './types';

/**
 * Exact search while a namespace is small (exact and cheap), HNSW once it grows
 * past `switchAt` vectors. Most tenants' namespaces stay small.
 */
export class AdaptiveIndex implements VectorIndex {
  private exact: ExactIndex | undefined = new ExactIndex();
  private hnsw: HnswIndex | undefined;

  constructor(
    private readonly switchAt = 1000,
    private readonly hnswOptions: HnswOptions = {},
  ) {}

  get size(): number {
    return (this.exact ?? this.hnsw)!.size;
  }

  get kind(): 'exact' | 'hnsw' {
    return this.exact ? 'exact' : 'hnsw';
  }

  add(id: string, vector: Float32Array): void {
    if (this.exact) {
      this.exact.add(id, vector);
      if (this.exact.size > this.switchAt) this.promote(vector.length);
      return;
    }
    this.hnsw!.add(id, vector);
  }

  remove(id: string): boolean {
    return (this.exact ?? this.hnsw)!.remove(id);
  }

  search(vector: Float32Array, k: number): Neighbor[] {
    return (this.exact ?? this.hnsw)!.search(vector, k);
  }

  private promote(dim: number): void {
    const hnsw = new HnswIndex(dim, { initialCapacity: this.switchAt * 4, ...this.hnswOptions });
    for (const [id, v] of this.exact!.entries()) hnsw.add(id, v);
    this.hnsw = hnsw;
    this.exact = undefined;
  }
}
