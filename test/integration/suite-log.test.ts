import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SUITE_MAIN } from '../support/paths';
import { declarative, llmProxy, postRoute } from '../support/routes';
import { shipped } from '../support/shipped';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';

/**
 * Kong logs a plugin server's output at level info, which its default log_level (notice) drops; the stand-in does the
 * same, and the suite's lines reach operators through its own log file in Kong's prefix.
 */
describe("the suite's log where a Kong operator finds it", () => {
  const stacks: SuiteStack[] = [];
  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.close()));
  });
  const start = async (kongLogLevel?: string) => {
    const stack = await startSuiteStack({ plugins: shipped('llm-proxy'), declarative: declarative([postRoute('chat', [llmProxy('http://127.0.0.1:9')])]), kongLogLevel });
    stacks.push(stack);
    return stack;
  };

  it("at Kong's default log_level, the error log has none of the suite's lines; logs/ai-suite.log has them", async () => {
    const stack = await start();
    expect(stack.errorLog.filter((line) => line.startsWith('[llm-proxy:'))).toEqual([]);
    expect(stack.suiteLog()).toMatch(/\[info\] suite: suite listening/);
  });

  it('at log_level = info, the error log carries them too, prefixed as Kong prefixes them', async () => {
    const stack = await start('info');
    expect(stack.errorLog.join('\n')).toMatch(/^\[llm-proxy:\d+\] .*suite listening/m);
  });

  it('a suite process that fails to start says why in its log file', async () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-suite-log-'));
    try {
      await expect(promisify(execFile)(process.execPath, [SUITE_MAIN, 'serve', '--prefix', prefix, '--plugins-root', path.join(prefix, 'missing')])).rejects.toThrow();
      expect(fs.readFileSync(path.join(prefix, 'logs', 'ai-suite.log'), 'utf8')).toMatch(/\[error\] kong-ai-suite: .*missing/);
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });
});
