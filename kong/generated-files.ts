import path from 'node:path';
import { toSchemaLua } from '../schemas/schema-lua';
import type { KongField } from '../schemas/zod-to-kong';
import { COMPILED_PLUGINS_DIR, SHIPPED_PLUGINS } from '../plugins/suite/registry';
import { imageKongConf } from './deployment';

/** Every generated deployment file, by path relative to the repository root. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  if (SHIPPED_PLUGINS.length === 0) return files;
  files['kong/kong.conf'] = imageKongConf();
  for (const plugin of SHIPPED_PLUGINS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(COMPILED_PLUGINS_DIR, plugin.module)) as { Schema: KongField[] };
    files[`kong/konnect/${plugin.name}/schema.lua`] = toSchemaLua(plugin.name, mod.Schema);
  }
  return files;
}
