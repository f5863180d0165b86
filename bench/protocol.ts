import path from 'node:path';
import { startEchoUpstream } from '../test/support/echo-upstream';
import { startSuiteStack } from '../test/support/suite-stack';
import { runLoad } from './load';
import { quantile, round } from './stats';
import type { Figures } from './report';

/**
 * Group `protocol`: what the plugin-server protocol itself costs. One PDK call's
 * round trip through the real socket, and the latency a chain of six empty suite
 * plugins (access and log) adds through the stand-in, against calling the upstream
 * directly, in the same run.
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'protocol-plugins.js');

export async function benchProtocol(): Promise<Figures> {
  const upstream = await startEchoUpstream();
  const names = Array.from({ length: 6 }, (_, i) => `bench-empty-${i + 1}`);
  const stack = await startSuiteStack({
    plugins: [...names, 'bench-pdk-loop'].map((name) => ({ name, modulePath: FIXTURES, exportName: name })),
    declarative: {
      _format_version: '3.0',
      services: [
        {
          name: 'upstream',
          url: upstream.url,
          routes: [
            { name: 'chain6', paths: ['/chain6'], plugins: names.map((name) => ({ name })) },
            { name: 'bare', paths: ['/bare'] },
            { name: 'pdk', paths: ['/pdk'], plugins: [{ name: 'bench-pdk-loop', config: { calls: 500 } }] },
          ],
        },
      ],
    },
  });
  try {
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${stack.standin.url}/pdk`, { method: 'POST', body: '{}' });
      samples.push(...((await res.json()) as { samples: number[] }).samples);
    }
    const figures: Figures = {
      pdk_roundtrip_ms_p50: round(quantile(samples, 0.5)),
      pdk_roundtrip_ms_p99: round(quantile(samples, 0.99)),
    };
    const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'hello' }] });
    const headers = { 'content-type': 'application/json' };
    for (const concurrency of [1, 32]) {
      const requests = concurrency === 1 ? 400 : 1600;
      const direct = await runLoad({ url: `${upstream.url}/chain6`, body, headers, concurrency, requests });
      const bare = await runLoad({ url: `${stack.standin.url}/bare`, body, headers, concurrency, requests });
      const chain = await runLoad({ url: `${stack.standin.url}/chain6`, body, headers, concurrency, requests });
      for (const q of [0.5, 0.99]) {
        const tag = q === 0.5 ? 'p50' : 'p99';
        figures[`direct_ms_${tag}_c${concurrency}`] = round(quantile(direct.latenciesMs, q));
        figures[`standin_only_added_ms_${tag}_c${concurrency}`] = round(
          quantile(bare.latenciesMs, q) - quantile(direct.latenciesMs, q),
        );
        figures[`chain6_added_ms_${tag}_c${concurrency}`] = round(
          quantile(chain.latenciesMs, q) - quantile(direct.latenciesMs, q),
        );
      }
      figures[`chain6_errors_c${concurrency}`] = chain.errors;
    }
    return figures;
  } finally {
    await stack.close();
    await upstream.close();
  }
}
