import { configSchema } from '../../../plugins/llm-proxy/config';
import { formatZodIssues } from '../../../plugins/core/instance-config';

/** A cost budget counts what targets cost: one over a target without a price would never be enforced on it. */
const config = (target: Record<string, unknown>, limit: Record<string, unknown>) =>
  configSchema.safeParse({ targets: [{ name: 'priced', provider: 'openai', model: 'gpt-4o-mini' }, { name: 'llama', provider: 'openai-compatible', ...target }], budgets: { limits: [{ name: 'spend', ...limit }] } });

describe('llm-proxy cost budgets and prices', () => {
  it('refuses a cost budget over a target whose model has no price, naming the target and what to set', () => {
    const parsed = config({ model: 'my-llama-3.1-8b', options: { cached_input_cost: 0.1 } }, { max_cost_usd: 5 });
    expect(parsed.success).toBe(false);
    expect(formatZodIssues(parsed.error!)).toEqual([
      "targets.1.options: target 'llama': the price table does not know model 'my-llama-3.1-8b', and budget 'spend' limits cost (max_cost_usd): set its input_cost and output_cost",
    ]);
  });

  it('accepts it once the target prices its model, or when the table knows the model', () => {
    expect(config({ model: 'my-llama-3.1-8b', options: { input_cost: 0.2, output_cost: 0.2 } }, { max_cost_usd: 5 }).success).toBe(true);
    expect(config({ model: 'deepseek-chat' }, { max_cost_usd: 5 }).success).toBe(true);
  });

  it('leaves a model without a price alone under token budgets', () => {
    expect(config({ model: 'my-llama-3.1-8b' }, { max_tokens: 1000 }).success).toBe(true);
  });
});
