import type { KongPDK } from '../../core/kong-pdk';
import { GatewayError } from '../../core/openai-error';
import { getRedis, redisUrlFrom } from '../../core/redis';
import type { Spend } from '../../core/bridge/answer-hooks';
import type { Budget, BudgetsConfig } from './budget-schema';
import { MemoryCounters, RedisCounters, type CounterStore } from './counter-store';
import { retryAfterS, windowFor } from './windows';

/**
 * Budgets: checked in the access phase (an exhausted budget gets a 429 with
 * retry-after before any provider is called) and settled when the bridge knows
 * what the answer cost, before the answer's last bytes reach the client. Cost
 * is counted in micro-dollars so counters stay integers.
 */
const memory = new MemoryCounters();

export function budgetStore(config: BudgetsConfig): CounterStore {
  const url = redisUrlFrom(config.redis_url);
  return url ? new RedisCounters(getRedis(url), memory) : memory;
}

async function identify(kong: KongPDK, budget: Budget): Promise<string> {
  switch (budget.by) {
    case 'credential':
      return (await kong.client.getCredential())?.id ?? 'anonymous';
    case 'header':
      return (budget.header_name && (await kong.request.getHeader(budget.header_name))) || 'anonymous';
    case 'ip':
      return (await kong.client.getIp()) ?? 'unknown';
    default:
      return (await kong.client.getConsumer())?.id ?? 'anonymous';
  }
}

export interface BudgetClaim {
  budget: Budget;
  identity: string;
}

const METRICS = [
  ['tokens', 'max_tokens', 1],
  ['cost', 'max_cost_usd', 1_000_000],
] as const;

/** Refuses the request when a budget is spent; returns what to settle afterwards. */
export async function checkBudgets(kong: KongPDK, config: BudgetsConfig, store: CounterStore, now = Date.now()): Promise<BudgetClaim[]> {
  const claims: BudgetClaim[] = [];
  for (const budget of config.limits) {
    const identity = await identify(kong, budget);
    claims.push({ budget, identity });
    for (const [metric, field, scale] of METRICS) {
      const limit = budget[field];
      if (limit === undefined) continue;
      const w = windowFor(budget, config.key_prefix, identity, metric, now);
      const [current, previous] = await store.get([w.key, w.previousKey]);
      const used = current + previous * w.previousWeight;
      if (used >= limit * scale) {
        const unit = metric === 'tokens' ? `${limit} tokens` : `$${limit}`;
        const retryAfter = retryAfterS(budget, w, current, previous, limit * scale);
        throw new GatewayError(
          429,
          `Budget '${budget.name}' is exhausted: ${unit} per ${budget.period_s} s. Try again in ${retryAfter} s.`,
          'budget_exceeded',
          null,
          { 'retry-after': String(retryAfter) },
        );
      }
    }
  }
  return claims;
}

export async function settleBudgets(claims: BudgetClaim[], config: BudgetsConfig, store: CounterStore, spend: Spend, now = Date.now()): Promise<void> {
  const tokens = spend.usage?.total_tokens ?? 0;
  // Counted in millionths of a dollar, rounded up: a short embeddings call (8 tokens cost $1.6e-7) is never free.
  const micros = Math.ceil((spend.costUsd ?? 0) * 1_000_000 - 1e-9);
  const adds: Array<Promise<void>> = [];
  for (const { budget, identity } of claims) {
    const ttl = budget.period_s * 2;
    if (budget.max_tokens !== undefined && tokens > 0) {
      adds.push(store.add(windowFor(budget, config.key_prefix, identity, 'tokens', now).key, tokens, ttl));
    }
    if (budget.max_cost_usd !== undefined && micros > 0) {
      adds.push(store.add(windowFor(budget, config.key_prefix, identity, 'cost', now).key, micros, ttl));
    }
  }
  // The answer's end waits for these: side by side, not one after another.
  await Promise.all(adds);
}
