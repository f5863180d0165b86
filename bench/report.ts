import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Prints a group's figures as a table and writes them to bench/results/<group>.json. */
export type Figures = Record<string, number | string>;

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

export function writeReport(group: string, figures: Figures, resultsDir: string): void {
  const rows = Object.entries(figures);
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n== ${group} ==\n`);
  for (const [key, value] of rows) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const out = { group, measured_at: new Date().toISOString(), machine: machine(), ...figures };
  fs.writeFileSync(path.join(resultsDir, `${group}.json`), JSON.stringify(out, null, 2) + '\n');
}
