import { redactValues } from '../../../plugins/core/redact';

describe('redacting the target’s own credentials from what a provider echoes', () => {
  it('takes the key whatever its format: whole, with dots, shortened, a long piece of it', () => {
    expect(redactValues('Incorrect API key provided: k1.Ab3dEf.Gh5jKl.Mn7p.', ['k1.Ab3dEf.Gh5jKl.Mn7p'])).toBe('Incorrect API key provided: [redacted].');
    expect(redactValues('Invalid API key: Zq7mYp2Lk9Xw...Js0A', ['Zq7mYp2Lk9Xw3Rt8Vb6Nc1Hd4Fg5Js0A'])).toBe('Invalid API key: [redacted]...Js0A');
    expect(redactValues('Bearer Zq7mYp2Lk9Xw3Rt8 was refused', ['Bearer Zq7mYp2Lk9Xw3Rt8Vb6N'])).toBe('[redacted] was refused');
    // A piece of the key joined to a word by a dot.
    expect(redactValues('Invalid API key Zq7mYp2Lk9Xw3Rt8.Check your settings', ['Zq7mYp2Lk9Xw3Rt8Vb6Nc1Hd4Fg5Js0A'])).toBe('Invalid API key [redacted].Check your settings');
    // A stretch across the key's own dot, and a piece joined to a word by a hyphen.
    expect(redactValues('bad key Ab3dEf.Gh5jKl.Check', ['k1.Ab3dEf.Gh5jKl'])).toBe('bad key [redacted].Check');
    expect(redactValues('bad key Zq7mYp2Lk9Xw-Check', ['Zq7mYp2Lk9Xw3Rt8Js0A'])).toBe('bad key [redacted]-Check');
  });

  it('leaves ordinary words and other values alone', () => {
    expect(redactValues('The model gpt-4o-mini is overloaded, e.g. retry later.', ['Zq7mYp2Lk9Xw3Rt8Vb6Nc1Hd4Fg5Js0A'])).toBe('The model gpt-4o-mini is overloaded, e.g. retry later.');
    expect(redactValues('anything', [undefined, 'short'])).toBe('anything');
  });
});
