import { normalize } from '../../plugins/core/embeddings/vector-math';
import { ExactIndex } from '../../plugins/core/vectors/exact-index';
import { HnswIndex } from '../../plugins/core/vectors/hnsw-index';
import { VectorStore } from '../../plugins/core/vectors/vector-store';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function randomVectors(n: number, dim: number, seed = 1): Float32Array[] {
  const rand = seeded(seed);
  return Array.from({ length: n }, () => normalize(Array.from({ length: dim }, rand)));
}

describe('vector indexes', () => {
  it('HNSW finds what exact search finds (recall@1 over 300 queries on 5,000 vectors)', () => {
    const vectors = randomVectors(5000, 64);
    const exact = new ExactIndex();
    const hnsw = new HnswIndex(64, { initialCapacity: 256 });
    vectors.forEach((v, i) => {
      exact.add(`v${i}`, v);
      hnsw.add(`v${i}`, v);
    });
    const queries = randomVectors(300, 64, 7);
    const agree = queries.filter((q) => exact.search(q, 1)[0]!.id === hnsw.search(q, 1)[0]!.id).length;
    expect(agree / queries.length).toBeGreaterThan(0.95);
    expect(hnsw.search(vectors[42]!, 1)[0]).toEqual({ id: 'v42', score: expect.closeTo(1, 4) });
  });

  it('HNSW deletes, reuses slots and grows', () => {
    const vectors = randomVectors(100, 16);
    const hnsw = new HnswIndex(16, { initialCapacity: 8 });
    vectors.forEach((v, i) => hnsw.add(`v${i}`, v));
    expect(hnsw.size).toBe(100);
    expect(hnsw.remove('v5')).toBe(true);
    expect(hnsw.search(vectors[5]!, 3).map((n) => n.id)).not.toContain('v5');
    hnsw.add('again', vectors[5]!);
    expect(hnsw.search(vectors[5]!, 1)[0]!.id).toBe('again');
    expect(hnsw.size).toBe(100);
  });

  it('HNSW keeps every live entry findable and removable through batches of deletes and adds', () => {
    // hnswlib reuses whichever deleted slot it likes: a label handed out again once named a live entry's slot, and
    // removing that entry threw "Label not found".
    const vectors = randomVectors(400, 16, 3);
    const hnsw = new HnswIndex(16, { initialCapacity: 64 });
    const live = new Map<string, Float32Array>();
    let next = 0;
    const add = (n: number) => {
      for (let i = 0; i < n; i++, next++) {
        hnsw.add(`e${next}`, vectors[next % vectors.length]!);
        live.set(`e${next}`, vectors[next % vectors.length]!);
      }
    };
    add(40);
    for (let round = 0; round < 6; round++) {
      for (const id of [...live.keys()].filter((_, i) => i % 2 === 0)) {
        expect(hnsw.remove(id)).toBe(true);
        live.delete(id);
      }
      add(30);
      for (const [id, v] of live) expect(hnsw.search(v, 1)[0]!.id).toBe(id);
    }
    for (const id of live.keys()) expect(hnsw.remove(id)).toBe(true);
    expect(hnsw.size).toBe(0);
  });

  it('HNSW labels its points from 0 again before hnswlib would read a label past 32 bits', () => {
    const vectors = randomVectors(3, 16, 5);
    const hnsw = new HnswIndex(16, { initialCapacity: 8 });
    hnsw.add('old', vectors[0]!);
    (hnsw as unknown as { nextLabel: number }).nextLabel = 2 ** 32 - 1;
    hnsw.add('new', vectors[1]!);
    expect(hnsw.search(vectors[1]!, 1)[0]!.id).toBe('new');
    expect(hnsw.search(vectors[0]!, 1)[0]!.id).toBe('old');
    expect(hnsw.remove('new')).toBe(true);
    expect(hnsw.search(vectors[0]!, 1)[0]!.id).toBe('old');
  });
});

