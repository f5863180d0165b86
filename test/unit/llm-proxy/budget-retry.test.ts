import type { KongPDK } from '../../../plugins/core/kong-pdk';
import { GatewayError } from '../../../plugins/core/openai-error';
import { checkBudgets, settleBudgets } from '../../../plugins/llm-proxy/budgets/budgets';
import { budgetSchema, budgetsConfigSchema } from '../../../plugins/llm-proxy/budgets/budget-schema';
import { MemoryCounters } from '../../../plugins/llm-proxy/budgets/counter-store';
import { retryAfterS, windowFor } from '../../../plugins/llm-proxy/budgets/windows';

/** A budget's retry-after, on a fixed clock: refused until the second it names, let through from then on. */
const consumer = { client: { getConsumer: async () => ({ id: 'c1' }) } } as unknown as KongPDK;
const HOUR = 3_600_000;
/** Ten minutes into an hour. */
const T0 = Date.UTC(2026, 0, 1, 10, 10);

async function refusal(check: Promise<unknown>): Promise<number | undefined> {
  try {
    await check;
    return undefined;
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return Number(err.headers!['retry-after']);
  }
}

describe('budget retry-after', () => {
  const spent = async (window: 'fixed' | 'sliding', spends: Array<[at: number, tokens: number]>) => {
    const config = budgetsConfigSchema.parse({ key_prefix: 'unit', limits: [{ name: 'h', window, period_s: 3600, max_tokens: 1000 }] });
    const store = new MemoryCounters();
    const claims = await checkBudgets(consumer, config, store, spends[0]![0]);
    for (const [at, tokens] of spends) await settleBudgets(claims, config, store, { usage: { prompt_tokens: 0, completion_tokens: tokens, total_tokens: tokens } }, at);
    /** The retry-after of a request at `at`, or undefined when it passes. */
    return (at: number) => refusal(checkBudgets(consumer, config, store, at));
  };

  it('sliding: a window spent past its limit passes once its weight in the next window falls below the limit', async () => {
    const retryAt = await spent('sliding', [[T0, 1900]]);
    const asked = T0 + 1000 * 1000;
    const after = (await retryAt(asked))!;
    // 2000 s to the next hour, then 1900 × (1 − x/3600) < 1000 once x > 1705.3 s.
    expect(after).toBe(3706);
    expect(await retryAt(asked + (after - 1) * 1000)).toBeDefined();
    expect(await retryAt(asked + after * 1000)).toBeUndefined();
  });

  it('sliding: a spend of the previous window passes as its weight falls, within this window', async () => {
    const retryAt = await spent('sliding', [[T0 - HOUR, 1400], [T0, 200]]);
    const after = (await retryAt(T0))!;
    // 200 + 1400 × (1 − x/3600) < 1000 once x > 1542.9 s into the hour, of which 600 s are gone.
    expect(after).toBe(943);
    expect(await retryAt(T0 + (after - 1) * 1000)).toBeDefined();
    expect(await retryAt(T0 + after * 1000)).toBeUndefined();
  });

  it('fixed: passes when the window turns', async () => {
    const retryAt = await spent('fixed', [[T0, 2000]]);
    expect(await retryAt(T0)).toBe(3000);
    expect(await retryAt(T0 + 2999 * 1000)).toBeDefined();
    expect(await retryAt(T0 + 3000 * 1000)).toBeUndefined();
  });
});

describe('retryAfterS', () => {
  const sliding = budgetSchema.parse({ name: 'h', window: 'sliding', period_s: 3600, max_tokens: 1000 });
  const w = windowFor(sliding, 'unit', 'c1', 'tokens', T0);

  it('lets a sum that only reaches the limit through a second later', () => {
    // 1200 × (1 − 600/3600) is the limit itself, and falls below it at once.
    expect(retryAfterS(sliding, w, 0, 1200, 1000)).toBe(1);
  });

  it('waits for the window to turn when nothing can pass (a limit of 0)', () => {
    expect(retryAfterS(sliding, w, 0, 0, 0)).toBe(3000);
  });
});
