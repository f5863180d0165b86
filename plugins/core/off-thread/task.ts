/**
 * A piece of CPU work the off-thread pool can run: a module that exports `task`, made by `offThreadTask`. The worker
 * requires the module by its file, prepares the task once per setup (compiling patterns, training a classifier) and
 * runs it on each input. Setup, input and output cross threads by structured clone: plain data only.
 */
export interface OffThreadTask<Setup, Input, Output> {
  /** The compiled module that exports this task as `task`. */
  readonly file: string;
  prepare(setup: Setup): (input: Input) => Output;
}

export function offThreadTask<Setup, Input, Output>(file: string, prepare: (setup: Setup) => (input: Input) => Output): OffThreadTask<Setup, Input, Output> {
  return { file, prepare };
}
