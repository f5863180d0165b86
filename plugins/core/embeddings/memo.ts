import { TextMemo } from '../text-memo';

/**
 * Vectors memoised by the hash of their text (LRU, bounded), with concurrent
 * requests for the same text sharing one computation.
 */
export class VectorMemo {
  private readonly done: TextMemo<Float32Array>;
  private readonly inflight = new Map<string, Promise<Float32Array>>();

  constructor(capacity: number) {
    this.done = new TextMemo(capacity);
  }

  get size(): number {
    return this.done.size;
  }

  get(text: string, compute: (text: string) => Promise<Float32Array>): Promise<Float32Array> {
    const key = TextMemo.key(text);
    const hit = this.done.get(key);
    if (hit) return Promise.resolve(hit);
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = compute(text)
      .then((v) => {
        this.done.set(key, v);
        return v;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }
}
