import type { BalancerSettings, PlannedTarget } from './plan';
import { stats } from './target-health';

/**
 * The order in which a request tries its targets: priority groups first (lower
 * first), and within a group the configured algorithm. Attempts walk this list.
 */
function weightedShuffle(targets: PlannedTarget[], random: () => number): PlannedTarget[] {
  const pool = [...targets];
  const out: PlannedTarget[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, t) => sum + t.weight, 0);
    let pick = random() * total;
    let index = 0;
    while (pick >= pool[index].weight && index < pool.length - 1) pick -= pool[index++].weight;
    out.push(...pool.splice(index, 1));
  }
  return out;
}

function orderGroup(group: PlannedTarget[], algorithm: BalancerSettings['algorithm'], random: () => number): PlannedTarget[] {
  const shuffled = weightedShuffle(group, random);
  switch (algorithm) {
    case 'lowest-latency':
      // Targets never measured go first, so every target gets measured.
      return shuffled.sort((a, b) => (stats(a.key).ewmaMs ?? -1) - (stats(b.key).ewmaMs ?? -1));
    case 'least-inflight':
      return shuffled.sort((a, b) => stats(a.key).inFlight - stats(b.key).inFlight);
    case 'lowest-cost':
      return shuffled.sort((a, b) => a.inputCost + a.outputCost - (b.inputCost + b.outputCost));
    default:
      return shuffled;
  }
}

export function orderTargets(targets: PlannedTarget[], algorithm: BalancerSettings['algorithm'], random = Math.random): PlannedTarget[] {
  const priorities = [...new Set(targets.map((t) => t.priority))].sort((a, b) => a - b);
  return priorities.flatMap((p) => orderGroup(targets.filter((t) => t.priority === p), algorithm, random));
}
