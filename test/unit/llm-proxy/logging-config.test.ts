import { configSchema } from '../../../plugins/llm-proxy/config';
import { applyKongSchema } from '../../../schemas/kong-config';
import { toKongFields } from '../../../schemas/zod-to-kong';

/**
 * llm-proxy's logging block holds only what reaches Kong's log: the ai.proxy.meta fields set in access.
 * Kong's ai-proxy logs payloads from its body filter; an external plugin has no phase after the answer
 * whose log fields Kong's serializer sees, so log_payloads is no field here and Kong refuses it.
 */
describe('llm-proxy logging config as Kong validates it', () => {
  const fields = toKongFields(configSchema);
  const targets = [{ name: 'gpt', provider: 'openai', model: 'gpt-4o-mini' }];

  it('accepts log_statistics', () => {
    const result = applyKongSchema(fields, { targets, logging: { log_statistics: true } });
    expect(result.ok).toBe(true);
  });

  it('refuses log_payloads as an unknown field rather than accepting a setting that would do nothing', () => {
    const result = applyKongSchema(fields, { targets, logging: { log_payloads: true } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ 'config.logging.log_payloads': 'unknown field' });
  });
});
