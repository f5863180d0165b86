import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKongConf } from '../../kong/conf';
import { loadKongConf } from '../../kong/standin/kong-conf';
import { Supervisor } from '../../kong/standin/supervisor';
import { workerEnv } from '../../kong/standin/worker-env';
import { waitFor } from '../support/wait-for';

/**
 * nginx keeps for its workers, and so for the plugin server Kong spawns from one, only TZ and the variables kong.conf
 * declares in nginx_main_env: the stand-in's plugin server sees no more, so a variable the suite reads without the
 * generated kong.conf declaring it fails here as it would in Kong.
 */
describe("the plugin server's environment", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-env-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds TZ and what nginx_main_env declares, and nothing else of Kong’s environment', async () => {
    const confPath = path.join(dir, 'kong.conf');
    fs.writeFileSync(confPath, renderKongConf({ prefix: dir, node: 'node', suiteMain: 'main.js', pluginsRoot: dir, plugins: ['llm-proxy'], envVars: ['MY_PROVIDER_KEY'] }));
    const inherited = { TZ: 'Europe/Paris', AI_SUITE_METRICS_PORT: '9542', MY_PROVIDER_KEY: 'declared', UNDECLARED_KEY: 'leaked', HOME: '/root' };
    const lines: string[] = [];
    const supervisor = new Supervisor('env', "sh -c 'env; exec sleep 30'", (line) => lines.push(line), true, workerEnv(loadKongConf(confPath).mainEnv, inherited));
    supervisor.start();
    try {
      await waitFor(() => lines.find((line) => line.includes('MY_PROVIDER_KEY=')));
      const seen = lines.map((line) => line.replace(/^\[env:\d+\] /, '')).filter((line) => /^[A-Z_]+=/.test(line));
      expect(seen).toEqual(expect.arrayContaining(['TZ=Europe/Paris', 'AI_SUITE_METRICS_PORT=9542', 'MY_PROVIDER_KEY=declared']));
      expect(seen.join('\n')).not.toMatch(/UNDECLARED_KEY|HOME=/);
    } finally {
      await supervisor.stop();
    }
  });
});
