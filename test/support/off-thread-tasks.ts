import { offThreadTask } from '../../plugins/core/off-thread/task';

/** A task for the pool's own tests: echoes its setup's label, fails, or ends its worker thread, as the input says. */
export const task = offThreadTask(__filename, (setup: { label: string }) => (input: string): string => {
  if (input === 'exit') process.exit(3);
  if (input === 'throw') throw new Error('the task failed');
  return `${setup.label}:${input}`;
});
