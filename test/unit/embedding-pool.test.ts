import { performance } from 'node:perf_hooks';
import { cosine, getEmbedder } from '../../plugins/core/embeddings';
import { WorkerPool } from '../../plugins/core/embeddings/worker-pool';

jest.setTimeout(60_000);

/** The default engine, for real: USE-lite in worker threads. */
describe('use-lite embedder', () => {
  const embedder = getEmbedder();

  beforeAll(() => embedder.ready());

  it('gives unit vectors that place paraphrases closer than unrelated text', async () => {
    const [a, b, c] = await embedder.embedMany(['turn on the lights', 'switch the lights on', 'the stock market fell today']);
    expect(a!.length).toBe(512);
    expect(cosine(a!, a!)).toBeCloseTo(1, 4);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.3);
  });

  it('memoises: the same text gives the very same vector object', async () => {
    const first = await embedder.embed('memoised text');
    expect(await embedder.embed('memoised text')).toBe(first);
  });

  it('never blocks the event loop: embedding runs in worker threads', async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `a fairly long sentence number ${i} about gateways, models, caches and routing decisions`);
    const before = performance.eventLoopUtilization();
    await embedder.embedMany(texts);
    const used = performance.eventLoopUtilization(before);
    // Embedding 400 texts keeps a core busy for about a second; on this thread it would show as utilisation near 1.
    expect(used.utilization).toBeLessThan(0.5);
  });
});

describe('worker pool with several workers', () => {
  it('never hands one worker two batches at once: every concurrent batch gets its answer', async () => {
    const pool = new WorkerPool({ engine: 'use-lite' }, 2);
    try {
      await pool.ready();
      const batches = await Promise.all(Array.from({ length: 6 }, (_, b) => pool.run(Array.from({ length: 5 }, (_, i) => `batch ${b} text ${i}`))));
      expect(batches.map((vectors) => vectors.length)).toEqual([5, 5, 5, 5, 5, 5]);
      expect(batches.flat().every((v) => v.length === 512)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
