import { performance } from 'node:perf_hooks';
import { round } from './stats';

/**
 * 200 KB prompts built to make regular expressions backtrack or findings pile up (blank lines, a
 * marker repeated, one word over and over). The guard and the sanitizer share the plugin server's
 * event loop, so a prompt that takes seconds stalls every request: every rule must stay linear.
 */
export const ADVERSARIAL_UNITS = ['\n', '\n\n ', '  ', 'a ', 'stop! ', 'ignore ', 'human: a\n', '## system\n', '<|im_start|>', 'You are ', 'Mr. ', '1gn0r3 ', 'SGVsbG8g', '::1 ', '4111 ', 'key=ab12CD34ef '];

/** Milliseconds of the slowest of those prompts through `scan`. */
export async function slowestAdversarial(scan: (text: string) => unknown): Promise<number> {
  let worst = 0;
  for (const unit of ADVERSARIAL_UNITS) {
    const text = unit.repeat(Math.ceil(200_000 / unit.length));
    const t = performance.now();
    await scan(text);
    worst = Math.max(worst, performance.now() - t);
  }
  return round(worst, 1);
}
