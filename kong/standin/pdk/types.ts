import type { RequestState } from '../request-state';

/** What a PDK function sees: the request, the calling plugin, and Kong's error log. */
export interface PdkEnv {
  state: RequestState;
  pluginId: string;
  nodeId: string;
  errorLog(line: string): void;
}

export type PdkFunction = (env: PdkEnv, ...args: unknown[]) => unknown;
export type PdkTable = Record<string, PdkFunction>;
