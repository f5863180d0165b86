import { z } from 'zod';

/**
 * The embedding settings every semantic plugin (cache, router, guard) shares.
 * Plugins with the same settings share one engine, one worker pool and one memo.
 */
export const embeddingConfigSchema = z
  .object({
    engine: z
      .enum(['use-lite', 'transformers', 'openai'])
      .default('use-lite')
      .describe('use-lite: bundled Universal Sentence Encoder Lite, no download; transformers: a local ONNX sentence model; openai: a remote /v1/embeddings.'),
    model: z
      .string()
      .min(1)
      .optional()
      .describe('transformers: model name under model_dir (e.g. Xenova/all-MiniLM-L6-v2); openai: the embedding model name (default text-embedding-3-small).'),
    model_dir: z
      .string()
      .min(1)
      .optional()
      .describe('transformers: directory holding local models (default: the AI_SUITE_MODEL_DIR environment variable).'),
    allow_remote_models: z
      .boolean()
      .default(false)
      .describe('transformers: allow downloading the model from the Hugging Face hub when it is not in model_dir.'),
    pooling: z.enum(['mean', 'cls']).default('mean').describe('transformers: how token vectors become one sentence vector (mean for MiniLM, cls for bge).'),
    url: z
      .string()
      .url()
      .optional()
      .describe('openai: base URL of an OpenAI-compatible API, such as https://api.openai.com/v1.'),
    api_key: z
      .string()
      .optional()
      .meta({ referenceable: true, encrypted: true })
      .describe('openai: the API key (a Kong vault reference works); default the OPENAI_API_KEY environment variable.'),
    timeout_ms: z.number().int().min(50).default(5000).describe('openai: how long one embeddings call may take, in milliseconds.'),
  })
  .describe('Which embedding engine turns text into vectors.');

export type EmbeddingConfig = z.output<typeof embeddingConfigSchema>;

/** The default settings, for plugins whose config omits the block. */
export const DEFAULT_EMBEDDING: EmbeddingConfig = embeddingConfigSchema.parse({});
