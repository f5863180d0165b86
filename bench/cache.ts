import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { cosine, getEmbedder, normalize } from '../plugins/core/embeddings';
import { ExactIndex } from '../plugins/core/vectors/exact-index';
import { HnswIndex } from '../plugins/core/vectors/hnsw-index';
import { VectorStore } from '../plugins/core/vectors/vector-store';
import { RequestContext } from '../plugins/core/request-context';
import { cacheScope } from '../plugins/semantic-cache/cache-key';
import { configSchema } from '../plugins/semantic-cache/config';
import { falseHitReason } from '../plugins/semantic-cache/false-hit-guard';
import { startMockLlm } from '../test/mock-llm/server';
import { shipped } from '../test/support/shipped';
import { declarative, llmProxy, postRoute } from '../test/support/routes';
import { startSuiteStack } from '../test/support/suite-stack';
import { OPPOSITE_PROMPTS } from './data/opposite-prompts';
import { benchTransformersEngine, benchUseLite } from './embed-engines';
import type { Figures } from './report';
import { quantile, round } from './stats';
import { freePort } from './processes';

/**
 * Group `cache`: embedding engines, hit latency through the stand-in at 10,000
 * and 100,000 entries, HNSW recall against exact search, the hit precision and
 * recall on QQP across thresholds (with and without the false-hit guard), false
 * hits on opposite prompts, and memory per 100,000 entries.
 */
const QQP = '/work/shared/data/paraphrase/qqp_dev.jsonl';
const QQP_PATH = fs.existsSync(QQP) ? QQP : path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'paraphrase', 'qqp_dev.jsonl');
const REDIS_URL = process.env.AI_SUITE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MIN_OVERLAP = configSchema.parse({}).min_word_overlap;

interface Pair {
  a: string;
  b: string;
  label: number;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** n vectors clustered around real sentence embeddings, as a full cache's would be. */
function syntheticVectors(bases: Float32Array[], n: number, seed: number): Float32Array[] {
  const rand = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const base = bases[i % bases.length]!;
    return normalize(Array.from(base, (x) => x + rand() * 0.09));
  });
}

function curve(scores: number[], verified: boolean[], labels: number[], useGuard: boolean) {
  const positives = labels.filter((l) => l === 1).length;
  const rows: Array<{ t: number; precision: number; recall: number; hits: number }> = [];
  for (let t = 0.6; t <= 0.991; t += 0.01) {
    let tp = 0;
    let fp = 0;
    scores.forEach((s, i) => {
      if (s >= t && (!useGuard || verified[i])) labels[i] === 1 ? tp++ : fp++;
    });
    rows.push({ t: round(t, 2), precision: tp + fp > 0 ? tp / (tp + fp) : 1, recall: tp / positives, hits: tp + fp });
  }
  return rows;
}

async function qqpFigures(report: boolean): Promise<{ figures: Figures; vectors: Float32Array[] }> {
  const pairs = fs
    .readFileSync(QQP_PATH, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text_a: string; text_b: string; label: number })
    .map((r): Pair => ({ a: r.text_a, b: r.text_b, label: r.label }));
  const embedder = getEmbedder();
  const va = await embedder.embedMany(pairs.map((p) => p.a));
  const vb = await embedder.embedMany(pairs.map((p) => p.b));
  const scores = pairs.map((_, i) => cosine(va[i]!, vb[i]!));
  const verified = pairs.map((p) => falseHitReason(p.b, p.a, MIN_OVERLAP) === undefined);
  const labels = pairs.map((p) => p.label);
  if (!report) return { vectors: [...va, ...vb], figures: {} };
  const guarded = curve(scores, verified, labels, true);
  const bare = curve(scores, verified, labels, false);
  process.stdout.write('\nQQP hits by threshold (guarded precision/recall | cosine only precision/recall)\n');
  guarded.forEach((row, i) => {
    if (Math.round(row.t * 100) % 2 === 0) process.stdout.write(`  ${row.t.toFixed(2)}  ${row.precision.toFixed(3)} / ${row.recall.toFixed(3)}   |  ${bare[i]!.precision.toFixed(3)} / ${bare[i]!.recall.toFixed(3)}\n`);
  });
  // The default: the lowest threshold whose served hits are at least 95% true duplicates (with enough hits to mean something).
  const meeting = guarded.find((row) => row.precision >= 0.95 && row.hits >= 20);
  const best = meeting ?? guarded.reduce((a, b) => (b.precision > a.precision && b.hits >= 20 ? b : a));
  const bareBest = bare.reduce((a, b) => (b.precision > a.precision && b.hits >= 20 ? b : a));
  const at = (t: number) => guarded.find((r) => Math.abs(r.t - t) < 1e-9)!;
  const configured = configSchema.parse({}).threshold;
  return {
    vectors: [...va, ...vb],
    figures: {
      qqp_threshold: best.t,
      qqp_hit_precision: round(best.precision),
      qqp_hit_recall: round(best.recall),
      qqp_precision_reached_95: meeting ? 1 : 0,
      qqp_unguarded_best_precision: round(bareBest.precision),
      qqp_unguarded_best_precision_recall: round(bareBest.recall),
      qqp_default_threshold: configured,
      qqp_precision_at_default: round(at(configured).precision),
      qqp_recall_at_default: round(at(configured).recall),
    },
  };
}

