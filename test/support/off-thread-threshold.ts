/** Runs `run` with the off-thread threshold (AI_SUITE_OFF_THREAD_CHARS, read on each request) at `chars`, then puts it back. */
export async function withOffThreadAbove<T>(chars: number, run: () => Promise<T>): Promise<T> {
  const before = process.env.AI_SUITE_OFF_THREAD_CHARS;
  process.env.AI_SUITE_OFF_THREAD_CHARS = String(chars);
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.AI_SUITE_OFF_THREAD_CHARS;
    else process.env.AI_SUITE_OFF_THREAD_CHARS = before;
  }
}
