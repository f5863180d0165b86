import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKongConf } from '../kong/conf';
import { readPidFile } from '../plugins/suite/pid-file';
import { DEFAULT_PLUGINS_ROOT } from '../plugins/suite/registry';
import { declarative } from '../test/support/routes';
import { ALL_SIX, fullChainRoute } from '../test/system/full-chain';
import { freePort, startChild, type Child } from './processes';

/**
 * The whole suite as an operator runs it, each server in its own process: the
 * mock provider (also standing in for Langfuse), and the Kong stand-in that
 * starts the suite process, with all six plugins on one route beside key-auth
 * and rate-limiting.
 */
const DIST = path.resolve(__dirname, '..');

export interface ChainStack {
  mockUrl: string;
  chatUrl: string;
  headers: Record<string, string>;
  /** Resident memory of the suite process, in MB. */
  suiteRssMb(): number;
  stop(): Promise<void>;
}

export async function startChainStack(env: Record<string, string> = {}): Promise<ChainStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chain-'));
  const children: Child[] = [];
  const mockPort = await freePort();
  children.push(await startChild(process.execPath, [path.join(DIST, 'test', 'mock-llm', 'main.js'), '--port', String(mockPort), '--tokens', '16'], mockPort));
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const kongPort = await freePort();
  fs.writeFileSync(
    path.join(dir, 'kong.conf'),
    renderKongConf({ prefix: dir, node: process.execPath, suiteMain: path.join(DIST, 'plugins', 'suite', 'main.js'), pluginsRoot: DEFAULT_PLUGINS_ROOT, plugins: ALL_SIX }),
  );
  fs.writeFileSync(
    path.join(dir, 'kong.yml'),
    JSON.stringify(declarative([fullChainRoute('chat', mockUrl, mockUrl)], { consumers: [{ username: 'bench', keyauth_credentials: [{ key: 'bench-key' }] }] })),
  );
  children.push(
    await startChild(process.execPath, [path.join(DIST, 'kong', 'standin', 'main.js'), '--conf', path.join(dir, 'kong.conf'), '--yml', path.join(dir, 'kong.yml'), '--port', String(kongPort)], kongPort, {
      AI_SUITE_LOG_LEVEL: 'warn',
      ...env,
    }),
  );
  return {
    mockUrl,
    chatUrl: `http://127.0.0.1:${kongPort}/chat`,
    headers: { 'content-type': 'application/json', apikey: 'bench-key' },
    suiteRssMb() {
      const pid = readPidFile(dir);
      if (!pid) return NaN;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    },
    async stop() {
      for (const child of children.reverse()) await child.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The n-th of an endless list of distinct prompts (never a cache hit: each names its own numbers). */
export function distinctPrompt(n: number, stream = false): string {
  return JSON.stringify({
    model: 'gpt-4o-mini',
    stream,
    messages: [{ role: 'user', content: `Question ${n}: how should team ${n % 977} configure gateway feature ${n % 89} for ${n % 7} regions?` }],
  });
}
