import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { toKongFields } from '../../schemas/zod-to-kong';
import type { KongPDK } from './kong-pdk';
import { createLogger, type Logger } from './logger';
import { GatewayError, openAIErrorBody } from './openai-error';
import { withDeadline } from './deadline';
import { contexts, type RequestContext } from './request-context';
import { parseInstanceConfig, type InstanceMeta } from './instance-config';
import { recordPhase } from './phase-stats';
import { instancesVersion, mayFollowSuitePlugin, registerInstance, scopeOf, type InstanceScope } from './instance-scopes';
import { begunBeforeReady, readinessCheckOpen } from './readiness-check';

/**
 * The base every suite plugin is built from. It produces the CommonJS exports
 * kong-pdk expects (Name, Version, Priority, Schema, Plugin with phase methods on
 * the prototype) from one definition, and gives every phase the same treatment:
 * config validated once per instance, the request context attached, the phase
 * timed, and one error policy.
 */
export type ErrorPolicy = 'block' | 'pass';
export type Phase = 'access' | 'log';

export interface PhaseArgs<C, S> {
  kong: KongPDK;
  config: C;
  state: S;
  meta: InstanceMeta;
  ctx: RequestContext;
  log: Logger;
  /** Answers the client through Kong and marks the request as answered; `return` right after. */
  respond(status: number, body: string | Buffer, headers?: Record<string, string>): Promise<void>;
}

export interface PluginDefinition<Shape extends z.ZodRawShape, S> {
  name: string;
  version: string;
  priority: number;
  config: z.ZodObject<Shape>;
  /**
   * What an unexpected error inside a phase does. `block` answers with an error in
   * OpenAI's envelope (the guard and the sanitizer, which must not fail open);
   * `pass` logs and lets the request through. A function may read it from config.
   */
  onError: ErrorPolicy | ((config: z.output<z.ZodObject<Shape>>) => ErrorPolicy);
  /**
   * Whether a context this plugin creates is published in `kong.ctx.shared` for later phases
   * (default true). llm-proxy runs last of the suite's access phases and has no log phase: when it
   * finds no context, no suite phase after it will look one up, so publishing it is a wasted round trip.
   */
  publishContext?: boolean;
  /** Builds per-instance state (compiled patterns, indexes) once when Kong starts the instance. */
  init?(config: z.output<z.ZodObject<Shape>>, meta: InstanceMeta): S;
  access?(args: PhaseArgs<z.output<z.ZodObject<Shape>>, S>): Promise<void>;
  log?(args: PhaseArgs<z.output<z.ZodObject<Shape>>, S>): Promise<void>;
}

export interface PluginModule {
  Name: string;
  Version: string;
  Priority: number;
  Schema: unknown[];
  Plugin: new (config: unknown) => object;
}

