import path from 'node:path';
import { benchProtocol } from './protocol';
import { benchProxy } from './proxy';
import { benchPii } from './pii';
import { benchTracing } from './tracing';
import { benchCache } from './cache';
import { benchGuard } from './guard';
import { benchRouter } from './router';
import { benchSystem } from './system';
import { benchSoak } from './soak';
import { benchLargePrompts } from './large-prompts';
import { writeReport, type Figures } from './report';

/**
 * `npm run bench` runs every group; `npm run bench -- <group>` runs one. Each prints
 * a table and writes bench/results/<group>.json (flat keys, units in the names).
 */
const GROUPS: Record<string, () => Promise<Figures>> = {
  protocol: benchProtocol,
  proxy: benchProxy,
  pii: benchPii,
  tracing: benchTracing,
  cache: benchCache,
  guard: benchGuard,
  router: benchRouter,
  system: benchSystem,
  soak: benchSoak,
  large: benchLargePrompts,
};

const RESULTS = path.resolve(__dirname, '..', '..', 'bench', 'results');

async function main(wanted: string[]): Promise<void> {
  const unknown = wanted.filter((g) => !GROUPS[g]);
  if (unknown.length > 0) throw new Error(`unknown group(s) ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  for (const group of wanted.length > 0 ? wanted : Object.keys(GROUPS)) {
    writeReport(group, await GROUPS[group](), RESULTS);
  }
}

main(process.argv.slice(2))
  .then(() => process.exit(0))
  .catch((err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(1);
  });
