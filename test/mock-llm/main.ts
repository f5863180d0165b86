/**
 * CLI: `node dist/test/mock-llm/main.js [--port 8899] [--host 127.0.0.1]
 * [--latency ms] [--ttft ms] [--rate tokens/s] [--tokens n]`.
 * Prints the URL on stdout and serves until SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import type { Defaults } from './behaviour';
import { startMockLlm } from './server';

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      ttft: { type: 'string' },
      rate: { type: 'string' },
      tokens: { type: 'string' },
    },
    strict: true,
  });
  const defaults: Defaults = {};
  const set = (key: keyof Defaults, value: number | undefined) => {
    if (value !== undefined) defaults[key] = value;
  };
  set('latencyMs', number(values.latency, 'latency'));
  set('ttftMs', number(values.ttft, 'ttft'));
  set('tokensPerSecond', number(values.rate, 'rate'));
  set('tokens', number(values.tokens, 'tokens'));

  const mock = await startMockLlm({ port: number(values.port, 'port'), host: values.host, defaults });
  process.stdout.write(`${mock.url}\n`);

  const shutdown = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`mock-llm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