/** The one key the suite keeps in `kong.ctx.shared`. */
export const CONTEXT_KEY = 'ai_suite_ctx';
/** Set in a request's context once its start time was checked against the process's readiness. */
const BEGUN_AFTER_READY_KEY = 'suite.begunAfterReady';

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * A phase still running after this long fails (blocked or passed by the plugin's error policy).
 * Kong gives each plugin-server call nginx's 60 s socket timeout, then puts the connection back in
 * its pool with the late reply still to come, which the next call on it reads as its own; a model
 * still loading or a provider of remote embeddings that hangs must not get there.
 */
const PHASE_DEADLINE_MS = Number(process.env.AI_SUITE_PHASE_DEADLINE_MS) > 0 ? Number(process.env.AI_SUITE_PHASE_DEADLINE_MS) : 30_000;

/**
 * Finds this request's context through the id in `kong.ctx.shared`, creating it for the first plugin.
 * `lookup` false: no suite phase can have run before this one on the request, so it is created at once.
 */
async function attachContext(kong: KongPDK, phase: Phase, publish: boolean, lookup: boolean): Promise<{ ctx: RequestContext; transient: boolean }> {
  if (lookup) {
    const found = contexts.get(await kong.ctx.shared.get(CONTEXT_KEY));
    if (found) return { ctx: found, transient: false };
  }
  const ctx = contexts.create();
  // In the log phase a missing context was already evicted; a fresh one serves this call only.
  if (phase === 'log') return { ctx, transient: true };
  if (publish) await kong.ctx.shared.set(CONTEXT_KEY, ctx.id);
  return { ctx, transient: false };
}

export function definePlugin<Shape extends z.ZodRawShape, S = undefined>(
  def: PluginDefinition<Shape, S>,
): PluginModule {
  type C = z.output<z.ZodObject<Shape>>;
  const log = createLogger(def.name);
  const phases: Phase[] = (['access', 'log'] as const).filter((p) => typeof def[p] === 'function');

  class SuitePlugin {
    private readonly config!: C;
    private readonly meta!: InstanceMeta;
    private readonly state!: S;
    private readonly policy!: ErrorPolicy;
    readonly scope!: InstanceScope;
    /** Why the instance's config was refused: each request it would serve is answered with an error instead. */
    readonly refusal?: string;
    private follows = { version: -1, value: true };

    constructor(raw: unknown) {
      try {
        const { config, meta } = parseInstanceConfig(def.name, def.config, raw);
        this.config = config;
        this.meta = meta;
        this.state = def.init ? def.init(config, meta) : (undefined as S);
        this.policy = typeof def.onError === 'function' ? def.onError(config) : def.onError;
        this.scope = scopeOf(typeof def.access === 'function', meta);
        registerInstance(this);
      } catch (err) {
        // Were the error thrown to Kong, it would answer each request with its own bare 500. The instance stays, says
        // why in the suite's log, and refuses its requests in OpenAI's envelope: a plugin that cannot do its job
        // (a sanitizer with a pattern that does not compile) must not let them through.
        this.refusal = (err as Error).message;
        log.error('instance refused', { error: this.refusal });
        return;
      }
      log.info('instance started', { plugin_id: this.meta.pluginId, route_id: this.meta.routeId });
    }

    async runPhase(phase: Phase, kong: KongPDK): Promise<void> {
      if (this.refusal !== undefined) {
        if (phase !== 'access') return;
        log.error('request refused: the instance is misconfigured', { error: this.refusal });
        const body = openAIErrorBody(500, `The gateway's ${def.name} plugin is misconfigured on this route; the gateway's log says why.`, 'gateway_plugin_misconfigured');
        await kong.response.exit(500, JSON.stringify(body), JSON_HEADERS);
        return;
      }
      const started = performance.now();
      const { ctx, transient } = await attachContext(kong, phase, def.publishContext !== false, phase === 'log' || this.mayFollowSuitePlugin());
      const respond = async (status: number, body: string | Buffer, headers?: Record<string, string>) => {
        ctx.exited = true;
        // No access phase runs after an exit: only holders (log phases, the bridge) still need the context.
        if (!ctx.isHeld) ctx.end();
        await kong.response.exit(status, body, { ...JSON_HEADERS, ...headers });
      };
      if (phase === 'access' && def.log) ctx.hold(def.name);
      try {
        if (phase === 'access' && (await this.refusedBeforeReady(kong, ctx, respond))) return;
        const args = { kong, config: this.config, state: this.state, meta: this.meta, ctx, log, respond };
        await withDeadline(def[phase]!(args), PHASE_DEADLINE_MS, `the ${phase} phase`);
      } catch (err) {
        await this.handleError(err, phase, ctx, respond);
      } finally {
        const ms = performance.now() - started;
        ctx.timings.push({ plugin: def.name, phase, ms });
        recordPhase(def.name, phase, ms);
        if (phase === 'log') {
          if (transient) ctx.end();
          else ctx.release(def.name);
        }
      }
    }

    /**
     * The first suite plugin of a request that began before this process was ready refuses it: an earlier plugin's
     * turn may have been skipped by Kong while it could not reach this process (see readiness-check).
     */
    private async refusedBeforeReady(kong: KongPDK, ctx: RequestContext, respond: PhaseArgs<C, S>['respond']): Promise<boolean> {
      if (!readinessCheckOpen() || ctx.get(BEGUN_AFTER_READY_KEY)) return false;
      if (!(await begunBeforeReady(kong))) {
        ctx.set(BEGUN_AFTER_READY_KEY, true);
        return false;
      }
      log.warn('request refused: it began while the plugin server was starting, and an earlier plugin may have been skipped');
      const body = openAIErrorBody(503, 'The gateway was starting or restarting while this request was in progress; retry it.', 'gateway_starting');
      await respond(503, JSON.stringify(body), { 'retry-after': '1' });
      return true;
    }

    /** Cached until another instance starts. */
    private mayFollowSuitePlugin(): boolean {
      const version = instancesVersion();
      if (this.follows.version !== version) this.follows = { version, value: mayFollowSuitePlugin(this) };
      return this.follows.value;
    }

    private async handleError(
      err: unknown,
      phase: Phase,
      ctx: RequestContext,
      respond: PhaseArgs<C, S>['respond'],
    ): Promise<void> {
      if (ctx.exited || phase !== 'access') {
        log.error('phase failed', { phase, error: (err as Error).message });
        return;
      }
      if (err instanceof GatewayError) {
        await respond(err.status, JSON.stringify(err.toBody()), err.headers);
        return;
      }
      log.error('phase failed', { phase, policy: this.policy, error: (err as Error).message });
      if (this.policy === 'block') {
        const body = openAIErrorBody(500, 'The gateway could not process this request.', 'gateway_plugin_error');
        await respond(500, JSON.stringify(body));
      }
    }
  }

  // kong-pdk finds phases as functions on the prototype (arrow fields are invisible to it).
  for (const phase of phases) {
    Object.defineProperty(SuitePlugin.prototype, phase, {
      value: function (this: SuitePlugin, kong: KongPDK) {
        return this.runPhase(phase, kong);
      },
      enumerable: false,
      writable: true,
    });
  }

  return {
    Name: def.name,
    Version: def.version,
    Priority: def.priority,
    Schema: toKongFields(def.config),
    Plugin: SuitePlugin,
  };
}
