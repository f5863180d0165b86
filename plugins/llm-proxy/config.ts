import { z } from 'zod';
import { PROVIDER_NAMES } from '../core/providers';
import { budgetsConfigSchema } from './budgets/budget-schema';
import { targetPriced } from './prices';

/** llm-proxy's configuration: the single source of truth for Kong's schema and the docs. */
const secret = () => z.string().min(1).meta({ referenceable: true, encrypted: true });

export const targetSchema = z.object({
  name: z.string().min(1).describe('A unique name for this target, used in logs, headers, model_alias and the router.'),
  provider: z.enum(PROVIDER_NAMES as [string, ...string[]]).describe('The provider wire format: openai, azure, anthropic, gemini, bedrock, mistral, cohere, ollama or openai-compatible.'),
  model: z.string().min(1).describe('The model name sent to the provider (for Azure, the deployment unless azure_deployment_id is set).'),
  upstream_url: z.string().optional().describe('Base or full endpoint URL of the provider; defaults to the provider’s public API.'),
  auth: z
    .object({
      api_key: secret().optional().describe('The provider key; may be a Kong vault reference such as {vault://env/openai-key}.'),
      api_key_env: z.string().optional().describe('Name of an environment variable of the plugin server that holds the provider key.'),
      header_name: z.string().optional().describe('Send the key in this header instead of the provider’s usual one.'),
      header_value: secret().optional().describe('The full value of header_name, e.g. "Bearer <key>"; may be a vault reference.'),
      aws_access_key_id: secret().optional().describe('Bedrock: AWS access key id for SigV4 (defaults to AWS_ACCESS_KEY_ID).'),
      aws_secret_access_key: secret().optional().describe('Bedrock: AWS secret access key for SigV4 (defaults to AWS_SECRET_ACCESS_KEY).'),
      aws_session_token: secret().optional().describe('Bedrock: AWS session token for temporary credentials.'),
    })
    .prefault({})
    .describe('How the gateway authenticates to this target; keys never reach logs, traces or errors.'),
  options: z
    .object({
      max_tokens: z.number().int().min(1).optional().describe('Default max_tokens when the client sends none.'),
      temperature: z.number().min(0).max(5).optional().describe('Default temperature when the client sends none.'),
      azure_instance: z.string().optional().describe('Azure OpenAI resource name (<instance>.openai.azure.com).'),
      azure_deployment_id: z.string().optional().describe('Azure OpenAI deployment id, when it differs from model.'),
      azure_api_version: z
        .string()
        .default('2025-04-01-preview')
        .describe('Azure OpenAI api-version query parameter (o-series and gpt-5 deployments need 2024-12-01-preview or later).'),
      anthropic_version: z.string().default('2023-06-01').describe('Value of the anthropic-version header.'),
      aws_region: z.string().optional().describe('Bedrock: the AWS region (defaults to AWS_REGION, then us-east-1).'),
      input_cost: z.number().min(0).optional().describe('USD per million prompt tokens; overrides the shipped price table.'),
      output_cost: z.number().min(0).optional().describe('USD per million completion tokens; overrides the shipped price table.'),
      cached_input_cost: z
        .number()
        .min(0)
        .optional()
        .describe("USD per million prompt tokens read from the provider's prompt cache; defaults to the table's cached price, else input_cost."),
    })
    .prefault({})
    .describe('Provider options and price overrides for this target.'),
  weight: z.number().int().min(1).max(65535).default(100).describe('Share of traffic within its priority group (round-robin).'),
  priority: z.number().int().min(0).max(1000).default(0).describe('Priority group; lower groups are tried first, higher ones are fallbacks.'),
});

