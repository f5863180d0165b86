import { createLogger } from '../../core/logger';
import { GatewayError } from '../../core/openai-error';
import type { RouteType } from '../../core/providers';
import type { LlmProxyConfig, TargetConfig } from '../config';

/**
 * Which targets may serve this request: the route fixes them, or the client's
 * model picks them (through model_alias) when allow_client_model is on; a
 * semantic-router decision narrows them further. Embeddings and legacy
 * completions exist only in the OpenAI family.
 */
const OPENAI_FAMILY = new Set(['openai', 'azure', 'mistral', 'ollama', 'openai-compatible']);
const log = createLogger('llm-proxy');

/** Router targets this route does not define, each named in the log once (a bounded memory of what was said). */
const warnedUnknown = new Set<string>();
function warnUnknownTargets(unknown: string[], known: string[]): void {
  const key = unknown.join('\0');
  if (warnedUnknown.has(key)) return;
  if (warnedUnknown.size >= 1000) warnedUnknown.clear();
  warnedUnknown.add(key);
  log.warn("semantic-router chose targets this route's llm-proxy does not define; the others serve", { unknown, serving: known });
}

export function resolveTargets(
  config: LlmProxyConfig,
  clientModel: string | undefined,
  routedTargets: string[] | undefined,
): TargetConfig[] {
  let targets = config.targets;
  if (config.allow_client_model && clientModel) {
    const wanted = config.model_alias?.[clientModel] ?? clientModel;
    targets = targets.filter((t) => t.name === wanted || t.model === wanted);
    if (targets.length === 0) {
      throw new GatewayError(404, `The model '${clientModel}' does not exist or you do not have access to it.`, 'model_not_found');
    }
  }
  if (routedTargets && routedTargets.length > 0) {
    // A router naming only targets this route does not define is a configuration mistake: say so.
    const known = routedTargets.filter((name) => config.targets.some((t) => t.name === name));
    if (known.length === 0) {
      throw new GatewayError(500, `semantic-router chose target(s) ${routedTargets.join(', ')} that this route's llm-proxy does not define.`, 'router_config_error');
    }
    if (known.length < routedTargets.length) warnUnknownTargets(routedTargets.filter((name) => !known.includes(name)), known);
    const routed = targets.filter((t) => routedTargets.includes(t.name));
    if (routed.length > 0) targets = routed;
  }
  return targets;
}

export function supportedBy(routeType: RouteType, targets: TargetConfig[]): TargetConfig[] {
  if (routeType === 'llm/v1/chat') return targets;
  const able = targets.filter((t) => OPENAI_FAMILY.has(t.provider));
  if (able.length === 0) {
    throw new GatewayError(400, `No target of this route serves ${routeType.slice(7)} requests.`, 'unsupported_route_type');
  }
  return able;
}
