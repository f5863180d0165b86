/**
 * `npm start`: the whole gateway on one machine, with no Kong, no Docker, no Redis,
 * no network and no API key. It starts the mock LLM provider, then the Kong
 * stand-in, which starts the suite process from a generated kong.conf exactly as
 * Kong would, and loads kong/kong.yml with the mock provider's address filled in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startMockLlm } from '../test/mock-llm/server';
import { SHIPPED_PLUGINS, DEFAULT_PLUGINS_ROOT } from '../plugins/suite/registry';
import { renderKongConf } from './conf';
import { startStandin } from './standin';

const REPO = path.resolve(__dirname, '..', '..');
/** The host kong.yml names for the mock provider (the docker-compose service). */
const MOCK_HOST = 'http://mock-llm:8899';

async function main(): Promise<void> {
  const mock = await startMockLlm({ port: Number(process.env.MOCK_LLM_PORT ?? 0) });
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'kong-ai-suite-'));
  const confPath = path.join(prefix, 'kong.conf');
  fs.writeFileSync(
    confPath,
    renderKongConf({
      prefix,
      node: process.execPath,
      suiteMain: path.join(REPO, 'dist', 'plugins', 'suite', 'main.js'),
      pluginsRoot: DEFAULT_PLUGINS_ROOT,
      plugins: SHIPPED_PLUGINS.map((p) => p.name),
      // The suite's own lines in the terminal: Kong shows a plugin server's output only from this level.
      extra: { log_level: 'info' },
    }),
  );
  const yml = fs.readFileSync(path.join(REPO, 'kong', 'kong.yml'), 'utf8').split(MOCK_HOST).join(mock.url);
  const standin = await startStandin({
    confPath,
    declarative: YAML.parse(yml),
    listen: { port: Number(process.env.PORT ?? 8000) },
  });
  process.stdout.write(
    [
      `Kong stand-in with the AI gateway suite: ${standin.url}   (mock LLM provider: ${mock.url})`,
      'Try:',
      `  curl -s ${standin.url}/v1/chat/completions -H 'apikey: demo-key' -H 'content-type: application/json' \\`,
      `       -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello, gateway"}]}'`,
      'Stop with Ctrl-C. Production runs in Kong: see README "Deploying to Kong".',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await standin.close();
    await mock.close();
    fs.rmSync(prefix, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: Error) => {
  process.stderr.write(`npm start failed: ${err.message}\n`);
  process.exit(1);
});
