import { createHash } from 'node:crypto';

/**
 * The bounds of a reading remembered per route (the sanitizer's findings, the guard's scores): texts shorter than
 * `MIN_REMEMBERED_CHARS` are read again, their reading costing about what their hash does; `REMEMBERED_TEXTS` are kept.
 */
export const MIN_REMEMBERED_CHARS = 256;
export const REMEMBERED_TEXTS = 2_000;

/**
 * Values remembered by their text's SHA-256 (least recently used dropped first, bounded by count). Only the hash is
 * kept, never the text: a prompt's personal data does not outlive its request in this memory.
 */
export class TextMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  static key(text: string): string {
    return createHash('sha256').update(text).digest('base64');
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
