import { langfuseEnvironment } from '../../plugins/langfuse-tracing/config';

describe('the environment name sent to Langfuse', () => {
  it('is one Langfuse keeps: ^(?!langfuse)[a-z0-9-_]+$, at most 40 characters', () => {
    expect(langfuseEnvironment('production')).toBe('production');
    expect(langfuseEnvironment('Staging EU')).toBe('staging-eu');
    expect(langfuseEnvironment('langfuse-prod')).toBe('env-langfuse-prod');
    expect(langfuseEnvironment(' ??? ')).toBeUndefined();
    expect(langfuseEnvironment(undefined)).toBeUndefined();
    const long = langfuseEnvironment('x'.repeat(60))!;
    expect(long).toHaveLength(40);
    for (const name of ['Production', 'Staging EU', 'langfuse-prod', 'ünïcode/env', 'a'.repeat(50)]) {
      expect(langfuseEnvironment(name)).toMatch(/^(?!langfuse)[a-z0-9_-]{1,40}$/);
    }
  });
});
