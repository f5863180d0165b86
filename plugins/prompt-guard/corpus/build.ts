/**
 * Regenerates corpus/deepset.json, the built-in corpus of known injections
 * (and the benign rows beside them), from the deepset/prompt-injections data
 * (Apache-2.0, deepset GmbH; see corpus/NOTICE):
 *
 *   npx tsc -p . && node dist/plugins/prompt-guard/corpus/build.js /work/shared/data/prompt_guard
 *
 * Rows are deduplicated (after trimming), order kept. Nothing else is copied:
 * the GPTFuzzer templates have no licence of their own and are used for
 * evaluation only.
 */
import fs from 'node:fs';
import path from 'node:path';

const dataDir = process.argv[2] ?? path.resolve(process.cwd(), '..', 'shared', 'data', 'prompt_guard');
const source = path.join(dataDir, 'deepset_prompt_injections', 'train.jsonl');
const target = path.resolve(__dirname, '..', '..', '..', '..', 'plugins', 'prompt-guard', 'corpus', 'deepset.json');

const attacks: string[] = [];
const benign: string[] = [];
const seen = new Set<string>();
for (const line of fs.readFileSync(source, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const row = JSON.parse(line) as { text: string; label: number };
  const text = row.text.trim();
  if (!text || seen.has(text)) continue;
  seen.add(text);
  (row.label === 1 ? attacks : benign).push(text);
}
const corpus = {
  source: 'deepset/prompt-injections (Hugging Face), train split',
  license: 'Apache-2.0, Copyright deepset GmbH',
  attacks,
  benign,
};
fs.writeFileSync(target, `${JSON.stringify(corpus, null, 1)}\n`);
process.stdout.write(`wrote ${target}: ${attacks.length} attacks, ${benign.length} benign\n`);
