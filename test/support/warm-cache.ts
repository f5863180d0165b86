/**
 * Waits until a route's semantic cache answers paraphrases: the embedding model
 * loads in the suite's workers when the process starts, and until then only
 * exact repeats hit.
 */
export async function waitForSemanticHits(ask: (text: string) => Promise<Response>): Promise<void> {
  for (const fruit of ['apples', 'pears', 'plums', 'grapes', 'cherries', 'lemons', 'mangoes', 'peaches', 'figs', 'olives', 'dates', 'limes', 'kiwis', 'melons']) {
    await (await ask(`Where do ${fruit} grow best?`)).text();
    await new Promise((r) => setTimeout(r, 300));
    const res = await ask(`Where do ${fruit} grow the best?`);
    await res.text();
    if (res.headers.get('x-cache-status') === 'Hit') return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the semantic cache never answered a paraphrase');
}
