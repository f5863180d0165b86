/**
 * List prices in USD per million tokens (input, output, and input read from the provider's prompt cache where it
 * bills that less: a tenth on Claude and gpt-5, a quarter to a half on other OpenAI models and Gemini), as published by the
 * providers in 2026; a target's input_cost/output_cost/cached_input_cost override them. Matching is
 * by exact model name, then by the longest known name it starts with where only a date, version or preview follows.
 */
export const PRICES_AS_OF = '2026-11';

/** Input, output, and cached input when it costs less than input. */
export type Price = [input: number, output: number, cachedInput?: number];

const PRICES: Record<string, Price> = {
  'gpt-4o': [2.5, 10, 1.25],
  'gpt-4o-mini': [0.15, 0.6, 0.075],
  'gpt-4.1': [2, 8, 0.5],
  'gpt-4.1-mini': [0.4, 1.6, 0.1],
  'gpt-4.1-nano': [0.1, 0.4, 0.025],
  'gpt-5': [1.25, 10, 0.125],
  'gpt-5-mini': [0.25, 2, 0.025],
  'gpt-5-nano': [0.05, 0.4, 0.005],
  'gpt-4-turbo': [10, 30],
  'gpt-3.5-turbo': [0.5, 1.5],
  'gpt-3.5-turbo-instruct': [1.5, 2],
  'o1': [15, 60, 7.5],
  'o1-mini': [1.1, 4.4, 0.55],
  'o1-pro': [150, 600],
  'o3': [2, 8, 0.5],
  'o3-mini': [1.1, 4.4, 0.55],
  'o3-pro': [20, 80],
  'o4-mini': [1.1, 4.4, 0.275],
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
  'claude-opus-4': [15, 75, 1.5],
  'claude-opus-4-5': [5, 25, 0.5],
  'claude-sonnet-4': [3, 15, 0.3],
  'claude-3-7-sonnet': [3, 15, 0.3],
  'claude-3-5-sonnet': [3, 15, 0.3],
  'claude-3-5-haiku': [0.8, 4, 0.08],
  'claude-3-opus': [15, 75, 1.5],
  'claude-3-haiku': [0.25, 1.25, 0.03],
  'claude-haiku-4': [1, 5, 0.1],
  'gemini-2.5-pro': [1.25, 10, 0.3125],
  'gemini-2.5-flash': [0.3, 2.5, 0.075],
  'gemini-2.5-flash-lite': [0.1, 0.4, 0.025],
  'gemini-2.0-flash': [0.1, 0.4, 0.025],
  'gemini-2.0-flash-lite': [0.075, 0.3],
  'gemini-1.5-pro': [1.25, 5, 0.3125],
  'gemini-1.5-flash': [0.075, 0.3, 0.01875],
  'mistral-large': [2, 6],
  'mistral-medium': [0.4, 2],
  'mistral-small': [0.1, 0.3],
  'codestral': [0.3, 0.9],
  'command-a': [2.5, 10],
  'command-r-plus': [2.5, 10],
  'command-r': [0.15, 0.6],
  'deepseek-chat': [0.27, 1.1, 0.07],
  'deepseek-reasoner': [0.55, 2.19, 0.14],
};

/**
 * Where a known name may end inside a longer one: a dated snapshot, a version, a preview of the same model
 * ("gpt-4o-2024-08-06", "claude-opus-4-1", "…-v1:0", "mistral-large-latest"); not another model ("o1-pro",
 * "gpt-4o-audio-preview", "gpt-3.5-turbo-instruct"), which has no price rather than a wrong one.
 */
const NAME_END = /^(?:$|[:@]|[-.](?:\d|v\d|latest|preview|exp))/;

/** Whether a target has a price: the table's for its model, or its own input_cost or output_cost. */
export function targetPriced(model: string, options: { input_cost?: number; output_cost?: number }): boolean {
  return options.input_cost !== undefined || options.output_cost !== undefined || priceOf(model) !== undefined;
}

/** What writing a prompt token to the provider's cache costs, as a share of its input price: Claude's 5-minute cache 1.25, its 1-hour cache 2. */
export function cacheWriteShare(model: string, ttl: '5m' | '1h' = '5m'): number {
  if (!/claude/i.test(model)) return 1;
  return ttl === '1h' ? 2 : 1.25;
}

/** USD per million input, output (and cached input) tokens, or undefined for a model the table does not know. */
export function priceOf(rawModel: string): Price | undefined {
  // Bedrock ids carry an inference profile's geography and a vendor: us.anthropic.claude-sonnet-4-v1:0,
  // global.…, apac.…, us-gov.….
  const model = rawModel.replace(/^(?:[a-z]+(?:-[a-z]+)?\.)?(?:anthropic|meta|mistral|cohere|amazon|ai21|deepseek|openai|qwen|writer)\./, '');
  const exact = PRICES[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const known of Object.keys(PRICES)) {
    // Only at a name's end: "o3" is no price for "o3-mini", nor "command-r" for "command-r7b".
    if (model.startsWith(known) && NAME_END.test(model.slice(known.length)) && (!best || known.length > best.length)) best = known;
  }
  return best ? PRICES[best] : undefined;
}