async function negationFigures(threshold: number): Promise<Figures> {
  const embedder = getEmbedder();
  let guarded = 0;
  let bare = 0;
  for (const [a, b] of OPPOSITE_PROMPTS) {
    const [x, y] = await embedder.embedMany([a, b]);
    const close = cosine(x!, y!) >= threshold;
    if (close) bare++;
    if (close && falseHitReason(b, a, MIN_OVERLAP) === undefined) guarded++;
  }
  return {
    negation_pairs: OPPOSITE_PROMPTS.length,
    negation_false_hit_rate: round(guarded / OPPOSITE_PROMPTS.length),
    negation_false_hit_rate_unguarded: round(bare / OPPOSITE_PROMPTS.length),
  };
}

function recallAndMemory(bases: Float32Array[]): Figures {
  const n = 100_000;
  const vectors = syntheticVectors(bases, n, 11);
  const queries = syntheticVectors(bases, 500, 99);
  const exact = new ExactIndex();
  const hnsw = new HnswIndex(vectors[0]!.length, { initialCapacity: n });
  let start = performance.now();
  vectors.forEach((v, i) => {
    exact.add(`v${i}`, v);
    hnsw.add(`v${i}`, v);
  });
  const insertPerS = n / ((performance.now() - start) / 1000);
  let agree = 0;
  const searchMs: number[] = [];
  for (const q of queries) {
    start = performance.now();
    const found = hnsw.search(q, 1)[0]?.id;
    searchMs.push(performance.now() - start);
    if (found === exact.search(q, 1)[0]?.id) agree++;
  }

  // Memory of what every node holds per entry: vector, index links, prompt, metadata.
  global.gc?.();
  const before = process.memoryUsage();
  const store = new VectorStore<{ prompt: string }>({ maxPerNamespace: n });
  const now = Date.now();
  vectors.forEach((v, i) => store.put({ id: `entry-id-${i}-${'x'.repeat(20)}`, ns: 'scope', vector: v, storedAt: now, expiresAt: now + 3_600_000, value: { prompt: `What is the answer to question number ${i} about something?` } }));
  global.gc?.();
  const after = process.memoryUsage();
  const mb = (after.rss - before.rss) / 2 ** 20;
  if (store.size !== n) throw new Error('store lost entries');
  return {
    recall_at1_100k: round(agree / queries.length),
    hnsw_search_ms_p50_100k: round(quantile(searchMs, 0.5)),
    hnsw_insert_per_s: round(insertPerS, 0),
    mem_mb_per_100k: round(mb, 1),
  };
}

