import type { onnx } from 'onnx-proto';
import { FLOAT, INT64, floatAttr, floatTensor, int64Tensor, intAttr, intsAttr, modelBytes, node, valueInfo } from './onnx-builder';

/**
 * USE-lite's encoder rewritten as an ONNX graph, so ONNX Runtime runs it (its
 * matrix kernels are about four times faster than TensorFlow.js' WASM ones on
 * one core). The weights are the very tensors of the TensorFlow.js model; the
 * graph is the same computation with the padding bookkeeping replaced by masks:
 *
 *   x    = 2·E[ids] + timing(positions)                       (256 wide)
 *   h    = attention₀(LN(x)) + x·D + d                        (4 heads of 64, then 512 wide)
 *   x    = h + FFN₀(LN(h))                                    (512 → 1536 → 512, ReLU)
 *   h    = attention₁(LN(x)) + x                              (4 heads of 128)
 *   x    = h + FFN₁(LN(h))
 *   out  = l2normalize(tanh(masked_mean(x)·T + t))
 *
 * Inputs: `ids` int64 [batch, tokens] (padded with 0), `mask` float [batch, tokens],
 * `positions` float [tokens, 1]. Output: `embedding` float [batch, 512].
 */
export interface WeightTensor {
  dims: number[];
  data: Float32Array;
}

const KONA = 'module_apply_default/Encoder_en/KonaTransformer/';
const STACK = `${KONA}Encode/TransformerStack/`;
const LAYER = (l: number) => `${KONA}Encode/Layer_${l}/TransformerLayer/`;
const KERNEL = (l: number, part: string) => `module/Encoder_en/KonaTransformer/Encode/Layer_${l}/TransformerLayer/MultiheadAttention/${part}/kernel/part_0`;

/** The TensorFlow.js weight names the graph reads, by role. */
export function useLiteWeightNames(): Record<string, string> {
  const names: Record<string, string> = {
    embeddings: 'module/Embeddings_en',
    inv_timescales: `${STACK}Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`,
    tanh_w: 'module/Encoder_en/hidden_layers/tanh_layer_0/weights',
    tanh_b: 'module/Encoder_en/hidden_layers/tanh_layer_0/bias',
    residual_w: `${LAYER(0)}dense/kernel/ConcatPartitions/concat`,
    residual_b: `${LAYER(0)}dense/bias/ConcatPartitions/concat`,
  };
  for (const l of [0, 1]) {
    const norm = (where: string, what: string) => `${LAYER(l)}${where}layer_prepostprocess/layer_norm/layer_norm_${what}/ConcatPartitions/concat`;
    Object.assign(names, {
      [`l${l}_ln1_scale`]: norm('', 'scale'),
      [`l${l}_ln1_bias`]: norm('', 'bias'),
      [`l${l}_qkv_w`]: KERNEL(l, 'qkv_transform_single'),
      [`l${l}_qkv_b`]: `${LAYER(l)}MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`,
      [`l${l}_out_w`]: KERNEL(l, 'output_transform_single'),
      [`l${l}_out_b`]: `${LAYER(l)}MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`,
      [`l${l}_ln2_scale`]: norm('FFN/', 'scale'),
      [`l${l}_ln2_bias`]: norm('FFN/', 'bias'),
      [`l${l}_ffn1_w`]: `${STACK}Layer_${l}/TransformerLayer/FFN/conv1/Tensordot/Reshape_1`,
      [`l${l}_ffn1_b`]: `${LAYER(l)}FFN/conv1/bias/ConcatPartitions/concat`,
      [`l${l}_ffn2_w`]: `${STACK}Layer_${l}/TransformerLayer/FFN/conv2/Tensordot/Reshape_1`,
      [`l${l}_ffn2_b`]: `${LAYER(l)}FFN/conv2/bias/ConcatPartitions/concat`,
    });
  }
  return names;
}

const HEADS = 4;

