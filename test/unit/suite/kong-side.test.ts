import fs from 'node:fs';
import path from 'node:path';
import { SUITE_ENV_VARS } from '../../../kong/conf';
import { inListeningOrder } from '../../../plugins/suite/serve';
import { REPO } from '../../support/paths';

/**
 * nginx hands a worker, and so the plugin server Kong starts from it, only the variables `nginx_main_env` names: a
 * variable the suite reads and the shipped kong.conf leaves out has no effect on a real Kong, whatever the stand-in does.
 */
describe('the environment Kong passes to the plugin server', () => {
  it('names every AI_SUITE_ variable the plugins read', () => {
    const read = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/\bAI_SUITE_[A-Z_]+\b/g)) read.add(m[0]);
      }
    };
    walk(path.join(REPO, 'plugins'));
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !SUITE_ENV_VARS.includes(name)).sort()).toEqual([]);
  });
});

describe('the order the plugin sockets listen in', () => {
  it('puts the plugins that send a request on or answer it last, so Kong never finds them ready before the guard', () => {
    // Kong marks each socket ready on its own and skips a plugin whose socket is not: while the process starts or
    // restarts, llm-proxy ready and prompt-guard not would send a prompt on unguarded.
    const names = ['langfuse-tracing', 'llm-proxy', 'pii-sanitizer', 'prompt-guard', 'semantic-cache', 'semantic-router'];
    const order = inListeningOrder(names.map((name) => ({ name }))).map((p) => p.name);
    expect(order.slice(-2).sort()).toEqual(['llm-proxy', 'semantic-cache']);
    expect(order.slice(0, 4).sort()).toEqual(['langfuse-tracing', 'pii-sanitizer', 'prompt-guard', 'semantic-router']);
  });
});
