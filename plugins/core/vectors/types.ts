/** A vector index over L2-normalised vectors; scores are cosine similarities. */
export interface Neighbor {
  id: string;
  score: number;
}

export interface VectorIndex {
  readonly size: number;
  add(id: string, vector: Float32Array): void;
  remove(id: string): boolean;
  search(vector: Float32Array, k: number): Neighbor[];
}
