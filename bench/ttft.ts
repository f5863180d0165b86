import { performance } from 'node:perf_hooks';
import { request, Agent } from 'undici';

/** Time to the first SSE data event of streamed requests, one at a time. */
export async function measureTtft(url: string, headers: Record<string, string>, body: string | ((n: number) => string), requests: number): Promise<number[]> {
  const agent = new Agent({ connections: 1 });
  const samples: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const res = await request(url, { method: 'POST', headers, body: typeof body === 'function' ? body(i) : body, dispatcher: agent });
    let first: number | undefined;
    for await (const chunk of res.body) {
      if (first === undefined && (chunk as Buffer).toString().includes('data:')) first = performance.now() - started;
    }
    if (i >= 5 && first !== undefined && res.statusCode === 200) samples.push(first);
  }
  await agent.close();
  return samples;
}