export const configSchema = z.object({
  route_type: z
    .enum(['llm/v1/chat', 'llm/v1/completions', 'llm/v1/embeddings'])
    .default('llm/v1/chat')
    .describe('The OpenAI endpoint this route serves: chat completions, legacy completions or embeddings.'),
  targets: z.array(targetSchema).min(1).describe('Where requests go: one or more provider targets, balanced and failed over.'),
  allow_client_model: z
    .boolean()
    .default(false)
    .describe('Let the client pick a target by the model it sends (target name, model or alias); otherwise the route fixes it.'),
  model_alias: z
    .record(z.string(), z.string())
    .optional()
    .describe('Client-facing model names mapped to a target name, e.g. {"fast": "groq-llama"}.'),
  balancer: z
    .object({
      algorithm: z
        .enum(['round-robin', 'lowest-latency', 'least-inflight', 'lowest-cost'])
        .default('round-robin')
        .describe('How targets of the same priority group are ordered for each request.'),
      retries: z.number().int().min(0).max(10).default(3).describe('Extra attempts after the first, across targets.'),
      backoff_ms: z.number().int().min(0).default(200).describe('Base of the exponential backoff (with full jitter) between attempts on one target.'),
      max_backoff_ms: z.number().int().min(0).default(5000).describe('Upper bound of one backoff wait.'),
      max_retry_after_s: z.number().int().min(0).default(30).describe('Longest retry-after honoured; beyond it the next target is tried instead.'),
      connect_timeout_ms: z.number().int().min(1).default(10000).describe('Time allowed to open a connection to the provider.'),
      first_token_timeout_ms: z.number().int().min(1).default(60000).describe('Time allowed until the first streamed token arrives.'),
      total_timeout_ms: z.number().int().min(1).default(600000).describe('Time allowed for the whole answer.'),
      max_fails: z.number().int().min(1).default(5).describe('Consecutive failures that open a target’s circuit breaker.'),
      fail_timeout_s: z.number().int().min(1).default(30).describe('How long an open circuit stays open before one probe request is let through.'),
    })
    .prefault({})
    .describe('Balancing, retries, timeouts and the circuit breaker.'),
  budgets: budgetsConfigSchema.prefault({}).describe('Token and cost budgets, counted in Redis so that all Kong nodes agree.'),
  max_request_body_size: z.number().int().min(1).default(1048576).describe('Largest request body accepted, in bytes.'),
  max_response_body_size: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'Largest answer read from a provider, in bytes: a whole answer over it is the provider’s error (502, the next target is tried), a stream event that grows past it without ending cuts the stream. Defaults to 32 MiB, 256 MiB on llm/v1/embeddings routes (2,048 vectors of 3,072 dimensions are about 190 MB of JSON).',
    ),
  response_streaming: z
    .enum(['allow', 'deny', 'always'])
    .default('allow')
    .describe('allow: stream when the client asks; deny: refuse stream requests; always: stream every answer.'),
  logging: z
    .object({
      log_statistics: z.boolean().default(false).describe('Add ai.proxy.* fields to what Kong’s log plugins serialize (off by default, as in Kong’s ai-proxy: one PDK round trip per request).'),
    })
    .prefault({})
    .describe('What the gateway records about each call in Kong’s log. Prompts and answers are not put there (an external plugin sets log fields only before the answer streams); langfuse-tracing’s log_payloads records them.'),
}).superRefine((config, issues) => {
  // A target without a price costs nothing to count: refused, or the cost budget would never be enforced on it.
  const costBudget = config.budgets.limits.find((budget) => budget.max_cost_usd !== undefined);
  if (!costBudget) return;
  config.targets.forEach((target, i) => {
    if (targetPriced(target.model, target.options)) return;
    issues.addIssue({
      code: 'custom',
      path: ['targets', i, 'options'],
      message: `target '${target.name}': the price table does not know model '${target.model}', and budget '${costBudget.name}' limits cost (max_cost_usd): set its input_cost and output_cost`,
    });
  });
});

export type LlmProxyConfig = z.output<typeof configSchema>;
export type TargetConfig = z.output<typeof targetSchema>;