describe('VectorStore', () => {
  const entry = (id: string, ns: string, vector: Float32Array, expiresAt = Date.now() + 60_000) => ({ id, ns, vector, storedAt: Date.now(), expiresAt, value: id });

  it('keeps namespaces apart', () => {
    const [v] = randomVectors(1, 8);
    const store = new VectorStore<string>({ maxPerNamespace: 10 });
    store.put(entry('a', 'tenant-a', v!));
    expect(store.search('tenant-b', v!, 1)).toEqual([]);
    expect(store.search('tenant-a', v!, 1)[0]!.entry.id).toBe('a');
  });

  it('evicts the least recently used entry when a namespace is full', () => {
    const vs = randomVectors(4, 8);
    const store = new VectorStore<string>({ maxPerNamespace: 3 });
    store.put(entry('a', 'ns', vs[0]!));
    store.put(entry('b', 'ns', vs[1]!));
    store.put(entry('c', 'ns', vs[2]!));
    store.touch('a');
    expect(store.put(entry('d', 'ns', vs[3]!))).toEqual(['b']);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
  });

  it('bounds the entries of all namespaces together, the least recently used going first', () => {
    const vectors = randomVectors(10, 8);
    const store = new VectorStore<string>({ maxPerNamespace: 10, maxTotal: 4 });
    const put = (id: string, ns: string, i: number) => store.put({ id, ns, vector: vectors[i]!, storedAt: 0, expiresAt: Infinity });
    put('a', 'one', 0);
    put('b', 'two', 1);
    put('c', 'three', 2);
    put('d', 'four', 3);
    store.touch('a');
    expect(put('e', 'five', 4)).toEqual(['b']);
    expect(store.size).toBe(4);
    expect(store.get('a')).toBeDefined();
    expect(store.get('b')).toBeUndefined();
  });

  it("bounds each group by its own limit: another group's entries never evict a small group's", () => {
    const vectors = randomVectors(50, 8);
    const limits: Record<string, number> = { small: 2, big: 100 };
    const store = new VectorStore<string>({ maxPerNamespace: Infinity, maxPerGroup: (g) => limits[g]! });
    const put = (id: string, ns: string, group: string, i: number) => store.put({ id, ns, group, vector: vectors[i]!, storedAt: 0, expiresAt: Infinity });
    put('s1', 'route-small', 'small', 0);
    put('s2', 'route-small', 'small', 1);
    for (let i = 0; i < 40; i++) put(`b${i}`, 'route-big', 'big', 2 + i);
    expect(store.get('s1')).toBeDefined();
    expect(store.get('s2')).toBeDefined();
    store.touch('s1');
    expect(put('s3', 'route-small', 'small', 45)).toEqual(['s2']);
    expect(store.size).toBe(42);
  });

  it('never returns an expired entry, and sweeps them', () => {
    const [v] = randomVectors(1, 8);
    const store = new VectorStore<string>({ maxPerNamespace: 10 });
    store.put(entry('old', 'ns', v!, Date.now() - 1));
    expect(store.search('ns', v!, 1)).toEqual([]);
    store.put(entry('old2', 'ns', v!, Date.now() + 5));
    expect(store.sweep(Date.now() + 10)).toBe(1);
    expect(store.size).toBe(0);
  });

  it('switches a growing namespace to HNSW and still finds every entry', () => {
    const vectors = randomVectors(1500, 32);
    const store = new VectorStore<string>({ maxPerNamespace: 5000, exactUpTo: 1000 });
    vectors.forEach((v, i) => store.put(entry(`v${i}`, 'ns', v)));
    const found = [0, 999, 1200, 1499].map((i) => store.search('ns', vectors[i]!, 1)[0]!.entry.id);
    expect(found).toEqual(['v0', 'v999', 'v1200', 'v1499']);
    expect(store.delete('v1200')).toBe(true);
    expect(store.search('ns', vectors[1200]!, 1)[0]!.entry.id).not.toBe('v1200');
  });
});
