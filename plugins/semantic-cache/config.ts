import { z } from 'zod';
import { embeddingConfigSchema } from '../core/embeddings/config';
import { promptSelectionSchema } from '../core/prompt-text';

/** semantic-cache's configuration: the single source of truth for Kong's schema and the docs. */
export const configSchema = z.object({
  embedding: embeddingConfigSchema.default(embeddingConfigSchema.parse({})),
  messages: promptSelectionSchema.default(promptSelectionSchema.parse({})),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.9)
    .describe('Cosine similarity a cached prompt must reach to be served for a new prompt (see the README for measured precision per threshold).'),
  verify: z
    .boolean()
    .default(true)
    .describe('Check a semantic candidate before serving it: differing numbers, negation, antonyms or names make it a miss.'),
  min_word_overlap: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('With verify: the share of content words of each prompt that the other must contain.'),
  exact_only: z.boolean().default(false).describe('Serve only exact repeats of a prompt (no embedding at all).'),
  ttl_seconds: z.number().int().min(1).default(3600).describe('How long an answer stays in the cache, in seconds.'),
  max_entries: z.number().int().min(1).default(100000).describe('Most entries kept on each node, all scopes together; the least recently used go first.'),
  scope: z
    .array(z.enum(['route', 'model', 'consumer', 'system_prompt']))
    .default(['route', 'model', 'consumer', 'system_prompt'])
    .describe('What separates cache entries: answers are never shared across routes, models, consumers or system prompts unless removed here.'),
  namespace: z.string().min(0).default('').describe('Extra name mixed into every scope, to keep two caches on the same Redis apart.'),
  bypass_header: z
    .string()
    .default('x-cache-bypass')
    .describe('A request carrying this header (any value) is neither served from nor written to the cache.'),
  bypass_temperature_above: z
    .number()
    .min(0)
    .optional()
    .describe('Requests with a temperature above this bypass the cache (they ask for variety).'),
  cache_tool_requests: z
    .boolean()
    .default(false)
    .describe('Also cache requests that offer tools or carry tool results (bypassed by default: answers depend on tool state).'),
  respect_cache_control: z
    .boolean()
    .default(true)
    .describe('Honour the request Cache-Control header: no-store bypasses, no-cache refreshes, max-age limits the age served.'),
  embed_timeout_ms: z
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('How long a request waits for its embedding before counting as a miss, in milliseconds.'),
  redis_url: z
    .string()
    .optional()
    .meta({ referenceable: true, encrypted: true })
    .describe('Redis shared by all nodes (redis://host:6379/0); default AI_SUITE_REDIS_URL. Without Redis the cache is per process.'),
  redis_prefix: z.string().default('ai-suite:cache:').describe('Prefix of every Redis key and of the stream the nodes follow.'),
  max_body_size: z.number().int().min(1).default(1048576).describe('Largest request body considered, in bytes; larger requests bypass the cache.'),
});

export type CacheConfig = z.output<typeof configSchema>;
