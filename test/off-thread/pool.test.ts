import { OffThreadPool, preparedSetup } from '../../plugins/core/off-thread/pool';
import { task } from '../support/off-thread-tasks';

jest.setTimeout(30_000);

/** The worker threads large prompts are read in: jobs wait for a free worker, a failing one fails only its job. */
describe('the off-thread pool', () => {
  let pool: OffThreadPool;
  beforeEach(() => {
    pool = new OffThreadPool(2);
  });
  afterEach(async () => {
    await pool.close();
  });

  it('runs jobs in at most its size of workers, each with its own setup', async () => {
    const a = preparedSetup(task, { label: 'a' });
    const b = preparedSetup(task, { label: 'b' });
    const outputs = await Promise.all(Array.from({ length: 10 }, (_, i) => pool.run(task, i % 2 ? b : a, String(i))));
    expect(outputs).toEqual(Array.from({ length: 10 }, (_, i) => `${i % 2 ? 'b' : 'a'}:${i}`));
    expect(pool.workers).toBe(2);
  });

  it('starts workers only when there is work', async () => {
    expect(pool.workers).toBe(0);
    await pool.run(task, preparedSetup(task, { label: 'a' }), 'x');
    expect(pool.workers).toBe(1);
  });

  it('fails only the job whose task throws or whose worker dies, and goes on', async () => {
    const a = preparedSetup(task, { label: 'a' });
    await expect(pool.run(task, a, 'throw')).rejects.toThrow('the task failed');
    const died = pool.run(task, a, 'exit');
    const waiting = Array.from({ length: 4 }, (_, i) => pool.run(task, a, `after ${i}`));
    await expect(died).rejects.toThrow(/exited \(code 3\)/);
    await expect(Promise.all(waiting)).resolves.toEqual(['a:after 0', 'a:after 1', 'a:after 2', 'a:after 3']);
  });

  it('sends a setup again to a worker that no longer holds it', async () => {
    const setups = Array.from({ length: 70 }, (_, i) => preparedSetup(task, { label: `s${i}` }));
    const single = new OffThreadPool(1);
    try {
      for (const setup of setups) await single.run(task, setup, 'x');
      // The worker keeps 64 setups: the first was dropped, and is asked for.
      await expect(single.run(task, setups[0]!, 'again')).resolves.toBe('s0:again');
    } finally {
      await single.close();
    }
  });

  it('refuses work once closed', async () => {
    await pool.close();
    await expect(pool.run(task, preparedSetup(task, { label: 'a' }), 'x')).rejects.toThrow(/closed/);
  });
});
