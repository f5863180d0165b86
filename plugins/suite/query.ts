import path from 'node:path';
import { loadPluginServer } from './serve';

/**
 * What `kong-js-pluginserver -d <dir> --dump-all-plugins` prints for one plugin
 * directory: a JSON array of plugin infos, one line, nothing else on stdout.
 */
export async function queryPlugin(pluginsRoot: string, name: string): Promise<string> {
  const { server, name: loaded } = loadPluginServer(path.join(pluginsRoot, name));
  return JSON.stringify([await server.GetPluginInfo(loaded)]) + '\n';
}
