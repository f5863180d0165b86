/**
 * List prices in USD per million tokens (input, output), as published by the
 * providers in 2026; a target's input_cost/output_cost override them. Matching is
 * by exact model name, then by the longest known name it starts with where only a date, version or preview follows.
 */
export const PRICES_AS_OF = '2026-11';

const PRICES: Record<string, [number, number]> = {
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-4-turbo': [10, 30],
  'gpt-3.5-turbo': [0.5, 1.5],
  'gpt-3.5-turbo-instruct': [1.5, 2],
  'o1': [15, 60],
  'o1-mini': [1.1, 4.4],
  'o1-pro': [150, 600],
  'o3': [2, 8],
  'o3-mini': [1.1, 4.4],
  'o3-pro': [20, 80],
  'o4-mini': [1.1, 4.4],
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
  'claude-opus-4': [15, 75],
  'claude-opus-4-5': [5, 25],
  'claude-sonnet-4': [3, 15],
  'claude-3-7-sonnet': [3, 15],
  'claude-3-5-sonnet': [3, 15],
  'claude-3-5-haiku': [0.8, 4],
  'claude-3-opus': [15, 75],
  'claude-3-haiku': [0.25, 1.25],
  'claude-haiku-4': [1, 5],
  'gemini-2.5-pro': [1.25, 10],
  'gemini-2.5-flash': [0.3, 2.5],
  'gemini-2.5-flash-lite': [0.1, 0.4],
  'gemini-2.0-flash': [0.1, 0.4],
  'gemini-2.0-flash-lite': [0.075, 0.3],
  'gemini-1.5-pro': [1.25, 5],
  'gemini-1.5-flash': [0.075, 0.3],
  'mistral-large': [2, 6],
  'mistral-medium': [0.4, 2],
  'mistral-small': [0.1, 0.3],
  'codestral': [0.3, 0.9],
  'command-a': [2.5, 10],
  'command-r-plus': [2.5, 10],
  'command-r': [0.15, 0.6],
  'deepseek-chat': [0.27, 1.1],
  'deepseek-reasoner': [0.55, 2.19],
};

/**
 * Where a known name may end inside a longer one: a dated snapshot, a version, a preview of the same model
 * ("gpt-4o-2024-08-06", "claude-opus-4-1", "…-v1:0", "mistral-large-latest"); not another model ("o1-pro",
 * "gpt-4o-audio-preview", "gpt-3.5-turbo-instruct"), which has no price rather than a wrong one.
 */
const NAME_END = /^(?:$|[:@]|[-.](?:\d|v\d|latest|preview|exp))/;

/** USD per million input and output tokens, or undefined for a model the table does not know. */
export function priceOf(rawModel: string): [number, number] | undefined {
  // Bedrock ids carry a region and vendor prefix: us.anthropic.claude-sonnet-4-v1:0.
  const model = rawModel.replace(/^(?:[a-z]{2}\.)?(?:anthropic|meta|mistral|cohere|amazon|ai21)\./, '');
  const exact = PRICES[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const known of Object.keys(PRICES)) {
    // Only at a name's end: "o3" is no price for "o3-mini", nor "command-r" for "command-r7b".
    if (model.startsWith(known) && NAME_END.test(model.slice(known.length)) && (!best || known.length > best.length)) best = known;
  }
  return best ? PRICES[best] : undefined;
}
