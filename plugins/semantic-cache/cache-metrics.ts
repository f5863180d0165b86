import { Counter, Gauge } from 'prom-client';
import { registry } from '../core/metrics';

/** The cache on the suite's Prometheus endpoint: lookups by outcome, and entries indexed on this node. */
const lookups = new Counter({ name: 'ai_suite_cache_lookups_total', help: 'Cache lookups by X-Cache-Status (Hit, Miss, Bypass, Refresh).', labelNames: ['status'], registers: [registry] });

const sizes = new Set<() => number>();

new Gauge({
  name: 'ai_suite_cache_entries',
  help: 'Cache entries indexed on this node (all scopes).',
  registers: [registry],
  collect() {
    let total = 0;
    for (const size of sizes) total += size();
    this.set(total);
  },
});

export function countLookup(status: string): void {
  lookups.inc({ status });
}

export function reportSize(size: () => number): void {
  sizes.add(size);
}
