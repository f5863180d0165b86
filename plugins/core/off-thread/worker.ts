import { parentPort } from 'node:worker_threads';
import type { OffThreadTask } from './task';

/**
 * An off-thread worker: runs tasks one at a time, each prepared once per setup and kept (a bounded number of setups:
 * one per plugin instance's configuration). A setup it no longer holds is asked for again.
 */
export interface JobMessage {
  id: number;
  file: string;
  key: string;
  setup?: unknown;
  input: unknown;
}
export type JobReply = { id: number; output: unknown } | { id: number; error: string } | { id: number; needsSetup: true };

const MAX_SETUPS = 64;
const prepared = new Map<string, (input: unknown) => unknown>();

function runner(msg: JobMessage): ((input: unknown) => unknown) | undefined {
  const held = prepared.get(msg.key);
  if (held || msg.setup === undefined) return held;
  const { task } = require(msg.file) as { task: OffThreadTask<unknown, unknown, unknown> };
  const run = task.prepare(msg.setup);
  if (prepared.size >= MAX_SETUPS) prepared.clear();
  prepared.set(msg.key, run);
  return run;
}

const port = parentPort!;
port.on('message', (msg: JobMessage) => {
  let reply: JobReply;
  try {
    const run = runner(msg);
    reply = run ? { id: msg.id, output: run(msg.input) } : { id: msg.id, needsSetup: true };
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
