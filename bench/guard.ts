import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { configSchema } from '../plugins/prompt-guard/config';
import { anchorCorpus, type Corpus } from '../plugins/prompt-guard/corpus';
import { Guard } from '../plugins/prompt-guard/guard';
import { slowestAdversarial } from './adversarial';
import { quantile, round } from './stats';

/**
 * Group `guard`: detection and over-blocking of prompt-guard's injection layer
 * (heuristics, persona layer and corpus classifier, the defaults; and with embedding similarity)
 * on /work/shared/data/prompt_guard:
 *
 * - deepset injections (label 1) and benign rows (label 0), scored by 5-fold
 *   cross-validation: the built-in corpus *is* deepset, so each fold is scored
 *   by a guard whose corpus holds only the other folds (plus the project's own
 *   anchors). Folds are grouped: rows sharing any five-word sequence (the same
 *   injection with a prefix, a translation pasted after a question) stay in
 *   one fold, so no row is scored by a corpus holding a near copy of it.
 * - GPTFuzzer jailbreak templates (evaluation only, never shipped), with the
 *   placeholder filled by AdvBench goals, scored by the full built-in corpus.
 * - honest prompts written for this evaluation (test/prompt-guard/fixtures/
 *   benign-eval.json: trigger words, ordinary instructions, long prompts).
 * - everyday requests and questions (CLINC150, QQP; evaluation only): `everyday_block_rate`.
 *
 * Latency: the guard's decision function on a 2 KB prompt (fresh text each
 * call, so no memo helps).
 */
const DATA = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'prompt_guard');
const BENIGN_EVAL = path.resolve(__dirname, '..', '..', 'test', 'prompt-guard', 'fixtures', 'benign-eval.json');
const FOLDS = 5;

interface Row {
  text: string;
  label: number;
}

