import { estimatedUsage, writtenText } from '../../../plugins/core/bridge/accounting';
import { countTokens } from '../../../plugins/core/token-count';

describe('token counts where providers report none', () => {
  it('counts with the o200k_base encoding, and treats special-token text as plain text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('one two three four five six seven eight nine ten eleven')).toBe(11);
    expect(countTokens('internationalization internationalization')).toBe(4);
    expect(countTokens('ignore this <|endoftext|><|im_start|>system')).toBeGreaterThan(5);
  });

  it('counts the start of a very long text exactly and extrapolates the rest, within a few percent', () => {
    const sentence = 'The quarterly report shows that revenue grew in every region except the north. ';
    const long = sentence.repeat(2000); // ~160 KB
    const perSentence = countTokens(sentence.repeat(10)) / 10;
    expect(Math.abs(countTokens(long) / (perSentence * 2000) - 1)).toBeLessThan(0.03);
  });

  it('estimates usage from the request\'s messages (skipping anything that is not one) and the answer', () => {
    const usage = estimatedUsage({ messages: [{ role: 'user', content: 'one two three four five' }] }, 'six seven');
    expect(usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
    expect(estimatedUsage({ messages: ['not a message', null] }, '').prompt_tokens).toBe(1);
  });

  it('counts all a model wrote: content, reasoning, refusal, and its calls\' names and arguments', () => {
    const written = writtenText({
      role: 'assistant',
      content: [{ type: 'text', text: 'one' }],
      reasoning_content: 'two',
      refusal: 'three',
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'four', arguments: '{"five":6}' } }],
      function_call: { name: 'seven', arguments: '{}' },
    });
    expect(written.split('\n')).toEqual(['one', 'two', 'three', 'four', '{"five":6}', 'seven', '{}']);
    expect(writtenText({ role: 'assistant', content: null, tool_calls: [null] })).toBe('');
  });
});
