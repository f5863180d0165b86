import type { BalancerSettings, CallPlan, PlannedTarget } from '../../core/bridge/plan';
import type { RouteType } from '../../core/providers';
import type { LlmProxyConfig, TargetConfig } from '../config';
import { cacheWriteShare, priceOf, targetPriced } from '../prices';
import { GatewayError } from '../../core/openai-error';

/** Turns the route's config and the validated request into the bridge's call plan. */
/** Bedrock signs with AWS credentials from config, else from the plugin server's environment. */
function awsCredentials(target: TargetConfig): PlannedTarget['awsCredentials'] {
  if (target.provider !== 'bedrock') return undefined;
  const accessKeyId = target.auth.aws_access_key_id ?? process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = target.auth.aws_secret_access_key ?? process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: target.auth.aws_session_token ?? process.env.AWS_SESSION_TOKEN };
}

export function plannedTarget(pluginId: string, target: TargetConfig): PlannedTarget {
  const price = priceOf(target.model);
  const inputCost = target.options.input_cost ?? price?.[0] ?? 0;
  const apiKey = target.auth.api_key ?? (target.auth.api_key_env ? process.env[target.auth.api_key_env] : undefined);
  return {
    name: target.name,
    provider: target.provider as PlannedTarget['provider'],
    model: target.model,
    upstreamUrl: target.upstream_url,
    apiKey,
    authHeader: target.auth.header_name && target.auth.header_value ? { name: target.auth.header_name, value: target.auth.header_value } : undefined,
    awsCredentials: awsCredentials(target),
    options: {
      maxTokens: target.options.max_tokens,
      temperature: target.options.temperature,
      azureInstance: target.options.azure_instance,
      azureDeploymentId: target.options.azure_deployment_id,
      azureApiVersion: target.options.azure_api_version,
      anthropicVersion: target.options.anthropic_version,
      awsRegion: target.options.aws_region,
    },
    weight: target.weight,
    priority: target.priority,
    inputCost,
    outputCost: target.options.output_cost ?? price?.[1] ?? 0,
    // A target that sets its own input price pays it for cached tokens too unless it names their price.
    cachedInputCost: target.options.cached_input_cost ?? target.options.input_cost ?? price?.[2] ?? price?.[0] ?? 0,
    cacheWriteCost: inputCost * cacheWriteShare(target.model),
    hourCacheWriteCost: inputCost * cacheWriteShare(target.model, '1h'),
    priced: targetPriced(target.model, target.options),
    key: `${pluginId}:${target.name}`,
  };
}

export function balancerSettings(config: LlmProxyConfig): BalancerSettings {
  const b = config.balancer;
  return {
    algorithm: b.algorithm,
    retries: b.retries,
    backoffMs: b.backoff_ms,
    maxBackoffMs: b.max_backoff_ms,
    maxRetryAfterS: b.max_retry_after_s,
    connectTimeoutMs: b.connect_timeout_ms,
    firstTokenTimeoutMs: b.first_token_timeout_ms,
    totalTimeoutMs: b.total_timeout_ms,
    maxFails: b.max_fails,
    failTimeoutS: b.fail_timeout_s,
  };
}

/** What max_response_body_size is when unset: no real answer reaches it; a batch of embeddings is far larger than a chat answer. */
const DEFAULT_RESPONSE_BODY_BYTES: Record<RouteType, number> = {
  'llm/v1/chat': 32 * 1024 * 1024,
  'llm/v1/completions': 32 * 1024 * 1024,
  'llm/v1/embeddings': 256 * 1024 * 1024,
};

export function buildPlan(
  config: LlmProxyConfig,
  request: Record<string, unknown>,
  targets: PlannedTarget[],
  balancer: BalancerSettings,
  startedAt: number,
): CallPlan {
  const routeType = config.route_type as RouteType;
  const wantsStream = request.stream === true;
  if (wantsStream && config.response_streaming === 'deny') {
    throw new GatewayError(400, 'Streaming is not allowed on this route.', 'stream_not_allowed', 'stream');
  }
  const stream = routeType !== 'llm/v1/embeddings' && (wantsStream || config.response_streaming === 'always');
  const options = request.stream_options as { include_usage?: boolean } | undefined;
  return {
    routeType,
    request,
    stream,
    includeUsage: options?.include_usage === true,
    clientModel: typeof request.model === 'string' ? request.model : undefined,
    targets,
    balancer,
    maxResponseBodyBytes: config.max_response_body_size ?? DEFAULT_RESPONSE_BODY_BYTES[routeType],
    startedAt,
  };
}
