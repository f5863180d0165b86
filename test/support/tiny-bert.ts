import fs from 'node:fs';
import path from 'node:path';
import type { onnx } from 'onnx-proto';
import { FLOAT, INT64, floatTensor, int64Tensor, intAttr, modelBytes, node, valueInfo } from '../../plugins/core/embeddings/engines/onnx-builder';
import { seededRandom } from '../../plugins/core/seeded-random';

/**
 * A tiny BERT-like sentence model that @huggingface/transformers loads offline,
 * generated on the fly so tests and benchmarks need no download:
 *
 *   <dir>/<name>/config.json             model_type "bert", hidden_size 32
 *   <dir>/<name>/tokenizer.json          WordPiece (BertTokenizer), ~600 tokens
 *   <dir>/<name>/tokenizer_config.json
 *   <dir>/<name>/onnx/model.onnx         ~80 KB
 *
 * The graph stands in for an encoder with one step of "attention": every token's
 * vector is its word embedding plus its token-type embedding plus the masked
 * mean of the sentence's word embeddings, through a tanh:
 *
 *   last_hidden_state = tanh(E[input_ids] + T[token_type_ids] + 4 * mean_{mask}(E[input_ids]))
 *
 * So padded positions never leak into a sentence, mean pooling reflects the
 * words, and the [CLS] vector differs between sentences (cls pooling works).
 * E and T are seeded pseudo-random, so the model is the same on every run.
 */
export const TINY_BERT_HIDDEN = 32;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = `the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their time if will
way about many then them write would like so these her long make thing see him two has look more day could go come did
number sound no most people my over know water than call first who may down side been now find any new work part take get
place made live where after back little only round man year came show every good me give our under name very through just
form sentence great think say help low line differ turn cause much mean before move right boy old too same tell does set three
want air well also play small end put home read hand port large spell add even land here must big high such follow act why
ask men change went light kind off need house picture try us again animal point mother world near build self earth father head
stand own page should country found answer school grow study still learn plant cover food sun four between state keep eye never
last let thought city tree cross farm hard start might story saw far sea draw left late run while press close night real life
few north open seem together next white children begin got walk example ease paper group always music those both mark often
letter until mile river car feet care second book carry took science eat room friend began idea fish mountain stop once base
hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red list though feel talk bird
soon body dog family direct pose leave song measure door product black short numeral class wind question happen complete ship
area half rock order fire south problem piece told knew pass since top whole king space heard best hour better true during
hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning ten simple
several vowel toward war lay against pattern slow center love person money serve appear road map rain rule govern pull cold
notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct
able pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute strong
special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface
deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game
shape equate hot miss brought heat snow tire bring yes distant fill east paint language among price invoice refund password
account order shipping weather recipe code error server database email payment cancel subscription`.split(/\s+/);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PUNCTUATION = '.,!?;:\'"-()/&@#$%*+=';

/** The vocabulary: special tokens, then punctuation, letters, ##letters and whole words (deduplicated). */
export function tinyBertVocab(): string[] {
  const vocab = [...SPECIAL, ...PUNCTUATION, ...LETTERS, ...[...LETTERS].map((c) => `##${c}`), ...WORDS];
  return [...new Set(vocab.filter((t) => t.length > 0))];
}

/** Seeded uniform weights in [-scale, scale]. */
function randomTensor(name: string, dims: number[], random: () => number, scale: number): onnx.ITensorProto {
  const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * scale;
  return floatTensor(name, dims, values);
}

/** The ONNX model bytes (opset 13, IR version 8). */
export function tinyBertOnnx(vocabSize: number, hidden = TINY_BERT_HIDDEN, seed = 1234): Uint8Array {
  // Seeded, so the weights are identical on every run.
  const random = seededRandom(seed);
  const batchSeq = ['batch_size', 'sequence_length'];
  const graph: onnx.IGraphProto = {
    name: 'tiny_bert',
    initializer: [
      randomTensor('word_embeddings', [vocabSize, hidden], random, 1),
      randomTensor('token_type_embeddings', [2, hidden], random, 0.1),
      floatTensor('context_scale', [], Float32Array.of(4)),
      int64Tensor('axis_1', [1]),
      int64Tensor('axis_2', [2]),
    ],
    input: [valueInfo('input_ids', INT64, batchSeq), valueInfo('attention_mask', INT64, batchSeq), valueInfo('token_type_ids', INT64, batchSeq)],
    output: [valueInfo('last_hidden_state', FLOAT, [...batchSeq, hidden])],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types']),
      node('Cast', ['attention_mask'], ['mask_float'], [intAttr('to', FLOAT)]),
      node('Unsqueeze', ['mask_float', 'axis_2'], ['mask']),
      node('Mul', ['words', 'mask'], ['masked_words']),
      node('ReduceSum', ['masked_words', 'axis_1'], ['word_sum'], [intAttr('keepdims', 1)]),
      node('ReduceSum', ['mask', 'axis_1'], ['token_count'], [intAttr('keepdims', 1)]),
      node('Div', ['word_sum', 'token_count'], ['context']),
      node('Mul', ['context', 'context_scale'], ['scaled_context']),
      node('Add', ['words', 'types'], ['tokens']),
      node('Add', ['tokens', 'scaled_context'], ['mixed']),
      node('Tanh', ['mixed'], ['last_hidden_state']),
    ],
  };
  return modelBytes(graph, 13, 'ai-suite-tests');
}

function tokenizerJson(vocab: string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: ids[token], content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const cls = { SpecialToken: { id: '[CLS]', type_id: 0 } };
  const sep = (type_id: number) => ({ SpecialToken: { id: '[SEP]', type_id } });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: 128, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [cls, { Sequence: { id: 'A', type_id: 0 } }, sep(0)],
      pair: [cls, { Sequence: { id: 'A', type_id: 0 } }, sep(0), { Sequence: { id: 'B', type_id: 1 } }, sep(1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

/**
 * Writes the tiny model to `<dir>/<name>/` and returns `dir`: the directory to
 * use as the transformers engine's `model_dir`, with `name` as its `model`.
 */
export function writeTinyBertModel(dir: string, name = 'tiny-bert'): string {
  const root = path.join(dir, name);
  fs.mkdirSync(path.join(root, 'onnx'), { recursive: true });
  const vocab = tinyBertVocab();
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: TINY_BERT_HIDDEN,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 2 * TINY_BERT_HIDDEN,
    hidden_act: 'gelu',
    max_position_embeddings: 128,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
    layer_norm_eps: 1e-12,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 128,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
  fs.writeFileSync(path.join(root, 'config.json'), JSON.stringify(config, null, 2));
  fs.writeFileSync(path.join(root, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2));
  fs.writeFileSync(path.join(root, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  fs.writeFileSync(path.join(root, 'onnx', 'model.onnx'), tinyBertOnnx(vocab.length));
  return dir;
}
