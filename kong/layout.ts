/**
 * Post-build step (`npm run build`): lays out dist/kong-plugins, one directory per
 * shipped plugin holding only its entry file, which is what each Kong plugin
 * server entry (and `kong-js-pluginserver -d`) points at.
 */
import path from 'node:path';
import { COMPILED_PLUGINS_DIR, DEFAULT_PLUGINS_ROOT, SHIPPED_PLUGINS } from '../plugins/suite/registry';
import { writePluginDirs } from '../plugins/suite/plugin-dirs';

writePluginDirs(
  DEFAULT_PLUGINS_ROOT,
  SHIPPED_PLUGINS.map((p) => ({ name: p.name, modulePath: path.join(COMPILED_PLUGINS_DIR, p.module) })),
);
