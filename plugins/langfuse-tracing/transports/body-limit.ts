/** Successful sends at the size cap before a larger batch is tried again (one large trace must not shrink batches for good). */
const CAP_PROBE_AFTER = 50;

/**
 * What a proxy's body limit (a 413) taught: batches stay under half the size of the last one it refused; after a
 * run of successes the cap is tried higher. A count would not do: as many larger spans or events pass no limit.
 */
export class BodyLimit {
  private cap = Infinity;
  private successesAtCap = 0;

  /** The most bytes the next batch may hold. */
  get bytes(): number {
    return this.cap;
  }

  refused(bytes: number): void {
    this.cap = Math.floor(bytes / 2);
    this.successesAtCap = 0;
  }

  passed(): void {
    if (this.cap !== Infinity && ++this.successesAtCap >= CAP_PROBE_AFTER) {
      this.cap *= 2;
      this.successesAtCap = 0;
    }
  }
}
