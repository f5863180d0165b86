import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../../kong/generated-files';
import { REPO } from '../support/paths';

describe('generated deployment files', () => {
  it('are committed as `npm run generate` writes them (kong.conf, Konnect schema.lua)', () => {
    for (const [relative, content] of Object.entries(generatedFiles())) {
      const committed = fs.readFileSync(path.join(REPO, relative), 'utf8');
      expect({ file: relative, content: committed }).toEqual({ file: relative, content });
    }
  });
});
