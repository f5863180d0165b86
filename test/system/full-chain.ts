/** The six suite plugins on one route, beside key-auth and rate-limiting, as the shipped kong.yml has them. */
export const ALL_SIX = ['langfuse-tracing', 'prompt-guard', 'pii-sanitizer', 'semantic-cache', 'semantic-router', 'llm-proxy'];

export interface FullChainOptions {
  cache?: Record<string, unknown>;
  /** Extra llm-proxy settings (limits, balancer). */
  proxy?: Record<string, unknown>;
  providerKey?: string;
  path?: string;
}

export function fullChainRoute(name: string, mockUrl: string, langfuseUrl: string, options: FullChainOptions = {}) {
  const target = (targetName: string, model: string) => ({ name: targetName, provider: 'openai', model, upstream_url: mockUrl, auth: { api_key: options.providerKey ?? 'sk-test-provider-key' } });
  return {
    name,
    paths: [options.path ?? `/${name}`],
    methods: ['POST'],
    plugins: [
      { name: 'key-auth' },
      { name: 'rate-limiting', config: { minute: 100000, policy: 'local' } },
      { name: 'langfuse-tracing', config: { host: langfuseUrl, public_key: 'pk-lf-test', secret_key: 'sk-lf-test', flush_interval_ms: 100 } },
      { name: 'prompt-guard', config: {} },
      { name: 'pii-sanitizer', config: {} },
      { name: 'semantic-cache', config: { redis_prefix: `ai-suite:cache:${name}:${process.pid}:${Date.now()}:`, ...options.cache } },
      {
        name: 'semantic-router',
        config: {
          routes: [
            { name: 'code', utterances: ['Write a Python function', 'Fix this bug in my JavaScript', 'Explain this SQL query'], targets: ['strong'] },
            { name: 'chat', utterances: ['Tell me a joke', 'What is the capital of France?', 'Summarise this text'], targets: ['cheap'] },
          ],
        },
      },
      {
        name: 'llm-proxy',
        config: {
          ...options.proxy,
          targets: [target('cheap', 'gpt-4o-mini'), target('strong', 'gpt-4o')],
        },
      },
    ],
  };
}
