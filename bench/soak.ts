import { request, Agent } from 'undici';
import { startChainStack, distinctPrompt } from './chain-stack';
import type { Figures } from './report';
import { round } from './stats';

/**
 * Group `soak` (not part of CI): minutes of mixed traffic at a steady rate
 * through the whole chain (streamed and not, cache hits and misses), with the
 * suite process's memory sampled. Memory after warm-up must not grow beyond a
 * bound. AI_SUITE_SOAK_S (default 180) and AI_SUITE_SOAK_RPS (default 20) set
 * the length and the rate.
 */
const BOUND_MB = 150;

export async function benchSoak(): Promise<Figures> {
  const seconds = Number(process.env.AI_SUITE_SOAK_S) || 180;
  const rate = Number(process.env.AI_SUITE_SOAK_RPS) || 20;
  const chain = await startChainStack({ AI_SUITE_REDIS_URL: process.env.AI_SUITE_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const agent = new Agent({ connections: 128 });
  let sent = 0;
  let errors = 0;
  let done = 0;
  const inFlight = new Set<Promise<void>>();
  const once = async (n: number) => {
    // A third of the prompts repeat (cache hits), a third stream.
    const prompt = n % 3 === 0 ? n % 50 : 1_000_000 + n;
    try {
      const res = await request(chain.chatUrl, { method: 'POST', headers: chain.headers, body: distinctPrompt(prompt, n % 3 === 1), dispatcher: agent });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) errors++;
    } catch {
      errors++;
    }
    done++;
  };
  const samples: Array<{ at: number; mb: number }> = [];
  const started = Date.now();
  try {
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = (Date.now() - started) / 1000;
        if (elapsed >= seconds) {
          clearInterval(tick);
          resolve();
          return;
        }
        const due = Math.floor(elapsed * rate) - sent;
        for (let i = 0; i < due; i++) {
          const p = once(sent++).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        if (samples.length === 0 || Date.now() - samples.at(-1)!.at >= 5000) samples.push({ at: Date.now(), mb: chain.suiteRssMb() });
      }, 20);
    });
    await Promise.all(inFlight);
    const warm = samples.filter((s) => s.at - started >= Math.min(30_000, (seconds * 1000) / 4));
    const first = warm[0]?.mb ?? samples[0]!.mb;
    const last = samples.at(-1)!.mb;
    const growth = last - first;
    return {
      soak_seconds: seconds,
      soak_rate_rps: rate,
      soak_requests: done,
      soak_errors: errors,
      rss_mb_after_warmup: round(first, 1),
      rss_mb_end: round(last, 1),
      rss_mb_max: round(Math.max(...samples.map((s) => s.mb)), 1),
      rss_growth_mb: round(growth, 1),
      rss_bound_mb: BOUND_MB,
      rss_within_bound: growth <= BOUND_MB ? 1 : 0,
    };
  } finally {
    await agent.close();
    await chain.stop();
  }
}
