import { ContextStore } from '../../../plugins/core/request-context';

describe('ContextStore', () => {
  it('ends a context when its last holder releases it', () => {
    const store = new ContextStore({ ttlMs: 60_000, unheldTtlMs: 60_000, maxEntries: 100 });
    const ctx = store.create();
    ctx.hold('guard');
    ctx.hold('bridge');
    ctx.release('guard');
    expect(store.get(ctx.id)).toBe(ctx);
    ctx.release('bridge');
    expect(store.get(ctx.id)).toBeUndefined();
    expect(ctx.isEnded).toBe(true);
    store.close();
  });

  it('stays bounded under load: capacity evicts the oldest, TTL sweeps the rest', () => {
    const store = new ContextStore({ ttlMs: 1000, unheldTtlMs: 1000, maxEntries: 500 });
    const created = Array.from({ length: 20_000 }, () => store.create());
    expect(store.size).toBe(500);
    expect(store.get(created[0].id)).toBeUndefined();
    expect(store.get(created[19_999].id)).toBe(created[19_999]);
    expect(store.snapshot().evictedByCapacity).toBe(19_500);

    store.sweep(Date.now() + 1001);
    expect(store.size).toBe(0);
    expect(store.snapshot().evictedByTtl).toBe(500);
    store.close();
  });

  it('evicts a context nobody holds after the short TTL, a held one only after the long one', () => {
    const store = new ContextStore({ ttlMs: 600_000, unheldTtlMs: 60_000, maxEntries: 100 });
    const held = store.create();
    held.hold('bridge');
    const unheld = store.create();
    const young = store.create();
    const now = Date.now();
    Object.defineProperty(young, 'createdAt', { value: now + 30_000 });
    store.sweep(now + 60_001);
    expect([store.get(held.id), store.get(unheld.id), store.get(young.id)]).toEqual([held, undefined, young]);
    store.sweep(now + 600_001);
    expect(store.size).toBe(0);
    store.close();
  });

  it('never evicts by TTL a context the bridge is serving, and counts its TTL again from when the bridge finished', () => {
    const store = new ContextStore({ ttlMs: 1000, unheldTtlMs: 1000, maxEntries: 100 });
    const streaming = store.create();
    streaming.hold('bridge');
    streaming.hold('langfuse-tracing');
    streaming.pin();
    const now = Date.now();
    store.sweep(now + 5000);
    expect(store.get(streaming.id)).toBe(streaming);
    streaming.release('bridge');
    streaming.unpin();
    // Kong's log phase, right after the stream, still finds it.
    store.sweep(Date.now() + 999);
    expect(store.get(streaming.id)).toBe(streaming);
    store.sweep(Date.now() + 1001);
    expect(store.get(streaming.id)).toBeUndefined();
    store.close();
  });

  it('evicts by capacity the oldest context the bridge is not serving; one it serves only when it serves them all', () => {
    const store = new ContextStore({ ttlMs: 60_000, unheldTtlMs: 60_000, maxEntries: 2 });
    const streaming = store.create();
    streaming.pin();
    const ended: string[] = [];
    streaming.whenEnded((c) => ended.push(c.id));
    const other = store.create();
    other.whenEnded((c) => ended.push(c.id));
    const third = store.create();
    expect([store.get(streaming.id), store.get(other.id)]).toEqual([streaming, undefined]);
    expect(ended).toEqual([other.id]);
    third.pin();
    store.create();
    // Both served: the oldest goes, but hears of its end only once the bridge is done with it.
    expect(store.get(streaming.id)).toBeUndefined();
    expect(ended).toEqual([other.id]);
    streaming.unpin();
    expect(ended).toEqual([other.id, streaming.id]);
    expect(store.snapshot().evictedByCapacity).toBe(2);
    store.close();
  });

  it('finds contexts only by a string id it issued', () => {
    const store = new ContextStore({ ttlMs: 1000, unheldTtlMs: 1000, maxEntries: 10 });
    const ctx = store.create();
    expect(store.get(ctx.id)).toBe(ctx);
    expect(store.get(undefined)).toBeUndefined();
    expect(store.get([])).toBeUndefined();
    expect(store.get('not-an-id')).toBeUndefined();
    store.close();
  });
});
