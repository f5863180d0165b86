import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Prints a group's figures as a table and writes them to bench/results/<group>.json. */
export type Figures = Record<string, number | string>;

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/**
 * How long this machine takes, this minute, for a fixed piece of work (an integer loop and a regex's scan of 100 KB of
 * prose; median of seven): the shared machines these figures are taken on swing twofold from hour to hour, so latency
 * figures of two runs compare after each is divided by its run's reference.
 */
export function referenceMs(): number {
  const prose = 'The quick brown fox jumps over the lazy dog near 1234 Elm Street. '.repeat(1500);
  const words = /\b(?:quick|lazy|street)\b/gi;
  const samples: number[] = [];
  let sink = 0;
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    let x = 0;
    for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) & 0xffff;
    for (let pass = 0; pass < 10; pass++) {
      words.lastIndex = 0;
      while (words.exec(prose)) sink++;
    }
    samples.push(performance.now() - started);
    sink += x;
  }
  samples.sort((a, b) => a - b);
  return sink < 0 ? 0 : Math.round(samples[3]! * 10) / 10;
}

export function writeReport(group: string, figures: Figures, resultsDir: string): void {
  const rows = Object.entries(figures);
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n== ${group} ==\n`);
  for (const [key, value] of rows) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const out = { group, measured_at: new Date().toISOString(), machine: machine(), machine_reference_ms: referenceMs(), ...figures };
  fs.writeFileSync(path.join(resultsDir, `${group}.json`), JSON.stringify(out, null, 2) + '\n');
}
