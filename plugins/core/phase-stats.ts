/**
 * Process-wide timing of every plugin phase, for the metrics endpoint and
 * benchmarks: count, total and max per plugin and phase.
 */
export interface PhaseStat {
  count: number;
  totalMs: number;
  maxMs: number;
}

const stats = new Map<string, PhaseStat>();

export function recordPhase(plugin: string, phase: string, ms: number): void {
  const key = `${plugin}.${phase}`;
  const stat = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
  stat.count++;
  stat.totalMs += ms;
  if (ms > stat.maxMs) stat.maxMs = ms;
  stats.set(key, stat);
}

export function phaseStats(): Record<string, PhaseStat> {
  return Object.fromEntries(stats);
}
