import { cacheStoreFor } from '../../plugins/semantic-cache/cache-store';

/**
 * A node keeps what its own cache instances allow: entries the shared stream brings from instances that do not run
 * here (another node's config, an older node's entries without an owner) neither grow past that nor evict an
 * instance's own entries.
 */
describe('cache store bounds on one node', () => {
  const vector = () => {
    const v = new Float32Array(8);
    v[0] = 1;
    return Buffer.from(v.buffer).toString('base64');
  };
  const now = Date.now();
  const add = (store: ReturnType<typeof cacheStoreFor>, id: string, owner: string) =>
    (store as unknown as { apply(event: unknown): void }).apply({ op: 'add', id, ns: 'n', storedAt: now, expiresAt: now + 3_600_000, prompt: id, vector: vector(), owner });

  it('holds other owners’ entries together within one default instance’s bound, and never evicts its own for them', () => {
    const store = cacheStoreFor(undefined, `bounds-${process.pid}-`, 'instance-a', 10);
    for (let i = 0; i < 10; i++) add(store, `own-${i}`, 'instance-a');
    for (let i = 0; i < 60_000; i++) add(store, `old-${i}`, '');
    for (let i = 0; i < 60_000; i++) add(store, `other-${i}`, `instance-elsewhere-${i % 50}`);
    expect(store.local.size).toBe(10 + 100_000);
    for (let i = 0; i < 10; i++) expect(store.local.get(`own-${i}`)).toBeDefined();
  });

  it('gives an instance that starts after the stream was read its own entries back, under its own bound', () => {
    // After a restart the stream is read when the first instance starts; Kong starts the others at their routes' first requests.
    const store = cacheStoreFor(undefined, `restart-${process.pid}-`, 'instance-b', 10);
    for (let i = 0; i < 300; i++) add(store, `a-${i}`, 'instance-a');
    cacheStoreFor(undefined, `restart-${process.pid}-`, 'instance-a', 1_000);
    for (let i = 0; i < 20; i++) add(store, `b-${i}`, 'instance-b');
    for (let i = 0; i < 300; i++) expect(store.local.get(`a-${i}`)).toBeDefined();
    expect(store.local.size).toBe(310);
  });
});
