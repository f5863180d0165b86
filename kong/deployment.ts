import { SHIPPED_PLUGINS } from '../plugins/suite/registry';
import { renderKongConf } from './conf';

/** Where the suite lives inside the Kong image built by kong/Dockerfile. */
export const IMAGE_PATHS = {
  prefix: '/usr/local/kong',
  node: '/usr/local/bin/node',
  home: '/opt/kong-ai-suite',
};

/** The kong.conf shipped in kong/kong.conf for the Docker image (and checked in a test to stay in sync). */
export function imageKongConf(): string {
  return renderKongConf({
    prefix: IMAGE_PATHS.prefix,
    node: IMAGE_PATHS.node,
    suiteMain: `${IMAGE_PATHS.home}/dist/plugins/suite/main.js`,
    pluginsRoot: `${IMAGE_PATHS.home}/dist/kong-plugins`,
    plugins: SHIPPED_PLUGINS.map((p) => p.name),
    extra: {
      database: 'off',
      declarative_config: '/kong/kong.yml',
      proxy_listen: '0.0.0.0:8000',
      admin_listen: '0.0.0.0:8001',
    },
  });
}
