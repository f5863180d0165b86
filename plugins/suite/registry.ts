import path from 'node:path';

/**
 * The plugins the suite ships, by Kong plugin name, with the compiled module that
 * defines each. The build writes one plugin directory per entry (Kong 3.9+
 * registers only the first plugin of a plugin server), and the suite process
 * serves one socket per entry.
 */
export interface ShippedPlugin {
  name: string;
  /** Path of the compiled module, relative to dist/plugins. */
  module: string;
}

export const SHIPPED_PLUGINS: readonly ShippedPlugin[] = [
  { name: 'langfuse-tracing', module: 'langfuse-tracing/index.js' },
  { name: 'prompt-guard', module: 'prompt-guard/index.js' },
  { name: 'pii-sanitizer', module: 'pii-sanitizer/index.js' },
  { name: 'semantic-router', module: 'semantic-router/index.js' },
  { name: 'semantic-cache', module: 'semantic-cache/index.js' },
  { name: 'llm-proxy', module: 'llm-proxy/index.js' },
];

/** dist/plugins, where the compiled plugin modules live. */
export const COMPILED_PLUGINS_DIR = path.resolve(__dirname, '..');

/** dist/kong-plugins: one directory per plugin, holding only its entry file. */
export const DEFAULT_PLUGINS_ROOT = path.resolve(__dirname, '..', '..', 'kong-plugins');
