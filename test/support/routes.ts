/**
 * The declarative pieces most tests need: a POST route with plugins, llm-proxy
 * pointed at the mock provider, and the kong.yml around them.
 */
export function mockTarget(mockUrl: string, overrides: Record<string, unknown> = {}) {
  return { name: 'm', provider: 'openai', model: 'gpt-4o-mini', upstream_url: mockUrl, auth: { api_key: 'k' }, ...overrides };
}

/** llm-proxy with one OpenAI-format target on the mock (or the targets given in `config`). */
export function llmProxy(mockUrl: string, config: Record<string, unknown> = {}) {
  return { name: 'llm-proxy', config: { targets: [mockTarget(mockUrl)], ...config } };
}

export function postRoute(name: string, plugins: object[], path = `/${name}`) {
  return { name, paths: [path], methods: ['POST'], plugins };
}

/** A kong.yml with one service (its URL a placeholder: llm-proxy sends Kong's upstream request to the bridge). */
export function declarative(routes: object[], extra: Record<string, unknown> = {}) {
  return { _format_version: '3.0', services: [{ name: 'llm', url: 'http://127.0.0.1:9', routes }], ...extra };
}
