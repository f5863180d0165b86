import fs from 'node:fs';
import path from 'node:path';
import { startChainStack, distinctPrompt } from './chain-stack';
import { runLoad } from './load';
import { freePort, startChild } from './processes';
import type { Figures } from './report';
import { quantile, round } from './stats';
import { measureTtft } from './ttft';

/**
 * Group `system`: the whole six-plugin chain (key-auth, rate-limiting,
 * langfuse-tracing, prompt-guard, pii-sanitizer, semantic-cache,
 * semantic-router, llm-proxy) against calling the mock provider directly and
 * against Portkey's open-source gateway in the same run; saturation, cache
 * hits, the suite's memory, and each plugin's quality figures from the other
 * groups' latest results.
 */
const DIST = path.resolve(__dirname, '..');
const REPO = path.resolve(DIST, '..');
const RESULTS = path.join(REPO, 'bench', 'results');

function quality(): Figures {
  const read = (group: string): Record<string, unknown> => {
    const file = path.join(RESULTS, `${group}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  };
  const pick = (group: string, keys: string[]): Figures => {
    const data = read(group);
    return Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [`${group}_${k}`, data[k] as number]));
  };
  return {
    ...pick('guard', ['attack_detection_rate', 'benign_block_rate', 'ms_p50_2kb']),
    ...pick('pii', ['f1_person', 'recall_phone', 'secrets_recall', 'secrets_near_miss_fp_rate', 'ms_p50_4kb']),
    ...pick('cache', ['qqp_threshold', 'qqp_hit_precision', 'qqp_hit_recall', 'qqp_precision_at_default', 'negation_false_hit_rate', 'hit_ms_p50_100k']),
    ...pick('router', ['clinc_acc_k10', 'clinc_acc_k10_fitted', 'clinc_oos_to_default_k10_fitted', 'decide_ms_p50']),
  };
}

export async function benchSystem(): Promise<Figures> {
  const chain = await startChainStack({ AI_SUITE_REDIS_URL: process.env.AI_SUITE_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const portkeyPort = await freePort();
  const portkey = await startChild(process.execPath, [path.join(REPO, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${portkeyPort}`, '--headless'], portkeyPort, {
    NODE_ENV: 'production',
  });
  try {
    const json = { 'content-type': 'application/json', authorization: 'Bearer bench-key' };
    const endpoints = {
      direct: { url: `${chain.mockUrl}/v1/chat/completions`, headers: json },
      chain: { url: chain.chatUrl, headers: chain.headers },
      portkey: { url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`, headers: { ...json, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${chain.mockUrl}/v1` } },
    };
    const figures: Figures = {};
    let offset = 0;
    for (const concurrency of [1, 64]) {
      const requests = concurrency === 1 ? 400 : 2000;
      const results: Record<string, number[]> = {};
      for (const [name, e] of Object.entries(endpoints)) {
        const base = (offset += 100_000);
        const r = await runLoad({ url: e.url, headers: e.headers, bodyFor: (n) => distinctPrompt(base + n), concurrency, requests, warmup: 30 });
        if (r.errors > 0) figures[`${name}_errors_c${concurrency}`] = r.errors;
        results[name] = r.latenciesMs;
        if (name === 'chain' && concurrency === 64) figures.rps_saturation = round(r.latenciesMs.length / r.seconds, 1);
      }
      for (const q of [0.5, 0.99]) {
        const tag = q === 0.5 ? 'p50' : 'p99';
        const direct = quantile(results.direct!, q);
        figures[`direct_ms_${tag}_c${concurrency}`] = round(direct);
        figures[`chain_added_ms_${tag}_c${concurrency}`] = round(quantile(results.chain!, q) - direct);
        figures[`portkey_added_ms_${tag}_c${concurrency}`] = round(quantile(results.portkey!, q) - direct);
      }
    }
    const ttftBase = (offset += 100_000);
    const directTtft = quantile(await measureTtft(endpoints.direct.url, json, (n) => distinctPrompt(ttftBase + n, true), 150), 0.5);
    const chainTtft = quantile(await measureTtft(endpoints.chain.url, chain.headers, (n) => distinctPrompt(ttftBase + 1000 + n, true), 150), 0.5);
    figures.ttft_direct_ms_p50_c1 = round(directTtft);
    figures.ttft_added_ms_p50_c1 = round(chainTtft - directTtft);

    // Cache hits through the whole chain: one prompt, asked again and again.
    const hitBody = distinctPrompt(9_999_999);
    await runLoad({ url: chain.chatUrl, headers: chain.headers, body: hitBody, concurrency: 1, requests: 1, warmup: 0 });
    await new Promise((r) => setTimeout(r, 300));
    const hits = await runLoad({ url: chain.chatUrl, headers: chain.headers, body: hitBody, concurrency: 1, requests: 300, warmup: 10 });
    figures.cache_hit_ms_p50 = round(quantile(hits.latenciesMs, 0.5));
    figures.cache_hit_ms_p99 = round(quantile(hits.latenciesMs, 0.99));
    figures.rss_mb = round(chain.suiteRssMb(), 1);
    Object.assign(figures, quality());
    return figures;
  } finally {
    await portkey.stop();
    await chain.stop();
  }
}
