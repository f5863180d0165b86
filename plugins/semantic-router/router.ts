import { createHash } from 'node:crypto';
import type { Embedder } from '../core/embeddings/types';
import { centroid, cosine, topKMean } from '../core/embeddings/vector-math';
import { fitPlatt, predictSoftmax, sigmoid, trainSoftmax, type LinearModel, type Platt } from './classifier';
import type { RouterConfig } from './config';
import { buildLexical, lexicalScores, type LexicalModel } from './lexical';

/**
 * The router's model and its decision. The model (utterance vectors, the
 * classifier, the cost-aware calibration) depends only on the utterances, the
 * engine and the scoring settings, so it is built once per process for a given
 * set of those: a restarted instance, or one whose thresholds or targets were
 * changed, reuses it without embedding or training anything. Thresholds and
 * targets are read from the config at decision time.
 */
export interface RouterModel {
  key: string;
  names: string[];
  /** Utterance vectors per route, in config order. */
  vectors: Float32Array[][];
  /** Normalised mean vector per route. */
  centroids: Float32Array[];
  topK: number;
  classifier?: LinearModel;
  lexical?: LexicalModel;
  cost?: { strong: Float32Array[]; weak: Float32Array[]; platt: Platt };
  buildMs: number;
}

export interface RouterDecision {
  /** The chosen route's name, or the default route's. */
  route: string;
  /** Top-k mean similarity of the best route (the one the classifier picked), 0 when nothing was scored. */
  score: number;
  /** The route the prompt was closest to, even when it did not pass its threshold. */
  candidate?: string;
  abstained: boolean;
  /** llm-proxy target names; empty means no narrowing. */
  targets: string[];
  /** Why the default route was taken: below_threshold, no_text, no_routes, router_error, out_of_vocabulary. */
  reason?: string;
  /** Cost-aware mode: the tier and the estimated probability that the prompt needs the strong model. */
  tier?: 'strong' | 'weak';
  strongProbability?: number;
}

export function modelKey(config: RouterConfig, embedder: Pick<Embedder, 'id'>): string {
  const material = JSON.stringify({
    engine: embedder.id,
    routes: config.routes.map((r) => [r.name, r.utterances]),
    classifier: config.classifier,
    top_k: config.top_k,
    cost: config.cost_aware.enabled ? [config.cost_aware.strong_examples, config.cost_aware.weak_examples] : null,
  });
  return createHash('sha256').update(material).digest('hex');
}

/**
 * What the router embeds: USE-lite reads a text in capitals as other tokens (cosine 0.59 between a question and its
 * upper-case copy), so "WHY WAS MY CARD CHARGED TWICE" scored far from the utterance it repeats. A route does not
 * depend on case; the cache, which embeds too, keeps it (a quoted value's case may be what a prompt asks about).
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Embeds the utterances and trains the classifier (no memo: see loadModel). */
export async function buildModel(config: RouterConfig, embedder: Embedder): Promise<RouterModel> {
  const started = performance.now();
  const vectors = await Promise.all(config.routes.map((r) => embedder.embedMany(r.utterances.map(foldCase))));
  const centroids = vectors.map((set) => centroid(set));
  let classifier: LinearModel | undefined;
  if (config.classifier === 'logistic' && vectors.length > 1) {
    const xs: Float32Array[] = [];
    const ys: number[] = [];
    vectors.forEach((set, label) => set.forEach((v) => (xs.push(v), ys.push(label))));
    classifier = await trainSoftmax(xs, ys, vectors.length, centroids);
  }
  const lexical = config.classifier === 'logistic' && vectors.length > 1 ? buildLexical(config.routes.map((r) => r.utterances)) : undefined;
  let cost: RouterModel['cost'];
  if (config.cost_aware.enabled) {
    const strong = await embedder.embedMany(config.cost_aware.strong_examples.map(foldCase));
    const weak = await embedder.embedMany(config.cost_aware.weak_examples.map(foldCase));
    // Leave-one-out similarity differences of the examples calibrate the probability.
    const k = config.top_k;
    const diffs: number[] = [];
    const labels: boolean[] = [];
    strong.forEach((v, i) => (diffs.push(topKMean(v, strong, k, i) - topKMean(v, weak, k)), labels.push(true)));
    weak.forEach((v, i) => (diffs.push(topKMean(v, strong, k) - topKMean(v, weak, k, i)), labels.push(false)));
    cost = { strong, weak, platt: fitPlatt(diffs, labels) };
  }
  return {
    key: modelKey(config, embedder),
    names: config.routes.map((r) => r.name),
    vectors,
    centroids,
    topK: config.top_k,
    classifier,
    lexical,
    cost,
    buildMs: performance.now() - started,
  };
}

