import fs from 'node:fs';
import path from 'node:path';
import { candidateWords, contextFeatures } from '../plugins/pii-sanitizer/detect/person-context';
import { WORD_FACTS } from '../plugins/pii-sanitizer/detect/person';
import { refilledSamples } from './pii-refill';
import { hash32 } from '../test/mock-llm/random';
import { seededRandom, shuffleInPlace } from '../plugins/core/seeded-random';
import { codeFiles, NEW_TEMPLATES, PERSON_FREE } from './pii';

/**
 * Trains the person detector's context model (`plugins/pii-sanitizer/detect/person-context.ts`): a logistic regression
 * over the words around each capitalised word, from sentences with their people marked and texts with none.
 *
 *   npm run train:person-context              (writes the weights, then builds them in)
 *   npm run build && node dist/bench/train-person-context.js --hold-out
 *
 * People: the development set's sentences, as given and refilled from the training seeds, and the written sets
 * (`bench/fixtures/pii-new-templates*.json`) refilled from the same seeds. The other capitalised words of those
 * sentences (firms, towns, streets, titles) are the negatives that matter most; the texts without a person add more:
 * CLINC150's utterances, deepset's prompts (Apache-2.0; QQP's terms allow evaluation only, so it is left out) and the
 * person-free prompts written for this project, except the unread set. The never-read sentences
 * (`pii-unread-templates.json`) and the unread seeds the bench fills from are never trained on. `--hold-out` leaves
 * the last three written sets (22, 23 and 24) out too, to measure them as unseen.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.resolve(ROOT, '..', 'shared', 'data');
const OUT = path.join(ROOT, 'plugins', 'pii-sanitizer', 'detect', 'person-context-weights.json');
/** Far from the bench's seeds (0 and 9,000,000): the values trained on are not those measured. */
const TRAINING_SEEDS = [20_000_000, 21_000_000];
const HELD_OUT = 3;
const EPOCHS = 8;
const RATE = 0.05;
const L2 = 1e-5;
const CODE_CHARS = 4000;
/** Weights smaller than this change no probability that matters, and would only grow the file. */
const KEPT = 0.01;

interface Example {
  feats: string[];
  label: number;
}

function labelledExamples(text: string, people: Array<[number, number]>, out: Example[]): void {
  for (const word of candidateWords(text, WORD_FACTS)) {
    const label = people.some(([start, end]) => word.start < end && start < word.end) ? 1 : 0;
    out.push({ feats: contextFeatures(text, word, WORD_FACTS), label });
  }
}

function personSpans(spans: Array<{ entity_type: string; start_position: number; end_position: number }>): Array<[number, number]> {
  return spans.filter((s) => s.entity_type === 'PERSON').map((s) => [s.start_position, s.end_position]);
}

function examples(holdOut: boolean): Example[] {
  const out: Example[] = [];
  const dev = path.join(DATA, 'pii', 'presidio_synth_dev.json');
  const devSamples = JSON.parse(fs.readFileSync(dev, 'utf8')) as Array<{ full_text: string; spans: Array<{ entity_type: string; start_position: number; end_position: number }> }>;
  for (const s of devSamples) labelledExamples(s.full_text, personSpans(s.spans), out);
  const sets = NEW_TEMPLATES.slice(0, holdOut ? -HELD_OUT : undefined);
  for (const seeds of TRAINING_SEEDS) {
    for (const file of [dev, ...sets]) for (const s of refilledSamples(file, seeds)) labelledExamples(s.full_text, personSpans(s.spans), out);
  }
  const clinc = JSON.parse(fs.readFileSync(path.join(DATA, 'intent', 'clinc150', 'data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  for (const split of Object.values(clinc)) for (const [utterance] of split) labelledExamples(utterance, [], out);
  for (const line of fs.readFileSync(path.join(DATA, 'prompt_guard', 'deepset_prompt_injections', 'train.jsonl'), 'utf8').trim().split('\n')) {
    labelledExamples((JSON.parse(line) as { text: string }).text, [], out);
  }
  // The bench's person-free sets, but the unread ones.
  for (const [set, file] of Object.entries(PERSON_FREE)) {
    if (set.startsWith('unread')) continue;
    for (const text of JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) labelledExamples(text, [], out);
  }
  // Code and its docs, as coding assistants' prompts hold them: half of the dependencies' files, chosen by their path's
  // hash (the bench's count over all of them is then half unseen), a few kilobytes of each.
  for (const file of codeFiles(path.join(ROOT, 'node_modules')).filter((f) => hash32(path.relative(ROOT, f)) % 2 === 0)) {
    labelledExamples(fs.readFileSync(file, 'utf8').slice(0, CODE_CHARS), [], out);
  }
  return out;
}

function train(data: Example[]): Map<string, number> {
  const weights = new Map<string, number>();
  const random = seededRandom(17);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffleInPlace(order, random);
    const rate = RATE / (1 + epoch);
    for (const index of order) {
      const { feats, label } = data[index]!;
      let sum = 0;
      for (const f of feats) sum += weights.get(f) ?? 0;
      const gradient = label - 1 / (1 + Math.exp(-sum));
      for (const f of feats) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w + rate * (gradient - L2 * w));
      }
    }
  }
  return weights;
}

function main(): void {
  const holdOut = process.argv.includes('--hold-out');
  const data = examples(holdOut);
  const positives = data.filter((e) => e.label === 1).length;
  console.log(`examples ${data.length}, people ${positives}`);
  const weights = train(data);
  const kept = Object.fromEntries(
    [...weights.entries()].filter(([, w]) => Math.abs(w) >= KEPT).sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, w]) => [f, Math.round(w * 1000) / 1000]),
  );
  // One feature a line, so that a retraining's diff reads feature by feature.
  const lines = Object.entries(kept).map(([f, w]) => `${JSON.stringify(f)}:${w}`);
  fs.writeFileSync(OUT, `{\n${lines.join(',\n')}\n}\n`);
  console.log(`features kept ${Object.keys(kept).length} of ${weights.size}, written to ${path.relative(ROOT, OUT)}`);
}

main();
