import { definePlugin } from '../core/plugin-base';
import { readJsonBody } from '../core/request-body';
import { configSchema } from './config';
import { publish, routeBody, startRouter, type RouterState } from './route-request';
import { unjudgedDecision } from './router';

/**
 * semantic-router: picks the route of a prompt from a few example utterances
 * per route and narrows llm-proxy's targets to that route's (see route-request.ts).
 */
export = definePlugin({
  name: 'semantic-router',
  version: '0.1.0',
  // After the sanitizer (900), so it routes the sanitized prompt; before the cache (850), whose
  // scope includes the route's targets; before llm-proxy (770), which uses them.
  priority: 860,
  config: configSchema,
  onError: (config) => config.on_error,
  init(config): RouterState {
    return startRouter(config);
  },
  async access({ kong, config, state, ctx, log }) {
    const body = await readJsonBody(kong, ctx, config.max_body_size);
    let decision;
    try {
      decision = await routeBody(config, state, body);
    } catch (err) {
      if (config.on_error === 'block') throw err;
      // The router cannot judge this prompt (its embeddings are down): the default route's targets, said so.
      log.error('routing failed; the default route is used', { error: (err as Error).message });
      decision = unjudgedDecision(config, 'router_error');
    }
    await publish(kong, ctx, config, decision);
  },
});
