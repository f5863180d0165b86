import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { offThreadPool, preparedSetup } from '../plugins/core/off-thread/pool';
import { createDetector } from '../plugins/pii-sanitizer/detect';
import { task as detectTask } from '../plugins/pii-sanitizer/detect-task';
import { requestDetector } from '../plugins/pii-sanitizer/read-findings';
import { RememberingDetector } from '../plugins/pii-sanitizer/remembered-findings';
import { configSchema } from '../plugins/prompt-guard/config';
import { Guard } from '../plugins/prompt-guard/guard';
import { withOffThreadAbove } from '../test/support/off-thread-threshold';
import type { Figures } from './report';
import { round } from './stats';

/**
 * A large prompt read by the guard and the sanitizer, on the event loop and in the off-thread pool, in one run: how long
 * the reading takes, and the longest the event loop (every other request of every route) waited meanwhile. The prompt
 * is QQP's questions joined (what people type, about 1 MB, the default body limit), with PII written in.
 */
const QQP = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'paraphrase', 'qqp_dev.jsonl');
const PROMPT_CHARS = 1_000_000;
const RUNS = 3;

function largePrompt(): string {
  const questions: string[] = [];
  for (const line of fs.readFileSync(QQP, 'utf8').trim().split('\n')) {
    const pair = JSON.parse(line) as Record<string, unknown>;
    for (const value of Object.values(pair)) if (typeof value === 'string') questions.push(value);
  }
  const pii = ['Write to maria.gonzalez@example.org.', 'My card is 4111 1111 1111 1111.', 'Call Liesel Andersson on +44 20 7946 0958.'];
  let text = '';
  for (let i = 0; text.length < PROMPT_CHARS; i++) text += `${questions[i % questions.length]}${i % 500 === 0 ? ` ${pii[(i / 500) % 3]}` : ''}\n`;
  return text.slice(0, PROMPT_CHARS);
}

export async function benchLargePrompts(): Promise<Figures> {
  const prompt = largePrompt();
  const guard = new Guard(configSchema.parse({}));
  const detector = createDetector();
  const setup = preparedSetup(detectTask, {});
  const read = async (text: string) => {
    const verdict = await guard.evaluate({ messages: [{ role: 'user', content: text }] });
    // A new memory each time: the figure is a first reading's, not a recall's.
    const reading = await requestDetector([text], new RememberingDetector(detector), setup);
    return { verdict: verdict.verdict, findings: reading.detect(text).length };
  };
  // Warm both ways (the workers start, build their detectors and train the classifier once).
  await read(prompt.slice(0, 50_000));
  await withOffThreadAbove(Number.MAX_SAFE_INTEGER, () => read(prompt.slice(0, 50_000)));
  const measure = async () => {
    const ms: number[] = [];
    const stalls: number[] = [];
    let outcome = { verdict: '', findings: 0 };
    for (let i = 0; i < RUNS; i++) {
      // The longest gap between ticks of a 5 ms timer: how long any other request waited for the loop.
      let last = performance.now();
      let longest = 0;
      const ticks = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      outcome = await read(prompt);
      ms.push(performance.now() - started);
      await sleep(20);
      clearInterval(ticks);
      stalls.push(longest);
    }
    return { ms: Math.min(...ms), stall: Math.min(...stalls), ...outcome };
  };
  const onLoop = await withOffThreadAbove(Number.MAX_SAFE_INTEGER, measure);
  const offLoop = await measure();
  await offThreadPool().close();
  return {
    large_prompt_chars: PROMPT_CHARS,
    large_prompt_verdict: offLoop.verdict,
    large_prompt_findings: offLoop.findings,
    same_reading_both_ways: onLoop.verdict === offLoop.verdict && onLoop.findings === offLoop.findings ? 1 : 0,
    on_loop_read_ms: round(onLoop.ms, 0),
    on_loop_longest_stall_ms: round(onLoop.stall, 0),
    off_thread_read_ms: round(offLoop.ms, 0),
    off_thread_longest_stall_ms: round(offLoop.stall, 0),
    stall_ratio_off_to_on: round(offLoop.stall / onLoop.stall),
  };
}
