import fs from 'node:fs';
import YAML from 'yaml';
import { getEmbedder } from '../core/embeddings';
import type { Embedder } from '../core/embeddings/types';
import { formatZodIssues } from '../core/instance-config';
import { configSchema, validateRouterConfig, type RouterConfig } from './config';
import { buildModel, foldCase, scoreVector, thresholdOf, type RouterModel } from './router';

/**
 * Fitting: per-route thresholds tuned on labelled utterances to maximise
 * accuracy with abstention (an in-scope utterance counts when it reaches its
 * route, an out-of-scope one when it reaches the default route).
 *
 *   node dist/plugins/semantic-router/fit.js --config routes.yaml --data labelled.jsonl [--out thresholds.json]
 *     [--oos-weight 1] [--prior 10]
 *
 * --config: the plugin's config (JSON or YAML), a kong.yml plugin entry, or a whole
 * kong.yml (its first semantic-router plugin). --data: JSONL of {"text", "route"};
 * route null, "default", "oos" or the default route's name marks out-of-scope.
 * Prints accuracy and coverage before and after, and the config with the fitted
 * thresholds as YAML to paste into kong.yml.
 */
export interface Labelled {
  text: string;
  /** A route name, or null for out-of-scope (the default route is right). */
  route: string | null;
}

export interface Prediction {
  /** Picked route (index into config.routes), -1 when there are no routes. */
  index: number;
  score: number;
  /** True route index, -1 for out-of-scope. */
  label: number;
}

export interface Evaluation {
  n: number;
  inScope: number;
  outOfScope: number;
  /** (in-scope routed right + out-of-scope sent to default) / n. */
  accuracy: number;
  /** Share of utterances routed somewhere other than the default. */
  coverage: number;
  /** In-scope utterances routed right (and above threshold) / in-scope. */
  inScopeAccuracy: number;
  /** Out-of-scope utterances sent to the default route / out-of-scope. */
  oosToDefault: number;
}

export interface FittedThresholds {
  threshold: number;
  routes: Record<string, number>;
}

export interface FitOptions {
  /** Weight of one out-of-scope utterance against one in-scope utterance (default 1). */
  oosWeight?: number;
  /** Pseudo-count pulling each route's threshold toward the global one (default 10). */
  prior?: number;
}

const OOS_LABELS = new Set(['', 'default', 'oos', 'out_of_scope', 'none']);

export function labelIndex(config: RouterConfig, route: string | null | undefined): number {
  if (route === null || route === undefined || OOS_LABELS.has(route) || route === config.default_route.name) return -1;
  const index = config.routes.findIndex((r) => r.name === route);
  if (index < 0) throw new Error(`labelled route '${route}' is not a route of the config (use null or "oos" for out-of-scope)`);
  return index;
}

export function predictAll(model: RouterModel, vectors: readonly Float32Array[], labels: readonly number[], texts?: readonly string[]): Prediction[] {
  return vectors.map((v, i) => ({ ...scoreVector(model, v, texts?.[i]), label: labels[i]! }));
}

export function evaluate(config: RouterConfig, predictions: readonly Prediction[], thresholds?: FittedThresholds): Evaluation {
  const tOf = (index: number) =>
    thresholds ? (thresholds.routes[config.routes[index]?.name ?? ''] ?? thresholds.threshold) : thresholdOf(config, index);
  let inScope = 0;
  let inRight = 0;
  let oos = 0;
  let oosRight = 0;
  let covered = 0;
  for (const p of predictions) {
    const routed = p.index >= 0 && p.score >= tOf(p.index);
    if (routed) covered++;
    if (p.label < 0) {
      oos++;
      if (!routed) oosRight++;
    } else {
      inScope++;
      if (routed && p.index === p.label) inRight++;
    }
  }
  const n = predictions.length;
  const share = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    n,
    inScope,
    outOfScope: oos,
    accuracy: share(inRight + oosRight, n),
    coverage: share(covered, n),
    inScopeAccuracy: share(inRight, inScope),
    oosToDefault: share(oos > 0 ? oosRight : 0, oos),
  };
}

/**
 * The threshold maximising (right and routed) + weight·(out-of-scope and not routed)
 * over these predictions; ties go to the threshold closest to `near`.
 */
