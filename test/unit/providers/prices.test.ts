import { cacheWriteShare, priceOf } from '../../../plugins/llm-proxy/prices';
import { costOf } from '../../../plugins/core/bridge/accounting';
import type { PlannedTarget } from '../../../plugins/core/bridge/plan';

describe('price table', () => {
  it('matches exact names, dated snapshots and Bedrock ids', () => {
    expect(priceOf('gpt-4o-mini')).toEqual([0.15, 0.6, 0.075]);
    expect(priceOf('gpt-4o-mini-2024-07-18')).toEqual([0.15, 0.6, 0.075]);
    expect(priceOf('us.anthropic.claude-sonnet-4-20250514-v1:0')).toEqual([3, 15, 0.3]);
    // Bedrock's cross-region inference profiles of every geography.
    for (const profile of ['global', 'eu', 'apac', 'us-gov', 'jp']) expect(priceOf(`${profile}.anthropic.claude-sonnet-4-5-20250929-v1:0`)).toEqual([3, 15, 0.3]);
    expect(priceOf('some-local-model')).toBeUndefined();
  });

  it("gives a model of its own its own price, never a shorter name's", () => {
    expect(priceOf('o3-mini')).toEqual([1.1, 4.4, 0.55]);
    expect(priceOf('o3-2025-04-16')).toEqual([2, 8, 0.5]);
    expect(priceOf('gemini-2.5-flash-lite')).toEqual([0.1, 0.4, 0.025]);
    expect(priceOf('claude-opus-4-5-20251101')).toEqual([5, 25, 0.5]);
    expect(priceOf('anthropic.claude-3-haiku-20240307-v1:0')).toEqual([0.25, 1.25, 0.03]);
    // A name that only starts like a known one is not priced as it: no price is better than a wrong one.
    expect(priceOf('command-r7b-12-2024')).toBeUndefined();
    expect(priceOf('gpt-4o-audio-preview')).toBeUndefined();
    expect(priceOf('o1-pro-2025-03-19')).toEqual([150, 600]);
    expect(priceOf('mistral-large-latest')).toEqual([2, 6]);
    expect(priceOf('gemini-2.5-flash-preview-05-20')).toEqual([0.3, 2.5, 0.075]);
    expect(priceOf('claude-opus-4-1-20250805')).toEqual([15, 75, 1.5]);
  });

  it("prices Claude's cache writes above input, its 1-hour cache's above its 5-minute cache's", () => {
    expect(cacheWriteShare('claude-sonnet-4-5')).toBe(1.25);
    expect(cacheWriteShare('us.anthropic.claude-sonnet-4-v1:0', '1h')).toBe(2);
    expect(cacheWriteShare('gpt-4o', '1h')).toBe(1);
  });

  it('prices usage per million tokens', () => {
    const target = { inputCost: 3, outputCost: 15, cachedInputCost: 0.3, cacheWriteCost: 3, hourCacheWriteCost: 3, priced: true } as PlannedTarget;
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 100_000, total_tokens: 1_100_000 };
    expect(costOf(usage, target)).toBeCloseTo(4.5);
    // Prompt tokens read from the provider's cache at the cached price (Claude: a tenth).
    expect(costOf({ ...usage, prompt_tokens_details: { cached_tokens: 900_000 } }, target)).toBeCloseTo(0.3 + 0.27 + 1.5);
    // Prompt tokens written to the cache at the write price (Claude: 1.25x input).
    const claude = { ...target, cacheWriteCost: 3.75, hourCacheWriteCost: 6 } as PlannedTarget;
    expect(costOf({ ...usage, prompt_tokens_details: { cache_creation_tokens: 800_000 } }, claude)).toBeCloseTo(0.6 + 3 + 1.5);
    // Those written to Claude's 1-hour cache at 2x input.
    expect(costOf({ ...usage, prompt_tokens_details: { cache_creation_tokens: 800_000, cache_creation_1h_tokens: 500_000 } }, claude)).toBeCloseTo(0.6 + 1.125 + 3 + 1.5);
    // An embeddings answer's usage has no completion_tokens.
    expect(costOf({ prompt_tokens: 1_000_000, total_tokens: 1_000_000 } as typeof usage, target)).toBeCloseTo(3);
    // A model without a price reports no cost (Langfuse then prices it), not a cost of 0.
    expect(costOf(usage, { inputCost: 0, outputCost: 0, priced: false } as PlannedTarget)).toBeUndefined();
  });
});
