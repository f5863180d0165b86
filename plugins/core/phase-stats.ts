import { Histogram } from 'prom-client';
import { registry } from './metrics';

/**
 * How long every plugin phase takes in the plugin server (PDK calls included),
 * on the suite's Prometheus endpoint: where a request's added latency goes.
 */
const phaseSeconds = new Histogram({
  name: 'ai_suite_plugin_phase_seconds',
  help: 'Time spent in each suite plugin phase, PDK calls included.',
  labelNames: ['plugin', 'phase'],
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});

export function recordPhase(plugin: string, phase: string, ms: number): void {
  phaseSeconds.observe({ plugin, phase }, ms / 1000);
}
