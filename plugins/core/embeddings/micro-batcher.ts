/**
 * Gathers texts that arrive while the engine is busy into one batch: at most
 * `concurrency` batches run at once, each of at most `maxBatch` texts. Under
 * light load a text runs alone at once; under heavy load batches grow, which is
 * where the engines gain throughput.
 */
interface Waiting {
  text: string;
  resolve(v: Float32Array): void;
  reject(e: Error): void;
}

export class MicroBatcher {
  private readonly queue: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly run: (texts: string[]) => Promise<Float32Array[]>,
    private readonly concurrency: number,
    private readonly maxBatch: number,
  ) {}

  submit(text: string): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      this.pump();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running++;
      this.run(batch.map((w) => w.text))
        .then((vectors) => {
          if (vectors.length !== batch.length) throw new Error('embedding engine returned the wrong number of vectors');
          batch.forEach((w, i) => w.resolve(vectors[i]!));
        })
        .catch((err: Error) => batch.forEach((w) => w.reject(err)))
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
