import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * Kong's supervision of a plugin server's start_cmd: run with `exec` from a shell
 * in the environment an nginx worker has (`env`, see worker-env.ts),
 * stdout and stderr into the error log prefixed `[<name>:<pid>]` at level info (so
 * only when `showOutput`: Kong's default log_level, notice, drops them), respawned at
 * most once a second when it dies, given up on exit status 127, SIGTERM on stop.
 */
export class Supervisor {
  private child: ChildProcess | undefined;
  private stopped = false;
  private lastStart = 0;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly log: (line: string) => void,
    private readonly showOutput: boolean,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    if (this.stopped) return;
    this.lastStart = Date.now();
    const child = spawn('/bin/sh', ['-c', `exec ${this.command}`], { stdio: ['ignore', 'pipe', 'pipe'], env: this.env });
    this.child = child;
    const prefix = `[${this.name}:${child.pid}] `;
    for (const stream of [child.stdout!, child.stderr!]) {
      // Read even when dropped, as Kong does: a full pipe would block the process.
      readline.createInterface({ input: stream }).on('line', (line) => this.showOutput && this.log(prefix + line));
    }
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.child = undefined;
        resolve();
        if (this.stopped) return;
        this.log(`external pluginserver '${this.name}' terminated: ${signal ? `signal ${signal}` : `exit ${code}`}`);
        if (code === 127) {
          this.log(`external pluginserver '${this.name}' start command not found; giving up`);
          return;
        }
        const wait = Math.max(0, 1000 - (Date.now() - this.lastStart));
        setTimeout(() => this.start(), wait).unref();
      });
    });
  }

  /** Simulates a crash: Kong notices the exit and respawns the command. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
