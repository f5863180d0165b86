import type { KongField } from '../../../schemas/kong-field';
import type { Declarative } from '../declarative';
import type { ExitResponse, RequestState } from '../request-state';

/** A Kong bundled plugin the stand-in runs in-process, with its Kong schema. */
export interface NativePlugin {
  name: string;
  priority: number;
  fields: KongField[];
  access?(state: RequestState, config: Record<string, unknown>, entities: Declarative): ExitResponse | undefined;
  log?(snapshot: Record<string, unknown>, config: Record<string, unknown>): void;
}

export function jsonExit(status: number, message: string, headers: Record<string, string> = {}): ExitResponse {
  const out: Record<string, string[]> = { 'content-type': ['application/json; charset=utf-8'] };
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = [v];
  return { status, body: Buffer.from(JSON.stringify({ message })), headers: out };
}
