import { MAX_TEXT_CHARS } from '../../plugins/core/embeddings';
import { useLiteReading } from '../../plugins/core/embeddings/engines/use-lite-reading';
import { differsUnread } from '../../plugins/semantic-cache/unread-text';

/** Two prompts USE-lite cannot tell apart: they differ where it reads an unknown token, or past its window. */
const differs = (a: string, b: string) => differsUnread(useLiteReading(a, MAX_TEXT_CHARS), useLiteReading(b, MAX_TEXT_CHARS));

const lines = Array.from({ length: 30 }, (_, i) => `    value_${i} = compute(data, key="${['alpha', 'beta', 'gamma', 'delta'][i % 4]}")`);
const code = (question: string, last: string) => `${question}\n\`\`\`python\ndef summarize(data):\n${lines.join('\n')}\n    result = []\n    for item in data:\n        ${last}\n    return result\n\`\`\``;
const lease = (who: string) =>
  'Review this lease clause and tell me who is responsible for repairs. ' +
  'This agreement is made between the parties named below for the rental of the residential property described in schedule one. '.repeat(6) +
  `All repairs to the heating system, plumbing and roof shall be paid by the ${who} within thirty days of notice.`;

describe('what USE-lite reads of a prompt', () => {
  it('reads Chinese, Arabic and emoji as unknown, and tells how much of a prompt that is', () => {
    expect(useLiteReading('Translate to English: 我饿了', MAX_TEXT_CHARS)).toMatchObject({ unknown: ['我饿了'] });
    expect(useLiteReading('请用英语回答：什么是光合作用？', MAX_TEXT_CHARS).unknownShare).toBeGreaterThan(0.5);
    expect(useLiteReading('How do I reset my password?', MAX_TEXT_CHARS)).toMatchObject({ unknown: [], unknownShare: 0 });
    const long = useLiteReading(code('Why is this wrong?', 'result.append(item)'), MAX_TEXT_CHARS);
    expect(long.windowEnd).toBeLessThan(long.text.length);
  });

  it.each([
    ['Translate to English: 我饿了', 'Translate to English: 我累了'],
    ['What does 猫 mean?', 'What does 狗 mean?'],
    ['Translate to English: أنا جائع', 'Translate to English: أنا متعب'],
    ['What is the meaning of the emoji 🍕', 'What is the meaning of the emoji 🎉'],
    [code('Why does this function return the wrong result?', 'result.append(item)'), code('Why does this function return the wrong result?', 'result.extend(item)')],
    [lease('tenant'), lease('landlord')],
  ])('tells %j from %j only where the model reads nothing', (a, b) => {
    expect(differs(a, b)).toBe(true);
  });

  it.each([
    ['How do I reset my password?', 'How can I reset my password?'],
    ['Translate to English: 我饿了', 'Please translate into English: 我饿了'],
    // Worded otherwise where the model reads, the same after: the vector judges the difference.
    [code('Why does this function return the wrong result?', 'result.append(item)'), code('Why does this Python function give a wrong result?', 'result.append(item)')],
    [lease('tenant'), lease('tenant').replace('Review this lease clause', 'Please review this lease clause').replace(/\s+$/, '\n\n')],
  ])('leaves %j and %j to the vector', (a, b) => {
    expect(differs(a, b)).toBe(false);
  });
});
