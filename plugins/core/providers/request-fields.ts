/**
 * The top-level fields of an OpenAI-format request by what they hold. Unknown fields pass through to OpenAI-family
 * providers as they are (vLLM's `documents`, a server's own RAG or template fields), so whatever checks what a model
 * reads must read those too: the fields here are the ones that hold settings only, or that each check reads by name.
 */
const SETTINGS = [
  'model', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'min_p', 'n',
  'stop', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'seed',
  'random_seed', 'tool_choice', 'parallel_tool_calls', 'function_call', 'reasoning_effort', 'reasoning', 'service_tier',
  'modalities', 'audio', 'store', 'verbosity', 'encoding_format', 'dimensions', 'best_of', 'echo', 'safe_prompt',
  'prompt_mode', 'web_search_options', 'thinking', 'include_reasoning',
  // OpenRouter's routing.
  'provider', 'transforms', 'route', 'models', 'plugins', 'usage',
  // vLLM's sampling and decoding.
  'guided_choice', 'guided_regex', 'guided_json', 'guided_grammar', 'guided_decoding_backend', 'min_tokens', 'ignore_eos',
  'skip_special_tokens', 'spaces_between_special_tokens', 'length_penalty', 'use_beam_search', 'add_generation_prompt',
  'continue_final_message', 'return_tokens_as_token_ids', 'truncate_prompt_tokens', 'priority', 'request_id',
];

/** Fields holding words the model reads, each read by name by the guard and the sanitizer. */
const READ_BY_NAME = [
  'messages', 'tools', 'functions', 'response_format', 'prediction', 'prompt', 'input', 'suffix', 'user', 'safety_identifier',
  'prompt_cache_key', 'metadata',
];

const KNOWN = new Set([...SETTINGS, ...READ_BY_NAME]);

/** The fields of a request this gateway knows nothing of: passed on as they are, read as text by the checks. */
export function otherFields(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((key) => !KNOWN.has(key));
}
