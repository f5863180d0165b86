import type Redis from 'ioredis';

/**
 * Fixed-window counters: in Redis when configured (all Kong nodes agree), in
 * process memory otherwise or while Redis fails (each node counts alone).
 */
export interface CounterStore {
  get(keys: string[]): Promise<number[]>;
  add(key: string, amount: number, ttlS: number): Promise<void>;
}

export class MemoryCounters implements CounterStore {
  private readonly values = new Map<string, { value: number; expiresAt: number }>();

  async get(keys: string[]): Promise<number[]> {
    const now = Date.now();
    return keys.map((k) => {
      const entry = this.values.get(k);
      return entry && entry.expiresAt > now ? entry.value : 0;
    });
  }

  async add(key: string, amount: number, ttlS: number): Promise<void> {
    const now = Date.now();
    const entry = this.values.get(key);
    if (entry && entry.expiresAt > now) entry.value += amount;
    else this.values.set(key, { value: amount, expiresAt: now + ttlS * 1000 });
    if (this.values.size > 100_000) for (const [k, e] of this.values) if (e.expiresAt <= now) this.values.delete(k);
  }
}

export class RedisCounters implements CounterStore {
  constructor(private readonly redis: Redis, private readonly fallback: CounterStore) {}

  async get(keys: string[]): Promise<number[]> {
    try {
      const values = await this.redis.mget(...keys);
      return values.map((v) => Number(v ?? 0));
    } catch {
      return this.fallback.get(keys);
    }
  }

  async add(key: string, amount: number, ttlS: number): Promise<void> {
    try {
      await this.redis.multi().incrby(key, Math.round(amount)).expire(key, ttlS).exec();
    } catch {
      await this.fallback.add(key, amount, ttlS);
    }
  }
}
