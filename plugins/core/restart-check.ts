import type { KongPDK } from './kong-pdk';

/**
 * Refusing requests that were already in Kong's chain when the plugin server restarted.
 *
 * Kong keeps the instance ids of a plugin server that died, and a call on a cached instance whose
 * socket is gone is skipped (MessagePack plugin servers fail open). So while the process restarts a
 * request can pass the guard's or the sanitizer's turn with neither having run, and still meet
 * llm-proxy (or any suite plugin) once the new process listens. Such a request began before this
 * process was ready: the first suite plugin that sees it here asks Kong when it began, and refuses
 * it when that was before. Only a process that replaced another checks (its sockets were still on
 * disk, or the mark a stopped process leaves): on a first start Kong has cached no instance.
 */

/**
 * How long after a restart requests are checked. A request skipped a plugin before the process was
 * ready and reaches the next suite plugin once it is; what lies between is at most Kong's own work
 * (native plugins, each call bounded by nginx's 60 s socket timeout).
 */
const CHECK_WINDOW_MS = 5 * 60_000;

let readyAt = 0;
let checkUntil = 0;

/** Called once every socket listens; `replacedDeadProcess` when this process replaces another. */
export function markReady(replacedDeadProcess: boolean, now = Date.now()): void {
  readyAt = now;
  checkUntil = replacedDeadProcess ? now + CHECK_WINDOW_MS : 0;
}

export function restartCheckOpen(now = Date.now()): boolean {
  return now < checkUntil;
}

/** Whether Kong began this request before the process was ready (Kong's start time is in ms). */
export async function begunBeforeRestart(kong: KongPDK): Promise<boolean> {
  const started = Number(await kong.request.getStartTime());
  // A start time Kong did not give is treated as before: the check exists to fail closed.
  return !Number.isFinite(started) || started < readyAt;
}