/** The ONNX model bytes for the given weights (by role, as useLiteWeightNames lists them). */
export function useLiteOnnx(weights: Record<string, WeightTensor>): Uint8Array {
  const initializer: onnx.ITensorProto[] = [];
  const nodes: onnx.INodeProto[] = [];
  const float = (name: string, dims: number[], data: Float32Array) => initializer.push(floatTensor(name, dims, data));
  const int64 = (name: string, values: number[]) => initializer.push(int64Tensor(name, values));
  const weight = (role: string, dims?: number[]) => {
    const w = weights[role];
    if (!w) throw new Error(`USE-lite weight missing: ${role}`);
    float(role, dims ?? w.dims, w.data);
    return role;
  };
  const width = (role: string) => weights[role]!.dims.at(-1)!;
  let n = 0;
  const add = (opType: string, input: string[], attribute: onnx.IAttributeProto[] = []) => {
    const out = `${opType.toLowerCase()}_${n++}`;
    nodes.push(node(opType, input, [out], attribute));
    return out;
  };
  const dense = (x: string, w: string, b: string) => add('Add', [add('MatMul', [x, w]), b]);
  const layerNorm = (x: string, l: number, which: 'ln1' | 'ln2') =>
    add('LayerNormalization', [x, weight(`l${l}_${which}_scale`), weight(`l${l}_${which}_bias`)], [intAttr('axis', -1), floatAttr('epsilon', 1e-6)]);

  int64('heads_split', [0, 0, HEADS, -1]);
  int64('heads_join', [0, 0, -1]);
  int64('axis_1', [1]);
  int64('axis_2', [2]);
  int64('axes_1_2', [1, 2]);
  float('two', [], Float32Array.of(2));
  float('big_negative', [], Float32Array.of(-1e9));
  float('one', [], Float32Array.of(1));
  float('tiny', [], Float32Array.of(1e-12));

  // Padding: a key position outside the text gets -1e9 before the softmax.
  const keyBias = add('Unsqueeze', [add('Mul', [add('Sub', ['one', 'mask']), 'big_negative']), 'axes_1_2']);

  const attention = (x: string, l: number) => {
    const qkvRole = `l${l}_qkv_w`;
    const inWidth = weights[qkvRole]!.dims[2]!;
    const qkv = dense(x, weight(qkvRole, [inWidth, width(qkvRole)]), weight(`l${l}_qkv_b`));
    const split = width(qkvRole) / 3;
    const parts = ['q', 'k', 'v'].map((p) => `${p}_${l}`);
    int64(`split_${l}`, [split, split, split]);
    nodes.push(node('Split', [qkv, `split_${l}`], parts, [intAttr('axis', -1)]));
    const heads = (t: string) => add('Transpose', [add('Reshape', [t, 'heads_split'])], [intsAttr('perm', [0, 2, 1, 3])]);
    float(`scale_${l}`, [], Float32Array.of(1 / Math.sqrt(split / HEADS)));
    const q = add('Mul', [heads(parts[0]!), `scale_${l}`]);
    const kT = add('Transpose', [add('Reshape', [parts[1]!, 'heads_split'])], [intsAttr('perm', [0, 2, 3, 1])]);
    const weightsOfKeys = add('Softmax', [add('Add', [add('MatMul', [q, kT]), keyBias])], [intAttr('axis', -1)]);
    const mixed = add('MatMul', [weightsOfKeys, heads(parts[2]!)]);
    const joined = add('Reshape', [add('Transpose', [mixed], [intsAttr('perm', [0, 2, 1, 3])]), 'heads_join']);
    const outRole = `l${l}_out_w`;
    return dense(joined, weight(outRole, [weights[outRole]!.dims[2]!, width(outRole)]), weight(`l${l}_out_b`));
  };
  const feedForward = (x: string, l: number) =>
    dense(add('Relu', [dense(x, weight(`l${l}_ffn1_w`), weight(`l${l}_ffn1_b`))]), weight(`l${l}_ffn2_w`), weight(`l${l}_ffn2_b`));

  // Embedding and timing signal (sin and cos of position × inverse timescale).
  const embedded = add('Gather', [weight('embeddings'), 'ids']);
  const angles = add('Mul', ['positions', weight('inv_timescales')]);
  const timing = add('Concat', [add('Sin', [angles]), add('Cos', [angles])], [intAttr('axis', -1)]);
  let x = add('Add', [add('Mul', [embedded, 'two']), timing]);

  // Layer 0 widens 256 → 512, so its residual goes through a dense projection.
  let h = add('Add', [attention(layerNorm(x, 0, 'ln1'), 0), dense(x, weight('residual_w'), weight('residual_b'))]);
  x = add('Add', [h, feedForward(layerNorm(h, 0, 'ln2'), 0)]);
  h = add('Add', [attention(layerNorm(x, 1, 'ln1'), 1), x]);
  x = add('Add', [h, feedForward(layerNorm(h, 1, 'ln2'), 1)]);

  // Mean over the text's own tokens, then the tanh layer and L2 normalisation.
  const mask3 = add('Unsqueeze', ['mask', 'axis_2']);
  const summed = add('ReduceSum', [add('Mul', [x, mask3]), 'axis_1'], [intAttr('keepdims', 0)]);
  const count = add('Max', [add('ReduceSum', ['mask', 'axis_1'], [intAttr('keepdims', 1)]), 'one']);
  const pooled = add('Div', [summed, count]);
  const tanh = add('Tanh', [dense(pooled, weight('tanh_w'), weight('tanh_b'))]);
  const norm = add('Sqrt', [add('Max', [add('ReduceSum', [add('Mul', [tanh, tanh]), 'axis_1'], [intAttr('keepdims', 1)]), 'tiny'])]);
  nodes.push(node('Div', [tanh, norm], ['embedding']));

  const graph: onnx.IGraphProto = {
    name: 'use_lite',
    initializer,
    node: nodes,
    input: [valueInfo('ids', INT64, ['batch', 'tokens']), valueInfo('mask', FLOAT, ['batch', 'tokens']), valueInfo('positions', FLOAT, ['tokens', 1])],
    output: [valueInfo('embedding', FLOAT, ['batch', width('tanh_w')])],
  };
  return modelBytes(graph, 17, 'ai-suite');
}
