import { createHash } from 'node:crypto';
import type { KongPDK } from '../core/kong-pdk';
import type { InstanceMeta } from '../core/instance-config';
import type { RequestContext } from '../core/request-context';
import { systemText } from '../core/prompt-text';
import type { CacheConfig } from './config';

/**
 * Where an entry lives and what identifies it. The scope keeps tenants apart
 * (route, model, consumer, system prompt) and also folds in the parameters that
 * change an answer's shape, so a JSON-mode answer is never served as prose.
 */
const ANSWER_SHAPING = ['response_format', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'logprobs', 'top_logprobs', 'modalities', 'audio'];

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export async function cacheScope(kong: KongPDK, ctx: RequestContext, config: CacheConfig, meta: InstanceMeta, body: Record<string, unknown>): Promise<string> {
  // Chat and legacy completions never share entries.
  const parts: unknown[] = [config.namespace, Array.isArray(body.messages) ? 'chat' : 'completions'];
  for (const dimension of config.scope) {
    if (dimension === 'route') parts.push(['route', meta.routeId ?? (await kong.router.getRoute())?.id ?? '']);
    // The model: the client's, and the targets semantic-router chose (it runs first), so entries of one route never answer another.
    else if (dimension === 'model') parts.push(['model', typeof body.model === 'string' ? body.model : '', ctx.get<string[]>('router.targets') ?? []]);
    else if (dimension === 'consumer') {
      const [consumer, credential] = await Promise.all([kong.client.getConsumer(), kong.client.getCredential()]);
      parts.push(['consumer', consumer?.id ?? credential?.id ?? '']);
    } else parts.push(['system', systemText(body)]);
  }
  parts.push(ANSWER_SHAPING.map((k) => body[k] ?? null));
  return sha(JSON.stringify(parts));
}

/** The entry id: one entry per scope and prompt (case and spacing aside), so an exact repeat is one lookup. */
export function entryId(scope: string, prompt: string): string {
  return sha(`${scope}\n${prompt.trim().replace(/\s+/g, ' ').toLowerCase()}`);
}
