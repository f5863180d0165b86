import { fileLog } from './file-log';
import { keyAuth } from './key-auth';
import { rateLimiting } from './rate-limiting';
import { requestTransformer } from './request-transformer';
import type { NativePlugin } from './types';

/** The bundled Kong plugins the stand-in implements. */
export const NATIVE_PLUGINS: ReadonlyMap<string, NativePlugin> = new Map(
  [keyAuth, rateLimiting, requestTransformer, fileLog].map((p) => [p.name, p]),
);
export type { NativePlugin } from './types';
