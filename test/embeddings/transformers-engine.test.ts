import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cosine, embeddingConfigSchema, getEmbedder } from '../../plugins/core/embeddings';
import { runShutdownHooks } from '../../plugins/core/lifecycle';
import { TINY_BERT_HIDDEN, writeTinyBertModel } from '../support/tiny-bert';

/**
 * The `transformers` engine end to end: a tiny BERT generated on the fly, loaded
 * by @huggingface/transformers inside the real embedding worker pool.
 */
process.env.AI_SUITE_EMBED_WORKERS = '1';

let tmp: string;
let modelDir: string;

function config(model: string, pooling: 'mean' | 'cls' = 'mean', dir = modelDir) {
  return embeddingConfigSchema.parse({ engine: 'transformers', model, model_dir: dir, allow_remote_models: false, pooling, timeout_ms: 5000 });
}

function norm(v: Float32Array): number {
  return Math.sqrt(cosine(v, v));
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

const WEATHER = 'the weather is nice today';
const WEATHER_PLUS = 'the weather is nice today please';
const UNRELATED = 'cancel my subscription and refund the invoice';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-bert-'));
  modelDir = writeTinyBertModel(tmp);
  // The same weights under a second name: a second, independent embedder (own worker, own memo).
  writeTinyBertModel(tmp, 'tiny-bert-copy');
});

afterAll(async () => {
  await runShutdownHooks(5000);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('tiny BERT fixture', () => {
  test('writes config, tokenizer and a small ONNX graph, and returns the model_dir', () => {
    expect(modelDir).toBe(tmp);
    const root = path.join(tmp, 'tiny-bert');
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) expect(fs.existsSync(path.join(root, f))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'config.json'), 'utf8'))).toMatchObject({ model_type: 'bert', hidden_size: TINY_BERT_HIDDEN });
    const bytes = listFiles(root).reduce((sum, f) => sum + (fs.statSync(path.join(root, f)).isFile() ? fs.statSync(path.join(root, f)).size : 0), 0);
    expect(bytes).toBeLessThan(300_000);
  });
});

describe('transformers engine, mean pooling', () => {
  const embedder = () => getEmbedder(config('tiny-bert', 'mean'));

  test('loads in the worker pool and returns unit vectors of the hidden size', async () => {
    const e = embedder();
    expect(e.engine).toBe('transformers');
    expect(e.id).toBe('transformers:tiny-bert:mean');
    await expect(e.ready()).resolves.toBeUndefined();
    const v = await e.embed('hello world');
    // Structured-cloned from the worker, so compare the tag, not the (jest realm's) constructor.
    expect(Object.prototype.toString.call(v)).toBe('[object Float32Array]');
    expect(v.length).toBe(TINY_BERT_HIDDEN);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  test('identical texts give identical vectors across independent workers, also when padded in a batch', async () => {
    const a = await embedder().embed(WEATHER);
    // Another embedder (its own worker and memo) embeds the text inside a batch with longer texts.
    const copy = getEmbedder(config('tiny-bert-copy', 'mean'));
    const [, b] = await copy.embedMany([UNRELATED, WEATHER, `${UNRELATED} ${UNRELATED} with many more words to pad`]);
    expect(b).not.toBe(a);
    expect(b!.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(b![i]).toBeCloseTo(a[i]!, 5);
  });

  test('different texts give different vectors; one extra word stays closer than an unrelated text', async () => {
    const [weather, plus, unrelated, hello] = await embedder().embedMany([WEATHER, WEATHER_PLUS, UNRELATED, 'hello world']);
    for (const v of [weather, plus, unrelated, hello]) expect(norm(v!)).toBeCloseTo(1, 5);
    expect(cosine(weather!, unrelated!)).toBeLessThan(0.99);
    expect(cosine(weather!, hello!)).toBeLessThan(0.99);
    expect(cosine(weather!, plus!)).toBeLessThan(0.9999);
    expect(cosine(weather!, plus!)).toBeGreaterThan(cosine(weather!, unrelated!));
  });
});

describe('transformers engine, cls pooling', () => {
  test('loads and embeds with the [CLS] vector', async () => {
    const e = getEmbedder(config('tiny-bert', 'cls'));
    expect(e.id).toBe('transformers:tiny-bert:cls');
    await e.ready();
    const [weather, plus, unrelated] = await e.embedMany([WEATHER, WEATHER_PLUS, UNRELATED]);
    for (const v of [weather, plus, unrelated]) {
      expect(v!.length).toBe(TINY_BERT_HIDDEN);
      expect(norm(v!)).toBeCloseTo(1, 5);
    }
    expect(cosine(weather!, unrelated!)).toBeLessThan(0.99);
    expect(cosine(weather!, plus!)).toBeGreaterThan(cosine(weather!, unrelated!));
    // Not the same vectors as mean pooling of the same model.
    const mean = await getEmbedder(config('tiny-bert', 'mean')).embed(WEATHER);
    expect(cosine(weather!, mean)).toBeLessThan(0.9999);
  });
});

describe('transformers engine, missing model with remote loading off', () => {
  const transformersCache = path.join(path.dirname(require.resolve('@huggingface/transformers')), '..', '.cache');

  test('ready() and embed() reject with an error naming the engine and the path looked for; nothing is downloaded', async () => {
    const before = listFiles(tmp);
    const e = getEmbedder(config('missing-model'));
    const ready = e.ready().then(
      () => 'resolved',
      (err: Error) => err.message,
    );
    const message = await ready;
    expect(message).toMatch(/embedding engine transformers failed to load/);
    expect(message).toContain(path.join(tmp, 'missing-model'));
    expect(message).toMatch(/remote model loading is off/);
    await expect(e.embed('hello')).rejects.toThrow(/transformers/);
    expect(listFiles(tmp)).toEqual(before);
    expect(fs.existsSync(path.join(transformersCache, 'missing-model'))).toBe(false);
  });

  test('a model directory without its ONNX file names the missing file', async () => {
    const broken = path.join(tmp, 'broken');
    writeTinyBertModel(broken);
    fs.rmSync(path.join(broken, 'tiny-bert', 'onnx', 'model.onnx'));
    const e = getEmbedder(config('tiny-bert', 'mean', broken));
    await expect(e.ready()).rejects.toThrow(path.join(broken, 'tiny-bert', 'onnx', 'model.onnx'));
  });

  test('no model_dir and no AI_SUITE_MODEL_DIR says so', async () => {
    const saved = process.env.AI_SUITE_MODEL_DIR;
    delete process.env.AI_SUITE_MODEL_DIR;
    try {
      const e = getEmbedder(embeddingConfigSchema.parse({ engine: 'transformers', model: 'tiny-bert' }));
      await expect(e.ready()).rejects.toThrow(/no model_dir is set.*remote model loading is off/);
    } finally {
      if (saved !== undefined) process.env.AI_SUITE_MODEL_DIR = saved;
    }
  });
});
