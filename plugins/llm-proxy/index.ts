import { definePlugin } from '../core/plugin-base';
import { scopeOf } from '../core/instance-scopes';
import { publishProxyPolicy } from '../core/streaming-policy';
import { getBridge, TICKET_HEADER, ticketHeaderValue } from '../core/bridge/bridge-server';
import { performance } from 'node:perf_hooks';
import { DEFERRED_PLAN_KEY, PLAN_KEY, type CallPlan, type DeferredPlan } from '../core/bridge/plan';
import { parsedBody, readJsonBody } from '../core/request-body';
import { addSpendListener } from '../core/bridge/answer-hooks';
import { budgetStore, checkBudgets, settleBudgets } from './budgets/budgets';
import { configSchema } from './config';
import { createLogger } from '../core/logger';
import { balancerSettings, buildPlan, plannedTarget } from './filters/build-plan';
import { parseRequest } from './filters/parse-request';
import { resolveTargets, supportedBy } from './filters/resolve-targets';
import { serializeAnalytics } from './filters/serialize-analytics';

const log = createLogger('llm-proxy');

/**
 * llm-proxy (the design's ai-proxy): plans the provider call in the access phase
 * and sends Kong's upstream request to the bridge with a single-use ticket; the
 * bridge calls the provider and streams the answer back through Kong. The bridge
 * ignores the upstream path, so it is left as routed (one PDK call saved).
 */
export = definePlugin({
  name: 'llm-proxy',
  version: '0.1.0',
  priority: 770,
  config: configSchema,
  onError: 'block',
  publishContext: false,
  init(config, meta) {
    // Started early so the first request does not wait; a failure is logged here and met again by that request.
    getBridge().catch((err: unknown) => log.error('bridge failed to start', { error: (err as Error).message }));
    const state = {
      balancer: balancerSettings(config),
      budgets: config.budgets.limits.length > 0 ? budgetStore(config.budgets) : undefined,
      /**
       * What the (fixed) service of a route- or service-scoped instance already is, learnt on the
       * first request: plain HTTP (no scheme to set), or the bridge itself (no target to set either).
       */
      service: undefined as { http: boolean; bridge: boolean } | undefined,
    };
    publishProxyPolicy(meta.pluginId ?? 'llm-proxy', state, scopeOf(true, meta), {
      streaming: config.response_streaming,
      maxBodyBytes: config.max_request_body_size,
    });
    return state;
  },
  async access({ kong, config, state, meta, ctx }) {
    const startedAt = performance.now();
    const plan = (body: unknown): CallPlan => {
      const request = parseRequest(config.route_type, body);
      const eligible = supportedBy(config.route_type, resolveTargets(config, request.model as string | undefined, ctx.get<string[]>('router.targets')));
      const targets = eligible.map((t) => plannedTarget(meta.pluginId ?? 'llm-proxy', t));
      return buildPlan(config, request, targets, state.balancer, startedAt);
    };
    // The body crosses the PDK socket only if an earlier suite plugin has read it already (then it is
    // free) or the analytics fields need the plan now; otherwise the bridge plans from the body Kong
    // forwards to it, and bad input gets the same OpenAI error from there.
    // The bridge plans (again) from the body Kong forwards when it differs from the one read here: a Kong plugin
    // between the suite's readers and llm-proxy (request-transformer, 801) may have rewritten it.
    ctx.set(DEFERRED_PLAN_KEY, { maxBodyBytes: config.max_request_body_size, make: plan } satisfies DeferredPlan);
    if (parsedBody(ctx) || config.logging.log_statistics) {
      // Read through the limit even when parsed already: another plugin's limit may be larger.
      const made = plan(await readJsonBody(kong, ctx, config.max_request_body_size));
      ctx.set(PLAN_KEY, made);
      if (config.logging.log_statistics) await serializeAnalytics(kong, made, meta.pluginId);
    }
    if (state.budgets) {
      const store = state.budgets;
      const claims = await checkBudgets(kong, config.budgets, store);
      addSpendListener(ctx, (spend) => settleBudgets(claims, config.budgets, store, spend));
    }
    const bridge = await getBridge();
    ctx.hold('bridge');
    const ticket = bridge.tickets.mint(ctx.id);
    // On a route- or service-scoped instance the service never changes, so it is read once; a service
    // whose URL is the bridge (http://127.0.0.1:<AI_SUITE_BRIDGE_PORT>) then costs no round trip at all.
    if (state.service === undefined && (meta.routeId || meta.serviceId)) {
      const service = await kong.router.getService();
      const http = service?.protocol === 'http';
      state.service = { http, bridge: http && (service?.host === '127.0.0.1' || service?.host === 'localhost') && service?.port === bridge.port };
    }
    if (!state.service?.bridge) await kong.service.setTarget('127.0.0.1', bridge.port);
    if (!state.service?.http) await kong.service.request.setScheme('http');
    await kong.service.request.setHeader(TICKET_HEADER, ticketHeaderValue(ticket));
  },
});
