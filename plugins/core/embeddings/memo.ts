import { createHash } from 'node:crypto';

/**
 * Vectors memoised by the hash of their text (LRU, bounded), with concurrent
 * requests for the same text sharing one computation.
 */
export class VectorMemo {
  private readonly done = new Map<string, Float32Array>();
  private readonly inflight = new Map<string, Promise<Float32Array>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.done.size;
  }

  get(text: string, compute: (text: string) => Promise<Float32Array>): Promise<Float32Array> {
    const key = createHash('sha1').update(text).digest('base64');
    const hit = this.done.get(key);
    if (hit) {
      this.done.delete(key);
      this.done.set(key, hit);
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = compute(text)
      .then((v) => {
        this.done.set(key, v);
        if (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value as string);
        return v;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }
}
