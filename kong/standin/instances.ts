import { RpcClient, RpcError } from './msgpack-rpc';
import type { PluginEntity } from './declarative';
import type { PluginInfo } from './discovery';

/**
 * Plugin instances as Kong keeps them (one table per worker; the stand-in is one
 * worker): one instance per plugin entity, started lazily with the config as a
 * JSON string, restarted when the config's __seq__ changes, dropped for the whole
 * plugin when the server says "no plugin instance".
 */
/** How long Kong lets a request wait for an instance another request is starting. */
const CLAIM_WAIT_MS = 10_000;

/** Kong gave up waiting for another request's instance start: the plugin is skipped for this request. */
export class ClaimTimeout extends Error {}

interface CachedInstance {
  id: number;
  seq: number;
}

export class InstanceManager {
  private readonly clients = new Map<string, RpcClient>();
  private readonly cache = new Map<string, CachedInstance>();
  private readonly starting = new Map<string, Promise<CachedInstance>>();

  constructor(private readonly rpcTimeoutMs: number) {}

  client(info: PluginInfo): RpcClient {
    let client = this.clients.get(info.name);
    if (!client) {
      client = new RpcClient(info.server.socket, this.rpcTimeoutMs);
      this.clients.set(info.name, client);
    }
    return client;
  }

  async instanceFor(info: PluginInfo, entity: PluginEntity, config: Record<string, unknown>, seq: number): Promise<number> {
    const cached = this.cache.get(entity.id);
    if (cached && cached.seq === seq) return cached.id;
    const other = this.starting.get(entity.id);
    if (other) {
      // Kong 3.4.2's get_instance_id: a request waits at most 10 s (100 sleeps of 0.1 s) for an instance another
      // request is starting, then returns "Could not claim instance_id", which handle_event only logs: the plugin
      // is skipped for that request.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ClaimTimeout(`Could not claim instance_id for ${info.name} (key: ${entity.id})`)), CLAIM_WAIT_MS);
      });
      try {
        return (await Promise.race([other, waited])).id;
      } finally {
        clearTimeout(timer);
      }
    }
    const pending = this.start(info, entity, config, seq, cached).finally(() => this.starting.delete(entity.id));
    this.starting.set(entity.id, pending);
    return (await pending).id;
  }

  private async start(
    info: PluginInfo,
    entity: PluginEntity,
    config: Record<string, unknown>,
    seq: number,
    previous: CachedInstance | undefined,
  ): Promise<CachedInstance> {
    const full = {
      ...config,
      route_id: entity.route,
      service_id: entity.service,
      consumer_id: entity.consumer,
      plugin_instance_name: entity.instance_name,
      __plugin_id: entity.id,
      __ws_id: 'default-workspace',
      __key__: `plugins:${entity.name}:${entity.route ?? ''}:${entity.service ?? ''}:${entity.consumer ?? ''}::default-workspace`,
      __seq__: seq,
    };
    const started = (await this.client(info).call('plugin.StartInstance', [
      { Name: info.name, Config: JSON.stringify(full) },
    ])) as { Id: number };
    const instance = { id: started.Id, seq };
    this.cache.set(entity.id, instance);
    if (previous) this.client(info).call('plugin.CloseInstance', [previous.id]).catch(() => undefined);
    return instance;
  }

  /** Kong drops every cached instance of the plugin (in all workers) and retries the event. */
  /**
   * Kong 3.4.2 forgets only the entity whose event failed (reset_instance, keyed by kong.plugin.get_id()):
   * the plugin's other entities keep their cached ids until they fail in turn.
   */
  resetEntity(entity: PluginEntity): void {
    this.cache.delete(entity.id);
  }

  static isNoInstance(err: unknown): boolean {
    return err instanceof RpcError && /no plugin instance/i.test(err.message);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}
