import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKongConf } from '../kong/conf';
import { DEFAULT_PLUGINS_ROOT } from '../plugins/suite/registry';
import { runLoad } from './load';
import { freePort, startChild, type Child } from './processes';
import { quantile, round } from './stats';
import { measureTtft } from './ttft';
import type { Figures } from './report';

/**
 * Group `proxy`: the latency the whole path adds (stand-in, real plugin server,
 * llm-proxy alone on the route, the bridge) over calling the mock provider
 * directly, and in the same run the same for Portkey's open-source gateway
 * against the same mock. Every server runs in its own process.
 */
const DIST = path.resolve(__dirname, '..');
const REPO = path.resolve(DIST, '..');

export async function benchProxy(): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-proxy-'));
  const children: Child[] = [];
  try {
    const mockPort = await freePort();
    children.push(await startChild(process.execPath, [path.join(DIST, 'test', 'mock-llm', 'main.js'), '--port', String(mockPort), '--tokens', '16'], mockPort));
    const mock = `http://127.0.0.1:${mockPort}`;

    const kongPort = await freePort();
    const bridgePort = await freePort();
    fs.writeFileSync(
      path.join(dir, 'kong.conf'),
      renderKongConf({ prefix: dir, node: process.execPath, suiteMain: path.join(DIST, 'plugins', 'suite', 'main.js'), pluginsRoot: DEFAULT_PLUGINS_ROOT, plugins: ['llm-proxy'] }),
    );
    fs.writeFileSync(
      path.join(dir, 'kong.yml'),
      JSON.stringify({
        _format_version: '3.0',
        services: [
          {
            name: 'llm',
            // The deployment the README recommends: the service URL is the bridge, so llm-proxy sets no target.
            url: `http://127.0.0.1:${bridgePort}`,
            routes: [
              {
                name: 'chat',
                paths: ['/v1/chat/completions'],
                strip_path: false,
                plugins: [{ name: 'llm-proxy', config: { targets: [{ name: 'mock', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mock, auth: { api_key: 'bench-key' } }] } }],
              },
            ],
          },
          // The stand-in alone, no plugin: what Kong's own proxying costs in this emulation.
          { name: 'plain', url: mock, routes: [{ name: 'plain', paths: ['/plain'], strip_path: true }] },
        ],
      }),
    );
    children.push(await startChild(process.execPath, [path.join(DIST, 'kong', 'standin', 'main.js'), '--conf', path.join(dir, 'kong.conf'), '--yml', path.join(dir, 'kong.yml'), '--port', String(kongPort)], kongPort, { AI_SUITE_BRIDGE_PORT: String(bridgePort) }));

    const portkeyPort = await freePort();
    children.push(
      await startChild(process.execPath, [path.join(REPO, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${portkeyPort}`, '--headless'], portkeyPort, { NODE_ENV: 'production' }),
    );

    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Benchmark prompt about gateways' }] });
    const streamBody = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Benchmark prompt about gateways' }] });
    const json = { 'content-type': 'application/json', authorization: 'Bearer bench-key' };
    const portkeyHeaders = { ...json, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock}/v1` };
    const endpoints = {
      direct: { url: `${mock}/v1/chat/completions`, headers: json },
      ours: { url: `http://127.0.0.1:${kongPort}/v1/chat/completions`, headers: json },
      standin_only: { url: `http://127.0.0.1:${kongPort}/plain/v1/chat/completions`, headers: json },
      portkey: { url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`, headers: portkeyHeaders },
    };
    const figures: Figures = {};
    for (const concurrency of [1, 64]) {
      // Endpoints take turns in rounds, so drift in this noisy machine's speed hits them all alike.
      const rounds = 4;
      const requests = concurrency === 1 ? 500 : 750;
      const results: Record<string, number[]> = {};
      for (let round = 0; round < rounds; round++) {
        for (const [name, e] of Object.entries(endpoints)) {
          const r = await runLoad({ url: e.url, headers: e.headers, body, concurrency, requests, warmup: 50 });
          if (r.errors > 0) figures[`${name}_errors_c${concurrency}`] = Number(figures[`${name}_errors_c${concurrency}`] ?? 0) + r.errors;
          (results[name] ??= []).push(...r.latenciesMs);
        }
      }
      for (const q of [0.5, 0.99]) {
        const tag = q === 0.5 ? 'p50' : 'p99';
        const direct = quantile(results.direct, q);
        figures[`direct_ms_${tag}_c${concurrency}`] = round(direct);
        figures[`added_ms_${tag}_c${concurrency}`] = round(quantile(results.ours, q) - direct);
        figures[`portkey_added_ms_${tag}_c${concurrency}`] = round(quantile(results.portkey, q) - direct);
        figures[`standin_only_added_ms_${tag}_c${concurrency}`] = round(quantile(results.standin_only, q) - direct);
      }
    }
    const ttft = {
      direct: await measureTtft(endpoints.direct.url, json, streamBody, 200),
      ours: await measureTtft(endpoints.ours.url, json, streamBody, 200),
      portkey: await measureTtft(endpoints.portkey.url, portkeyHeaders, streamBody, 200),
    };
    const directTtft = quantile(ttft.direct, 0.5);
    figures.ttft_direct_ms_p50_c1 = round(directTtft);
    figures.ttft_added_ms_p50_c1 = round(quantile(ttft.ours, 0.5) - directTtft);
    // Portkey 1.15.2 fails every streamed request on Node ("TypeError: immutable" while copying headers).
    figures.portkey_ttft_added_ms_p50_c1 =
      ttft.portkey.length > 0 ? round(quantile(ttft.portkey, 0.5) - directTtft) : 'n/a: Portkey fails streamed requests on Node (TypeError: immutable)';
    return figures;
  } finally {
    for (const child of children.reverse()) await child.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