function bestThreshold(items: readonly Prediction[], oosWeight: number, near: number): { t: number; gain: number } {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const scores = sorted.map((p) => p.score);
  const candidates = [Math.max(0, (scores[0] ?? near) - 1e-3)];
  for (let i = 0; i + 1 < scores.length; i++) if (scores[i + 1]! > scores[i]!) candidates.push((scores[i]! + scores[i + 1]!) / 2);
  candidates.push(Math.min(1, (scores[scores.length - 1] ?? near) + 1e-3));
  candidates.push(near);
  let best = { t: near, gain: -Infinity };
  for (const t of candidates) {
    let gain = 0;
    for (const p of sorted) {
      if (p.label < 0) gain += p.score < t ? oosWeight : 0;
      else if (p.label === p.index && p.score >= t) gain += 1;
    }
    if (gain > best.gain + 1e-9 || (Math.abs(gain - best.gain) <= 1e-9 && Math.abs(t - near) < Math.abs(best.t - near))) best = { t, gain };
  }
  return best;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function fitThresholds(config: RouterConfig, predictions: readonly Prediction[], options: FitOptions = {}): FittedThresholds {
  const oosWeight = options.oosWeight ?? 1;
  const prior = options.prior ?? 10;
  const routed = predictions.filter((p) => p.index >= 0);
  const global = bestThreshold(routed, oosWeight, config.threshold).t;
  const routes: Record<string, number> = {};
  config.routes.forEach((route, index) => {
    const mine = routed.filter((p) => p.index === index);
    if (mine.length === 0) {
      routes[route.name] = round3(global);
      return;
    }
    const own = bestThreshold(mine, oosWeight, global).t;
    routes[route.name] = round3((mine.length * own + prior * global) / (mine.length + prior));
  });
  return { threshold: round3(global), routes };
}

export function applyThresholds(config: RouterConfig, fitted: FittedThresholds): RouterConfig {
  return {
    ...config,
    threshold: fitted.threshold,
    routes: config.routes.map((r) => ({ ...r, threshold: fitted.routes[r.name] ?? fitted.threshold })),
  };
}

/** Everything the command does, minus reading files: model, predictions, fit, before and after. */
export async function fitConfig(
  config: RouterConfig,
  data: readonly Labelled[],
  embedder: Embedder,
  options: FitOptions = {},
): Promise<{ fitted: FittedThresholds; before: Evaluation; after: Evaluation; config: RouterConfig; model: RouterModel }> {
  const labels = data.map((d) => labelIndex(config, d.route));
  const model = await buildModel(config, embedder);
  const vectors = await embedder.embedMany(data.map((d) => foldCase(d.text)));
  const predictions = predictAll(model, vectors, labels, data.map((d) => d.text));
  const fitted = fitThresholds(config, predictions, options);
  return {
    fitted,
    before: evaluate(config, predictions),
    after: evaluate(config, predictions, fitted),
    config: applyThresholds(config, fitted),
    model,
  };
}

/** Reads the plugin config from a JSON or YAML file: a bare config, a plugin entry, or a kong.yml. */
export function readRouterConfig(file: string): { config: RouterConfig; raw: Record<string, unknown> } {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const raw = (findPluginConfig(doc) ?? doc) as Record<string, unknown>;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${formatZodIssues(parsed.error).join('; ')}`);
  validateRouterConfig(parsed.data);
  return { config: parsed.data, raw };
}

/** The config as the user wrote it, with the fitted thresholds put in (what to paste into kong.yml). */
export function withThresholds(raw: Record<string, unknown>, fitted: FittedThresholds): Record<string, unknown> {
  const routes = Array.isArray(raw.routes) ? (raw.routes as Array<Record<string, unknown>>) : [];
  return {
    ...raw,
    threshold: fitted.threshold,
    routes: routes.map((r) => ({ ...r, threshold: fitted.routes[String(r.name)] ?? fitted.threshold })),
  };
}

function findPluginConfig(value: unknown): unknown {
  if (!value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findPluginConfig(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  if (obj.name === 'semantic-router' && obj.config && typeof obj.config === 'object') return obj.config;
  if ('routes' in obj && Array.isArray(obj.routes) && obj.routes.some((r) => r && typeof r === 'object' && 'utterances' in r)) return undefined;
  for (const inner of Object.values(obj)) {
    const found = findPluginConfig(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function readLabelled(file: string): Labelled[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, no]) => {
      let row: { text?: unknown; route?: unknown };
      try {
        row = JSON.parse(line) as typeof row;
      } catch {
        throw new Error(`${file}:${no}: not JSON`);
      }
      if (typeof row.text !== 'string' || !row.text.trim()) throw new Error(`${file}:${no}: "text" must be a non-empty string`);
      if (row.route !== null && row.route !== undefined && typeof row.route !== 'string') throw new Error(`${file}:${no}: "route" must be a string or null`);
      return { text: row.text, route: (row.route as string | null | undefined) ?? null };
    });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatEvaluation(label: string, e: Evaluation): string {
  return `${label.padEnd(7)} accuracy ${pct(e.accuracy)}  coverage ${pct(e.coverage)}  in-scope routed right ${pct(e.inScopeAccuracy)} (${e.inScope})  out-of-scope to default ${pct(e.oosToDefault)} (${e.outOfScope})`;
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
    out[arg.slice(2)] = value;
    i++;
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (!args.config || !args.data) {
    throw new Error('usage: fit.js --config routes.json|yaml --data labelled.jsonl [--out thresholds.json] [--oos-weight 1] [--prior 10]');
  }
  const { config, raw } = readRouterConfig(args.config);
  const data = readLabelled(args.data);
  const options: FitOptions = {
    oosWeight: args['oos-weight'] !== undefined ? Number(args['oos-weight']) : undefined,
    prior: args.prior !== undefined ? Number(args.prior) : undefined,
  };
  const embedder = getEmbedder(config.embedding);
  await embedder.ready();
  const result = await fitConfig(config, data, embedder, options);
  process.stdout.write(`${data.length} labelled utterances, ${config.routes.length} routes, classifier ${config.classifier}, top_k ${config.top_k}\n`);
  process.stdout.write(`${formatEvaluation('before', result.before)}\n${formatEvaluation('after', result.after)}\n\n`);
  process.stdout.write('# semantic-router config with fitted thresholds (paste under the plugin entry in kong.yml)\n');
  process.stdout.write(YAML.stringify({ config: withThresholds(raw, result.fitted) }, { lineWidth: 0 }));
  if (args.out) {
    fs.writeFileSync(args.out, `${JSON.stringify({ ...result.fitted, before: result.before, after: result.after }, null, 2)}\n`);
    process.stderr.write(`wrote ${args.out}\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then(() => process.exit(0))
    .catch((err: Error) => {
      process.stderr.write(`fit: ${err.message}\n`);
      process.exit(1);
    });
}
