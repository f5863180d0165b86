import { recordDecision } from '../core/decisions';
import { getEmbedder, MAX_TEXT_CHARS, mostlyUnknown } from '../core/embeddings';
import type { KongPDK } from '../core/kong-pdk';
import { setLogField } from '../core/log-field';
import { promptText } from '../core/prompt-text';
import type { RequestContext } from '../core/request-context';
import { validateRouterConfig, type RouterConfig } from './config';
import { decide, foldCase, loadModel, unjudgedDecision, type RouterDecision, type RouterModel } from './router';
import type { Embedder } from '../core/embeddings/types';

/**
 * What semantic-router does per request: it picks the route of a prompt from a
 * few example utterances per route and narrows llm-proxy's targets to that
 * route's (the context key `router.targets`, which llm-proxy reads). Route vectors and the classifier are
 * built when the instance starts (in the background; the first request waits)
 * and shared by every instance of the process with the same utterances.
 */
export const TARGETS_KEY = 'router.targets';
export const DECISION_KEY = 'router.decision';

export interface RouterState {
  embedder: Embedder;
  model: Promise<RouterModel>;
  /** When the model's last build failed: it is built again, at most this often (the embeddings may be back). */
  failedAt?: number;
}

const REBUILD_AFTER_MS = 5000;

async function modelOf(config: RouterConfig, state: RouterState): Promise<RouterModel> {
  try {
    return await state.model;
  } catch (err) {
    if (Date.now() - (state.failedAt ?? 0) >= REBUILD_AFTER_MS) {
      state.failedAt = Date.now();
      state.model = loadModel(config, state.embedder);
      state.model.catch(() => undefined);
    }
    throw err;
  }
}

/** The routing decision for a parsed request body: prompt text, embedding, decision (no PDK calls). */
export async function routeBody(config: RouterConfig, state: RouterState, body: unknown): Promise<RouterDecision> {
  const model = await modelOf(config, state);
  // The lexical view reads what the embedder reads (the start of the prompt), not a megabyte of it; with several
  // messages taken, the newest comes first, so that a long earlier turn cannot push the current question out of view.
  const text = promptText(body, config.messages, 'newest-first').slice(0, MAX_TEXT_CHARS);
  if (!text.trim()) return decide(config, model, undefined, text);
  // A prompt the model mostly cannot read has the vector of the unknown token, near any other such prompt.
  if (mostlyUnknown(state.embedder.read?.(text))) return unjudgedDecision(config, 'out_of_vocabulary');
  return decide(config, model, await state.embedder.embed(foldCase(text)), text);
}

export function startRouter(config: RouterConfig, embedder: Embedder = getEmbedder(config.embedding)): RouterState {
  validateRouterConfig(config);
  const model = loadModel(config, embedder);
  model.catch(() => undefined); // reported by the request that awaits it
  return { embedder, model };
}

export async function publish(kong: KongPDK, ctx: RequestContext, config: RouterConfig, decision: RouterDecision): Promise<void> {
  if (decision.targets.length > 0) ctx.set(TARGETS_KEY, decision.targets);
  const summary = {
    route: decision.route,
    score: decision.score,
    abstained: decision.abstained,
    ...(decision.candidate !== undefined && { candidate: decision.candidate }),
    ...(decision.reason !== undefined && { reason: decision.reason }),
    ...(decision.tier !== undefined && { tier: decision.tier, strong_probability: decision.strongProbability }),
    targets: decision.targets,
  };
  ctx.set(DECISION_KEY, summary);
  ctx.logFields['ai.router'] = summary;
  recordDecision(ctx, { plugin: 'semantic-router', name: 'route', level: 'DEFAULT', data: summary });
  if (config.response_header) await kong.response.setHeader(config.response_header, decision.route);
  await setLogField(kong, 'ai.router', summary);
}