/** Fills a fresh Redis prefix with n entries (the real questions first), starts a node on it, and times hits. */
async function hitLatency(n: number, questions: string[], vectors: Float32Array[], label: string): Promise<Figures> {
  const prefix = `bench:cache:${label}:${Date.now()}:`;
  const config = configSchema.parse({ scope: [], namespace: 'bench', redis_prefix: prefix, max_entries: n + 1000 });
  const scope = await cacheScope(undefined as never, new RequestContext('bench', () => undefined), config, { pluginId: null, routeId: null, serviceId: null, consumerId: null, instanceName: null }, { messages: [] });
  const redis = new Redis(REDIS_URL);
  const filler = syntheticVectors(vectors, n - questions.length, 5);
  const now = Date.now();
  const response = (q: string) => ({ id: 'x', object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: `Cached answer to: ${q}` }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } });
  for (let start = 0; start < n; start += 2000) {
    const pipe = redis.pipeline();
    for (let i = start; i < Math.min(n, start + 2000); i++) {
      // Filler first, the real questions last: the last one hitting means the node has caught up.
      const real = i >= n - questions.length;
      const prompt = real ? questions[i - (n - questions.length)]! : `filler question ${i}`;
      const vector = real ? vectors[i - (n - questions.length)]! : filler[i]!;
      // Ids other than the exact-match id, so every timed request takes the semantic path.
      const id = `bench-${i}`;
      pipe.set(`${prefix}e:${id}`, JSON.stringify({ ns: scope, prompt, response: response(prompt), storedAt: now, expiresAt: now + 3_600_000 }), 'PX', 3_600_000);
      pipe.xadd(`${prefix}stream`, '*', 'op', 'add', 'id', id, 'ns', scope, 'at', String(now), 'exp', String(now + 3_600_000), 'p', prompt, 'v', Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64'));
    }
    await pipe.exec();
  }
  const mock = await startMockLlm();
  const metricsPort = await freePort();
  const stack = await startSuiteStack({
    plugins: shipped('semantic-cache', 'llm-proxy'),
    env: { AI_SUITE_REDIS_URL: REDIS_URL, AI_SUITE_LOG_LEVEL: 'warn', AI_SUITE_METRICS_PORT: String(metricsPort) },
    declarative: declarative([
      postRoute('chat', [{ name: 'semantic-cache', config: { scope: [], namespace: 'bench', redis_prefix: prefix, max_entries: n + 1000 } }, llmProxy(mock.url)]),
    ]),
  });
  try {
    const ask = async (text: string) => {
      const started = performance.now();
      const res = await fetch(`${stack.standin.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: text }] }) });
      await res.arrayBuffer();
      return { ms: performance.now() - started, hit: res.headers.get('x-cache-status') === 'Hit', status: `${res.status} ${res.headers.get('x-cache-status')}` };
    };
    // Wait until the node has indexed every entry of the stream (its Prometheus gauge says so).
    const catchStart = performance.now();
    // Kong starts a plugin instance (and with it the follower) on the route's first request.
    await ask('start the instance');
    const indexed = async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`).catch(() => undefined))?.text().catch(() => '');
      return Number(/^ai_suite_cache_entries (\d+)/m.exec(text ?? '')?.[1] ?? 0);
    };
    for (let i = 0; (await indexed()) < n; i++) {
      if (i > 6000) throw new Error(`node did not catch up with ${n} entries`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const catchUpS = (performance.now() - catchStart) / 1000;
    const samples: number[] = [];
    let hits = 0;
    const misses: string[] = [];
    for (let i = 0; i < 400; i++) {
      const r = await ask(questions[i]!);
      if (r.hit) {
        hits++;
        samples.push(r.ms);
      } else misses.push(`${r.status}: ${questions[i]}`);
    }
    if (misses.length > 0) process.stdout.write(`${label}: ${misses.length} of 400 not hits, e.g.\n  ${misses.slice(0, 5).join('\n  ')}\n`);
    return {
      [`hit_ms_p50_${label}`]: round(quantile(samples, 0.5)),
      [`hit_ms_p99_${label}`]: round(quantile(samples, 0.99)),
      [`hit_share_${label}`]: round(hits / 400),
      [`catch_up_s_${label}`]: round(catchUpS, 1),
    };
  } finally {
    await stack.close();
    await mock.close();
    const keys = await redis.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    redis.disconnect();
  }
}

/** AI_SUITE_BENCH_CACHE_PARTS=engines,qqp,recall,hits runs only some parts (all by default). */
function wanted(part: string): boolean {
  const parts = process.env.AI_SUITE_BENCH_CACHE_PARTS;
  return !parts || parts.split(',').includes(part);
}

export async function benchCache(): Promise<Figures> {
  const figures: Figures = {};
  if (wanted('engines')) Object.assign(figures, await benchUseLite(), await benchTransformersEngine());
  const qqp = await qqpFigures(wanted('qqp'));
  Object.assign(figures, qqp.figures);
  if (wanted('qqp')) Object.assign(figures, await negationFigures(Number(configSchema.parse({}).threshold)));
  if (wanted('recall')) Object.assign(figures, recallAndMemory(qqp.vectors));
  if (!wanted('hits')) return figures;
  // Distinct real questions (and their vectors) to store and to ask for.
  const seen = new Set<string>();
  const questions: string[] = [];
  const vectors: Float32Array[] = [];
  const lines = fs.readFileSync(QQP_PATH, 'utf8').split('\n').filter(Boolean);
  const embedder = getEmbedder();
  for (const line of lines) {
    const { text_a } = JSON.parse(line) as { text_a: string };
    if (seen.has(text_a.toLowerCase())) continue;
    seen.add(text_a.toLowerCase());
    questions.push(text_a);
    vectors.push(await embedder.embed(text_a));
    if (questions.length === 1000) break;
  }
  Object.assign(figures, await hitLatency(10_000, questions, vectors, '10k'));
  Object.assign(figures, await hitLatency(100_000, questions, vectors, '100k'));
  return figures;
}
