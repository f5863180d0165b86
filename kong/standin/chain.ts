import { applyKongSchema } from '../../schemas/kong-config';
import type { Declarative, PluginEntity } from './declarative';
import type { PluginInfo } from './discovery';
import { runEvent } from './event-loop';
import { RpcMismatch } from './msgpack-rpc';
import { ClaimTimeout, InstanceManager } from './instances';
import { NATIVE_PLUGINS, type NativePlugin } from './native';
import type { PdkEnv } from './pdk';
import type { ExitResponse, RequestState } from './request-state';
import { resolveReferences } from './vault';

/**
 * The plugins iterator: which plugin configuration applies to a request (the most
 * specific scope wins, resolved when the iterator reaches the plugin, so a consumer
 * identified by an auth plugin counts), in which order (priority, then name in
 * reverse), and how each phase runs, with Kong's failure semantics.
 */
const SCOPE_RANK = ['crs', 'cr', 'cs', 'rs', 'c', 'r', 's', ''];

export interface ChainDeps {
  entities: Declarative;
  external: Map<string, PluginInfo>;
  configs: Map<string, Record<string, unknown>>;
  seq: number;
  instances: InstanceManager;
  nodeId: string;
  errorLog(line: string): void;
}

export interface ChainPlugin {
  name: string;
  priority: number;
  native?: NativePlugin;
  info?: PluginInfo;
}

/** A Lua error or a failed instance start in access: Kong answers 500 and skips the rest. */
export class PhaseAbort extends Error {}

export function validateConfigs(entities: Declarative, external: Map<string, PluginInfo>, errorLog: (line: string) => void = () => undefined): Map<string, Record<string, unknown>> {
  const configs = new Map<string, Record<string, unknown>>();
  const problems: string[] = [];
  for (const entity of entities.plugins) {
    const fields = NATIVE_PLUGINS.get(entity.name)?.fields ?? external.get(entity.name)?.fields;
    if (!fields) {
      problems.push(`${entity.name} plugin is enabled but not installed; no plugin found`);
      continue;
    }
    const result = applyKongSchema(fields, entity.config);
    if (result.ok) configs.set(entity.id, resolveReferences(fields, result.value, process.env, errorLog));
    else problems.push(`plugin '${entity.name}': ${Object.entries(result.errors).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`failed parsing declarative configuration: ${problems.join('; ')}`);
  return configs;
}

function scopeOf(entity: PluginEntity): string {
  return `${entity.consumer ? 'c' : ''}${entity.route ? 'r' : ''}${entity.service ? 's' : ''}`;
}

export class Chain {
  constructor(private readonly deps: ChainDeps) {}

  /** Plugins that may apply to this route, in execution order. */
  pluginsFor(state: RequestState): ChainPlugin[] {
    const names = new Set<string>();
    for (const entity of this.deps.entities.plugins) {
      if (!entity.enabled) continue;
      if (entity.route && entity.route !== state.route.id) continue;
      if (entity.service && entity.service !== state.service.id) continue;
      names.add(entity.name);
    }
    return [...names]
      .map((name) => {
        const native = NATIVE_PLUGINS.get(name);
        const info = this.deps.external.get(name);
        return { name, priority: native?.priority ?? info?.priority ?? 0, native, info };
      })
      .sort((a, b) => b.priority - a.priority || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  }

  resolve(name: string, state: RequestState, globalOnly = false): PluginEntity | undefined {
    let best: PluginEntity | undefined;
    let bestRank = Infinity;
    for (const entity of this.deps.entities.plugins) {
      if (entity.name !== name || !entity.enabled) continue;
      if (entity.route && entity.route !== state.route.id) continue;
      if (entity.service && entity.service !== state.service.id) continue;
      if (entity.consumer && entity.consumer !== state.consumer?.id) continue;
      const scope = scopeOf(entity);
      if (globalOnly && scope !== '') continue;
      const rank = SCOPE_RANK.indexOf(scope);
      if (rank < bestRank) {
        best = entity;
        bestRank = rank;
      }
    }
    return best;
  }

  private env(state: RequestState, entity: PluginEntity): PdkEnv {
    return { state, pluginId: entity.id, nodeId: this.deps.nodeId, errorLog: this.deps.errorLog };
  }

  /** Runs one phase of one plugin; returns an exit response when the plugin answered the client. */
  async run(plugin: ChainPlugin, phase: RequestState['phase'], state: RequestState): Promise<ExitResponse | undefined> {
    const entity = this.resolve(plugin.name, state, phase === 'rewrite');
    if (!entity) return undefined;
    const config = this.deps.configs.get(entity.id)!;
    if (plugin.native) {
      if (phase === 'access' && plugin.native.access) return plugin.native.access(state, config, this.deps.entities);
      if (phase === 'log' && plugin.native.log && state.snapshot) plugin.native.log(state.snapshot, config);
      return undefined;
    }
    const info = plugin.info!;
    if (!info.phases.includes(phase)) return undefined;
    await this.runExternal(info, entity, config, phase, state);
    return state.exit;
  }

  private async runExternal(
    info: PluginInfo,
    entity: PluginEntity,
    config: Record<string, unknown>,
    phase: RequestState['phase'],
    state: RequestState,
  ): Promise<void> {
    const { instances, errorLog } = this.deps;
    for (let attempt = 0; attempt < 3; attempt++) {
      let instanceId: number;
      try {
        instanceId = await instances.instanceFor(info, entity, config, this.deps.seq);
      } catch (err) {
        if (err instanceof ClaimTimeout) {
          errorLog(`[error] [${info.name}] ${err.message}`);
          return;
        }
        errorLog(`[error] [${info.name}] starting instance: ${(err as Error).message}`);
        throw new PhaseAbort((err as Error).message);
      }
      try {
        const outcome = await runEvent(instances.client(info), instanceId, phase, this.env(state, entity));
        if (outcome.kind === 'lua-error') throw new PhaseAbort(outcome.message);
        return;
      } catch (err) {
        if (err instanceof PhaseAbort) throw err;
        if (err instanceof RpcMismatch) {
          // Kong: "lua entry thread aborted: runtime error: … unexpected RPC response ID …", and a 500.
          errorLog(`[error] [${info.name}] ${phase}: runtime error: ${err.message}`);
          throw new PhaseAbort(err.message);
        }
        if (InstanceManager.isNoInstance(err)) {
          instances.resetEntity(entity);
          continue;
        }
        // MsgPack plugin servers fail open: the error is logged and the request goes on.
        errorLog(`[error] [${info.name}] ${phase}: ${(err as Error).message}`);
        return;
      }
    }
    errorLog(`[error] [${info.name}] gave up restarting the plugin instance`);
  }
}
