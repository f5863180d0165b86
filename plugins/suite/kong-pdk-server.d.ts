// Types for the parts of kong-pdk's plugin server the suite builds on (the package ships none).
declare module 'kong-pdk/server' {
  import type { EventEmitter } from 'node:events';

  interface PdkLogger {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  }

  interface PluginInfo {
    Name: string;
    Version?: string;
    Phases: string[];
    Priority: number;
    Schema: { name: string; fields: unknown[] };
  }

  class Server {
    constructor(pluginDir: string | undefined, logger: PdkLogger, expireTtl?: number);
    close(): void;
    getPlugins(): Map<string, unknown>;
    GetPluginInfo(name: string): Promise<PluginInfo>;
  }
  export = Server;
}
