import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes one plugin directory per plugin, holding only a one-line entry file that
 * requires the compiled module. kong-pdk loads every file of a plugin directory
 * as a plugin, so the module's helpers cannot live there; and one directory per
 * plugin is what `kong-js-pluginserver -d <dir>` and Kong 3.9+ need.
 */
export interface PluginEntry {
  name: string;
  modulePath: string;
  /** When one module defines several plugins, the export that holds this one. */
  exportName?: string;
}

export function writePluginDirs(root: string, plugins: ReadonlyArray<PluginEntry>): void {
  fs.mkdirSync(root, { recursive: true });
  const wanted = new Set(plugins.map((p) => p.name));
  for (const stale of fs.readdirSync(root)) {
    if (!wanted.has(stale)) fs.rmSync(path.join(root, stale), { recursive: true, force: true });
  }
  for (const plugin of plugins) {
    const dir = path.join(root, plugin.name);
    fs.mkdirSync(dir, { recursive: true });
    const relative = path.relative(dir, plugin.modulePath).split(path.sep).join('/');
    const target = relative.startsWith('.') ? relative : `./${relative}`;
    const member = plugin.exportName ? `[${JSON.stringify(plugin.exportName)}]` : '';
    fs.writeFileSync(
      path.join(dir, `${plugin.name}.js`),
      `'use strict';\nmodule.exports = require(${JSON.stringify(target)})${member};\n`,
    );
  }
}

/** The plugin directories under a root, by plugin name (the directory name), sorted. */
export function listPluginDirs(root: string): Array<{ name: string; dir: string }> {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, dir: path.join(root, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
