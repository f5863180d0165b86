/**
 * Per-target state shared by every request in the process: the circuit breaker
 * (open after max_fails consecutive failures, one half-open probe after
 * fail_timeout), in-flight count and an EWMA of latency for balancing.
 */
interface Health {
  failures: number;
  openedAt?: number;
  probing: boolean;
  inFlight: number;
  ewmaMs?: number;
}

const EWMA_ALPHA = 0.3;
const health = new Map<string, Health>();

function of(key: string): Health {
  let h = health.get(key);
  if (!h) {
    h = { failures: 0, probing: false, inFlight: 0 };
    health.set(key, h);
  }
  return h;
}

/** Whether a request may go to the target now; claims the half-open probe when it is due. */
export function admit(key: string, failTimeoutS: number, now = Date.now()): boolean {
  const h = of(key);
  if (h.openedAt === undefined) return true;
  if (now - h.openedAt < failTimeoutS * 1000 || h.probing) return false;
  h.probing = true;
  return true;
}

export function isOpen(key: string): boolean {
  return of(key).openedAt !== undefined;
}

export function recordSuccess(key: string, latencyMs: number): void {
  const h = of(key);
  h.failures = 0;
  h.openedAt = undefined;
  h.probing = false;
  h.ewmaMs = h.ewmaMs === undefined ? latencyMs : EWMA_ALPHA * latencyMs + (1 - EWMA_ALPHA) * h.ewmaMs;
}

/** An attempt that says nothing of the target's health (its answer was refused for the request's sake): a half-open probe slot is free again. */
export function releaseProbe(key: string): void {
  of(key).probing = false;
}

export function recordFailure(key: string, maxFails: number, now = Date.now()): void {
  const h = of(key);
  h.failures++;
  if (h.probing || h.failures >= maxFails) h.openedAt = now;
  h.probing = false;
}

export function started(key: string): () => void {
  const h = of(key);
  h.inFlight++;
  let done = false;
  return () => {
    if (!done) h.inFlight--;
    done = true;
  };
}

export function stats(key: string): { inFlight: number; ewmaMs: number | undefined; failures: number } {
  const h = of(key);
  return { inFlight: h.inFlight, ewmaMs: h.ewmaMs, failures: h.failures };
}

/** For tests: forget every target's state. */
export function resetHealth(): void {
  health.clear();
}
