/**
 * `npm run generate`: writes the deployment files that are derived from code, so
 * they never drift: kong/kong.conf (the plugin-server lines for the Docker image)
 * and kong/konnect/<plugin>/schema.lua (Konnect control planes cannot run the
 * plugin server, so they need each plugin's schema as Lua).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';

const REPO = path.resolve(__dirname, '..', '..');

for (const [relative, content] of Object.entries(generatedFiles())) {
  const target = path.join(REPO, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  process.stdout.write(`wrote ${relative}\n`);
}