/** Process-level memo of built models, by key (bounded, most recent kept). */
const MAX_MODELS = 32;
const models = new Map<string, Promise<RouterModel>>();
let builds = 0;

export function loadModel(config: RouterConfig, embedder: Embedder): Promise<RouterModel> {
  const key = modelKey(config, embedder);
  const known = models.get(key);
  if (known) {
    models.delete(key);
    models.set(key, known);
    return known;
  }
  builds++;
  const building = buildModel(config, embedder);
  models.set(key, building);
  // A failed build (engine down) is forgotten so that a later instance tries again.
  building.catch(() => {
    if (models.get(key) === building) models.delete(key);
  });
  while (models.size > MAX_MODELS) models.delete(models.keys().next().value as string);
  return building;
}

/** How many models this process built (for tests: a restarted instance builds none). */
export function modelBuilds(): number {
  return builds;
}

const CENTROID_WEIGHT = 20;
const LEXICAL_WEIGHT = 30;

export interface Scored {
  /** Index of the picked route, -1 when there are no routes. */
  index: number;
  /** Its top-k mean similarity. */
  score: number;
}

/** Which route the prompt (its vector, and its text when known) is closest to, and how close (thresholds not applied). */
export function scoreVector(model: RouterModel, v: Float32Array, text?: string): Scored {
  const n = model.vectors.length;
  if (n === 0) return { index: -1, score: 0 };
  if (model.classifier) {
    // The classifier's log-probability plus the centroid similarity: measured on CLINC150 subsets of
    // 3 to 150 routes, the blend is as good as the better of the two at every size.
    // The lexical view adds the words that name an intent (measured: about +3 points on CLINC150).
    const p = predictSoftmax(model.classifier, v);
    const lexical = model.lexical && text ? lexicalScores(model.lexical, text) : undefined;
    let index = 0;
    let best = -Infinity;
    for (let c = 0; c < n; c++) {
      const z = Math.log(p[c]! + 1e-12) + CENTROID_WEIGHT * cosine(v, model.centroids[c]!) + LEXICAL_WEIGHT * (lexical?.[c] ?? 0);
      if (z > best) (index = c), (best = z);
    }
    return { index, score: topKMean(v, model.vectors[index]!, model.topK) };
  }
  let index = 0;
  let score = -Infinity;
  for (let c = 0; c < n; c++) {
    const sim = topKMean(v, model.vectors[c]!, model.topK);
    if (sim > score) (index = c), (score = sim);
  }
  return { index, score };
}

export function thresholdOf(config: RouterConfig, index: number): number {
  return config.routes[index]?.threshold ?? config.threshold;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function fallback(config: RouterConfig, model: RouterModel, v: Float32Array | undefined, base: RouterDecision): RouterDecision {
  const cost = config.cost_aware;
  if (!v) return unjudgedDecision(config, base.reason ?? 'no_text');
  if (!cost.enabled || !model.cost) return base;
  const diff = topKMean(v, model.cost.strong, model.topK) - topKMean(v, model.cost.weak, model.topK);
  const p = sigmoid(model.cost.platt.a * diff + model.cost.platt.b);
  const tier = p > cost.threshold ? 'strong' : 'weak';
  return {
    ...base,
    route: `${base.route}:${tier}`,
    tier,
    strongProbability: round(p),
    targets: tier === 'strong' ? cost.strong_targets : cost.weak_targets,
  };
}

/** The decision when no route passes its threshold, or when the router cannot judge the prompt. */
export function defaultDecision(config: RouterConfig): RouterDecision {
  return { route: config.default_route.name, score: 0, abstained: true, targets: config.default_route.targets };
}

/**
 * The decision for a prompt the router cannot judge (no text, text the model cannot read, the embeddings failing):
 * the default route, and in cost-aware mode its weak tier, as for any default-route prompt not shown to need more.
 */
export function unjudgedDecision(config: RouterConfig, reason: string): RouterDecision {
  const base = { ...defaultDecision(config), reason };
  if (!config.cost_aware.enabled) return base;
  return { ...base, route: `${base.route}:weak`, tier: 'weak', targets: config.cost_aware.weak_targets };
}

/** The decision for a prompt vector (or for no text at all). */
export function decide(config: RouterConfig, model: RouterModel, v: Float32Array | undefined, text?: string): RouterDecision {
  const dflt = defaultDecision(config);
  if (!v) return fallback(config, model, v, { ...dflt, reason: 'no_text' });
  const { index, score } = scoreVector(model, v, text);
  if (index < 0) return fallback(config, model, v, { ...dflt, reason: 'no_routes' });
  const route = config.routes[index]!;
  if (score < thresholdOf(config, index)) {
    return fallback(config, model, v, { ...dflt, score: round(score), candidate: route.name, reason: 'below_threshold' });
  }
  return { route: route.name, score: round(score), abstained: false, targets: route.targets };
}
