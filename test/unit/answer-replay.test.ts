import { replaySse } from '../../plugins/semantic-cache/answer-replay';

/** A cached answer replayed as a stream carries every text the model wrote, each in the delta field it streams in. */
describe("a cached answer's streamed replay", () => {
  const deltas = (sse: string) =>
    sse
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: ') && !frame.includes('[DONE]'))
      .map((frame) => JSON.parse(frame.slice(6)) as { choices: Array<{ delta: Record<string, string>; finish_reason: string | null }> })
      .flatMap((chunk) => chunk.choices);
  const joined = (sse: string, field: string) => deltas(sse).map((c) => c.delta[field] ?? '').join('');

  it('replays reasoning before the words, and a refusal, as the model streamed them', () => {
    const answer = { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is 42.', reasoning_content: 'Six times seven.' }, finish_reason: 'stop' }] };
    const sse = replaySse(answer, [], false);
    expect(joined(sse, 'reasoning_content')).toBe('Six times seven.');
    expect(joined(sse, 'content')).toBe('The answer is 42.');
    const order = deltas(sse).map((c) => Object.keys(c.delta).find((k) => k !== 'role' && c.delta[k]));
    expect(order.indexOf('reasoning_content')).toBeLessThan(order.indexOf('content'));
    expect(deltas(sse).at(-1)!.finish_reason).toBe('stop');

    const refused = { ...answer, choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' }] };
    expect(joined(replaySse(refused, [], false), 'refusal')).toBe('I cannot help with that.');
  });
});
