import { isAlive, readPidFile } from './pid-file';

/**
 * Kong only checks the readiness of plugin servers that have a start command, so
 * every entry but the first runs this follower: it waits for the suite process to
 * appear, then lives exactly as long as it does, so Kong's supervision of each
 * entry mirrors the one real process.
 */
export interface FollowOptions {
  prefix: string;
  appearTimeoutMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the exit code: 0 when the suite process ended, 1 when it never appeared. */
export async function follow(options: FollowOptions): Promise<number> {
  const poll = options.pollMs ?? 500;
  const deadline = Date.now() + (options.appearTimeoutMs ?? 20_000);
  let pid = readPidFile(options.prefix);
  while (pid === undefined || !isAlive(pid)) {
    if (Date.now() > deadline) return 1;
    await sleep(poll);
    pid = readPidFile(options.prefix);
  }
  while (isAlive(pid)) await sleep(poll);
  return 0;
}