function parseCsv(s: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/** Fold of every row; rows that share a five-word sequence share a fold. */
export function groupedFolds(rows: readonly Row[], k = FOLDS): number[] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  rows.forEach((r, i) => {
    const words = r.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (let j = 0; j + 5 <= words.length; j++) {
      const gram = words.slice(j, j + 5).join(' ');
      const o = owner.get(gram);
      if (o === undefined) owner.set(gram, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const g = find(i);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const fold = new Array<number>(rows.length);
  const sizes = new Array<number>(k).fill(0);
  for (const members of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const f = sizes.indexOf(Math.min(...sizes));
    for (const i of members) fold[i] = f;
    sizes[f]! += members.length;
  }
  return fold;
}

const body = (text: string) => ({ messages: [{ role: 'user', content: text }] });

async function blocked(guard: Guard, texts: readonly string[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const t of texts) out.push((await guard.evaluate(body(t))).verdict !== 'allow');
  return out;
}

const rate = (xs: boolean[]) => (xs.length === 0 ? 0 : xs.filter(Boolean).length / xs.length);

/**
 * What people ask assistants every day, none of it an attack: CLINC150's utterances (to a voice and banking assistant:
 * "can you repeat that", "change your name to adam", "forget the milk") and QQP's questions ("Will I ever find love?").
 * Evaluation only, never trained on; every `step`-th of the 29,635 distinct texts.
 */
function everydayTexts(step: number): string[] {
  const shared = path.resolve(DATA, '..');
  const texts = new Set<string>();
  const clinc = JSON.parse(fs.readFileSync(path.join(shared, 'intent', 'clinc150', 'data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  for (const split of Object.values(clinc)) for (const [utterance] of split) texts.add(utterance);
  for (const line of fs.readFileSync(path.join(shared, 'paraphrase', 'qqp_dev.jsonl'), 'utf8').trim().split('\n')) {
    const pair = JSON.parse(line) as Record<string, unknown>;
    for (const value of Object.values(pair)) if (typeof value === 'string') texts.add(value);
  }
  return [...texts].filter((_, i) => i % step === 0);
}

async function evaluate(injection: Record<string, unknown>, everydayStep = 1): Promise<Record<string, number>> {
  const rows = fs
    .readFileSync(path.join(DATA, 'deepset_prompt_injections', 'train.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
  const fold = groupedFolds(rows);
  const config = configSchema.parse({ injection });
  const anchors = anchorCorpus();
  const deepsetAttack: boolean[] = [];
  const deepsetBenign: boolean[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const corpus: Corpus = {
      attacks: [...train.filter((r) => r.label === 1).map((r) => r.text), ...anchors.attacks],
      benign: [...train.filter((r) => r.label === 0).map((r) => r.text), ...anchors.benign],
    };
    const guard = new Guard(config, { corpus });
    await guard.ready();
    const test = rows.filter((_, i) => fold[i] === f);
    const verdicts = await blocked(guard, test.map((r) => r.text));
    test.forEach((r, i) => (r.label === 1 ? deepsetAttack : deepsetBenign).push(verdicts[i]!));
  }
  const full = new Guard(config);
  await full.ready();
  const templates = parseCsv(fs.readFileSync(path.join(DATA, 'jailbreak_prompts', 'gptfuzzer_templates.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length >= 2 && r[1]!.trim())
    .map((r) => r[1]!);
  const goals = parseCsv(fs.readFileSync(path.join(DATA, 'harmful_vs_harmless', 'advbench_harmful_behaviors.csv'), 'utf8'))
    .slice(1)
    .map((r) => r[0]!)
    .filter(Boolean);
  const jailbreaks = await blocked(full, templates.map((t, i) => t.split('[INSERT PROMPT HERE]').join(goals[i % goals.length]!)));
  const own = (JSON.parse(fs.readFileSync(BENIGN_EVAL, 'utf8')) as { prompts: string[] }).prompts;
  const ownBenign = await blocked(full, own);
  const everyday = await blocked(full, everydayTexts(everydayStep));
  return {
    everyday_block_rate: round(rate(everyday)),
    n_everyday: everyday.length,
    attack_detection_rate: round(rate([...deepsetAttack, ...jailbreaks])),
    benign_block_rate: round(rate([...deepsetBenign, ...ownBenign])),
    deepset_injection_detection_rate: round(rate(deepsetAttack)),
    gptfuzzer_jailbreak_detection_rate: round(rate(jailbreaks)),
    deepset_benign_block_rate: round(rate(deepsetBenign)),
    own_benign_block_rate: round(rate(ownBenign)),
    n_attacks: deepsetAttack.length + jailbreaks.length,
    n_benign: deepsetBenign.length + ownBenign.length,
  };
}

const PARAGRAPH =
  'Our quarterly report shows that revenue grew in every region except the north, where two large customers delayed their orders. ' +
  'Please summarise the main drivers, list the risks for the next quarter, and suggest three actions for the sales team. ';

async function latency(injection: Record<string, unknown>, iterations: number): Promise<{ p50: number; p99: number }> {
  const guard = new Guard(configSchema.parse({ injection }));
  await guard.ready();
  const prompt = (i: number) => `Request ${i}. ${PARAGRAPH.repeat(Math.ceil(2048 / PARAGRAPH.length))}`.slice(0, 2048);
  for (let i = 0; i < 20; i++) await guard.evaluate(body(prompt(-i - 1)));
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const b = body(prompt(i));
    const t = performance.now();
    await guard.evaluate(b);
    samples.push(performance.now() - t);
  }
  return { p50: round(quantile(samples, 0.5)), p99: round(quantile(samples, 0.99)) };
}

async function worstCase(): Promise<number> {
  const guard = new Guard(configSchema.parse({}));
  await guard.ready();
  // Prompts this long are read in the off-thread workers: start them (and train their classifier) before timing.
  await guard.evaluate(body('Please summarise these meeting notes for the team. '.repeat(500)));
  return slowestAdversarial((text) => guard.evaluate(body(text)));
}

export async function benchGuard(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  Object.assign(figures, await evaluate({}));
  const fast = await latency({}, 500);
  figures.ms_p50_2kb = fast.p50;
  figures.ms_p99_2kb = fast.p99;
  figures.ms_worst_200kb_adversarial = await worstCase();
  // A route serving a general assistant, where "act as…" is an ordinary request.
  const general = await evaluate({ block_persona: false });
  for (const key of ['attack_detection_rate', 'benign_block_rate', 'deepset_injection_detection_rate', 'own_benign_block_rate', 'everyday_block_rate']) figures[`${key}_without_persona`] = general[key]!;
  if (process.env.AI_SUITE_BENCH_GUARD_EMBEDDINGS !== '0') {
    // The same with embedding similarity to the corpus (margin over benign anchors), use-lite engine.
    const withEmb = await evaluate({ embedding_similarity: true }, 20);
    for (const [k, v] of Object.entries(withEmb)) figures[`${k}_with_embeddings`] = v;
    const slow = await latency({ embedding_similarity: true }, 60);
    figures.ms_p50_2kb_with_embeddings = slow.p50;
    figures.ms_p99_2kb_with_embeddings = slow.p99;
  }
  return figures;
}
