import type { KongPDK } from './kong-pdk';

/**
 * Refusing requests that were already in Kong's chain when this process became ready.
 *
 * Kong skips a plugin it cannot reach: a call on a cached instance whose server died (MessagePack plugin servers
 * fail open), and, on Kong's first start, a plugin whose socket it has not yet seen ready (each worker polls each
 * socket on its own, every 100 ms). So while the process starts or restarts, a request can pass the guard's or the
 * sanitizer's turn with neither having run, and still meet llm-proxy (or any suite plugin) once this process
 * listens. Such a request began before the process was ready, or within the moment Kong takes to see every socket
 * ready: the first suite plugin that sees it here asks Kong when it began, and refuses it.
 */

/** How long after the sockets listen Kong may still skip one of them (its per-socket readiness polls). */
export const READINESS_SKEW_MS = 1000;
/**
 * How long requests are checked once the cut-off has passed. After a first start, a request Kong skipped a plugin for
 * meets the next one in the same pass through its chain. After a restart, a request skipped a plugin before the
 * process was ready and reaches the next one once it is; what lies between is at most Kong's own work (native
 * plugins, each call bounded by nginx's 60 s socket timeout).
 */
export const FIRST_START_WINDOW_MS = 2000;
const RESTART_WINDOW_MS = 5 * 60_000;

let cutoff = 0;
let checkUntil = 0;

/** Called once every socket listens; `replacesAnother` when this process replaces one Kong may still count on. */
export function markReady(replacesAnother: boolean, now = Date.now()): void {
  cutoff = now + READINESS_SKEW_MS;
  checkUntil = cutoff + (replacesAnother ? RESTART_WINDOW_MS : FIRST_START_WINDOW_MS);
}

export function readinessCheckOpen(now = Date.now()): boolean {
  return now < checkUntil;
}

/** Whether Kong began this request before the cut-off (Kong's start time is in epoch ms). */
export async function begunBeforeReady(kong: KongPDK): Promise<boolean> {
  const started = Number(await kong.request.getStartTime());
  // A start time Kong did not give is treated as before: the check exists to fail closed.
  return !Number.isFinite(started) || started < cutoff;
}
