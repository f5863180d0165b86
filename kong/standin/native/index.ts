import { fileLog } from './file-log';
import { keyAuth } from './key-auth';
import { rateLimiting } from './rate-limiting';
import type { NativePlugin } from './types';

/** The bundled Kong plugins the stand-in implements. */
export const NATIVE_PLUGINS: ReadonlyMap<string, NativePlugin> = new Map(
  [keyAuth, rateLimiting, fileLog].map((p) => [p.name, p]),
);
export type { NativePlugin } from './types';
