import type { Budget } from './budget-schema';

/**
 * A budget's counting windows. A fixed window counts what was spent since its start; a sliding one adds the
 * previous window's count, weighted by the share of that window still inside the last period.
 */
export interface Window {
  key: string;
  previousKey: string;
  /** Share of the previous window still inside a sliding window (0 for a fixed one). */
  previousWeight: number;
  /** Seconds of the current window gone. */
  elapsedS: number;
}

export function windowFor(budget: Budget, prefix: string, identity: string, metric: string, now: number): Window {
  const period = budget.period_s;
  const start = Math.floor(now / 1000 / period) * period;
  const elapsedS = now / 1000 - start;
  const base = `${prefix}:${budget.name}:${metric}:${identity}`;
  return {
    key: `${base}:${start}`,
    previousKey: `${base}:${start - period}`,
    previousWeight: budget.window === 'sliding' ? 1 - elapsedS / period : 0,
    elapsedS,
  };
}

/**
 * Whole seconds after which a spender refused at `used >= limit` is let through again, if it spends nothing more:
 * a fixed window's end; for a sliding one, the moment the weighted sum falls below the limit: within this window as
 * the previous window's weight falls, or else in the next one as this window's does.
 */
export function retryAfterS(budget: Budget, w: Window, current: number, previous: number, limit: number): number {
  const period = budget.period_s;
  const untilEnd = period - w.elapsedS;
  if (budget.window !== 'sliding' || limit <= 0) return Math.max(1, Math.ceil(untilEnd));
  const wait =
    current < limit
      ? // current + previous × (1 − x/period) < limit, x seconds into this window (previous > 0, or it would pass)
        (period * (current + previous - limit)) / previous - w.elapsedS
      : // current × (1 − x/period) < limit, x seconds into the next window
        untilEnd + period * (1 - limit / current);
  // Strictly past the moment the sum equals the limit, which is still refused.
  return Math.max(1, Math.floor(wait) + 1);
}
