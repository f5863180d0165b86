import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getEmbedder } from '../plugins/core/embeddings';
import type { Embedder } from '../plugins/core/embeddings/types';
import { configSchema, type RouterConfig } from '../plugins/semantic-router/config';
import { evaluate, fitThresholds, predictAll, type Evaluation, type Prediction } from '../plugins/semantic-router/fit';
import { routeBody, startRouter } from '../plugins/semantic-router/route-request';
import { buildModel } from '../plugins/semantic-router/router';
import { quantile, round } from './stats';

/**
 * Group `router`: semantic-router on CLINC150 (150 intents as routes, USE-lite).
 * Routes are the first k train utterances of each intent. In-scope accuracy is on
 * the 4,500 test utterances (an utterance counts when it reaches its intent above
 * threshold), out-of-scope on the 1,000 oos test utterances (counted when they
 * reach the default route). Thresholds are fitted on val + oos_val, never on test.
 * Decision latency goes through the plugin's request path (prompt text, embedding
 * of an unseen prompt, classifier, threshold), without HTTP.
 *
 * AI_SUITE_ROUTER_BENCH_CACHE=1 keeps the vectors in a temp file between runs.
 */
const DATA = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'intent', 'clinc150', 'data_full.json');
type Pair = [string, string];
interface Clinc {
  train: Pair[];
  val: Pair[];
  test: Pair[];
  oos_val: Pair[];
  oos_test: Pair[];
}

function routesConfig(data: Clinc, k: number, extra: Partial<RouterConfig> = {}): RouterConfig {
  const per = new Map<string, string[]>();
  for (const [text, intent] of data.train) {
    const list = per.get(intent) ?? [];
    if (list.length < k) list.push(text);
    per.set(intent, list);
  }
  const routes = [...per.entries()].map(([name, utterances]) => ({ name, utterances, targets: [name] }));
  return configSchema.parse({ routes, ...extra });
}

/** An embedder that serves known vectors from a file and embeds (and remembers) the rest. */
function cachedEmbedder(inner: Embedder): { embedder: Embedder; save(): void } {
  const file = path.join(os.tmpdir(), `ai-suite-router-bench-${inner.id.replace(/[^\w.-]/g, '_')}.json`);
  const known = new Map<string, Float32Array>();
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [text, b64] of Object.entries(stored)) {
      const buf = Buffer.from(b64, 'base64');
      known.set(text, new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
    }
  }
  const start = known.size;
  const embed = async (text: string) => {
    const hit = known.get(text);
    if (hit) return hit;
    const v = await inner.embed(text);
    known.set(text, v);
    return v;
  };
  return {
    embedder: { engine: inner.engine, id: inner.id, ready: () => inner.ready(), embed, embedMany: (texts) => Promise.all(texts.map(embed)) },
    save() {
      if (known.size === start) return;
      const out: Record<string, string> = {};
      for (const [text, v] of known) out[text] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      fs.writeFileSync(file, JSON.stringify(out));
    },
  };
}

export async function benchRouter(): Promise<Record<string, number>> {
  const data = JSON.parse(fs.readFileSync(DATA, 'utf8')) as Clinc;
  const real = getEmbedder();
  await real.ready();
  const cache = process.env.AI_SUITE_ROUTER_BENCH_CACHE === '1' ? cachedEmbedder(real) : undefined;
  const embedder = cache?.embedder ?? real;
  const figures: Record<string, number> = {};

  // Latency first, on test prompts the engine has not seen (nothing memoised yet).
  const k10 = routesConfig(data, 10);
  const state = startRouter(k10, real);
  const builtAt = performance.now();
  await state.model;
  figures.router_start_ms_k10 = round(performance.now() - builtAt, 1);
  const t0 = performance.now();
  await buildModel(k10, real); // utterances memoised by the engine: this is the classifier training
  figures.router_train_ms_k10 = round(performance.now() - t0, 1);
  const samples: number[] = [];
  for (const [text] of data.test.slice(0, 400)) {
    const body = { model: 'x', messages: [{ role: 'user', content: text }] };
    const started = performance.now();
    await routeBody(k10, state, body);
    samples.push(performance.now() - started);
  }
  figures.decide_ms_p50 = round(quantile(samples, 0.5));
  figures.decide_ms_p99 = round(quantile(samples, 0.99));

  const texts = (pairs: Pair[]) => pairs.map(([t]) => t);
  const testVectors = await embedder.embedMany([...texts(data.test), ...texts(data.oos_test)]);
  const valVectors = await embedder.embedMany([...texts(data.val), ...texts(data.oos_val)]);

  const run = async (name: string, config: RouterConfig) => {
    const model = await buildModel(config, embedder);
    const index = new Map(config.routes.map((r, i) => [r.name, i]));
    const labels = (pairs: Pair[], oos: Pair[]) => [...pairs.map(([, intent]) => index.get(intent)!), ...oos.map(() => -1)];
    const test = predictAll(model, testVectors, labels(data.test, data.oos_test), [...texts(data.test), ...texts(data.oos_test)]);
    const val = predictAll(model, valVectors, labels(data.val, data.oos_val), [...texts(data.val), ...texts(data.oos_val)]);
    const fitted = fitThresholds(config, val);
    const put = (suffix: string, e: Evaluation) => {
      figures[`clinc_acc_${name}${suffix}`] = round(e.inScopeAccuracy, 4);
      figures[`clinc_oos_to_default_${name}${suffix}`] = round(e.oosToDefault, 4);
      figures[`clinc_overall_acc_${name}${suffix}`] = round(e.accuracy, 4);
    };
    const noAbstain = (p: Prediction[]) => evaluate({ ...config, threshold: 0 }, p);
    figures[`clinc_acc_${name}_noabstain`] = round(noAbstain(test).inScopeAccuracy, 4);
    put('', evaluate(config, test));
    put('_fitted', evaluate(config, test, fitted));
    figures[`clinc_threshold_${name}_fitted`] = fitted.threshold;
  };
  await run('k5', routesConfig(data, 5));
  await run('k10', k10);
  await run('k10_similarity', routesConfig(data, 10, { classifier: 'similarity' }));
  await run('k20', routesConfig(data, 20));
  cache?.save();
  return figures;
}
