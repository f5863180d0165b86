import { z } from 'zod';

/** Token and cost budgets per consumer, credential, header value or client IP. */
export const budgetSchema = z.object({
  name: z.string().min(1).describe('A name for this budget, used in its Redis keys and error messages.'),
  by: z.enum(['consumer', 'credential', 'header', 'ip']).default('consumer').describe('Whose spending is counted.'),
  header_name: z.string().optional().describe('With by = header: the request header whose value identifies the spender.'),
  window: z.enum(['fixed', 'sliding']).default('fixed').describe('fixed: counts reset at each period boundary; sliding: a weighted two-window estimate.'),
  period_s: z.number().int().min(1).default(3600).describe('Length of the budget window in seconds.'),
  max_tokens: z.number().int().min(1).optional().describe('Total (prompt + completion) tokens allowed per window.'),
  max_cost_usd: z
    .number()
    .min(0)
    .optional()
    .describe('Spend allowed per window, in USD at the route’s prices; every target then needs a price (the shipped table’s, or its input_cost and output_cost), or the instance is refused.'),
});

export const budgetsConfigSchema = z.object({
  limits: z.array(budgetSchema).default([]).describe('The budgets checked before every call and settled after it.'),
  redis_url: z
    .string()
    .optional()
    .meta({ referenceable: true, encrypted: true })
    .describe('Redis URL shared by all Kong nodes (defaults to AI_SUITE_REDIS_URL); without it, each node counts alone.'),
  key_prefix: z.string().default('aigw:budget').describe('Prefix of the budget counters’ Redis keys.'),
});

export type Budget = z.output<typeof budgetSchema>;
export type BudgetsConfig = z.output<typeof budgetsConfigSchema>;
