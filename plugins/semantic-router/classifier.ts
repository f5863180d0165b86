/**
 * The small learners the router trains in-process when an instance starts:
 * a multinomial logistic regression on the utterance embeddings (which route),
 * and a one-feature logistic fit (Platt scaling) that turns a similarity
 * difference into a probability (cost-aware mode). Plain loops over typed
 * arrays: a few routes train in milliseconds, 150 routes of 10 utterances in
 * a few seconds (in the background, yielding to the event loop).
 */

import { seededRandom, shuffleInPlace } from '../core/seeded-random';

export interface LinearModel {
  classes: number;
  dim: number;
  /** classes × dim, row-major. */
  weights: Float32Array;
  bias: Float32Array;
  /** Inputs are multiplied by this before the linear layer (unit vectors are too small for fast training). */
  scale: number;
}

export interface TrainOptions {
  /** Passes over the data; default: as many as fit in `budget` multiply-adds, between 10 and 30. */
  epochs?: number;
  budget?: number;
  learningRate?: number;
  batchSize?: number;
  l2?: number;
  scale?: number;
  /** Initial weights are the class centroids times this (on unscaled inputs). */
  init?: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Softmax regression by mini-batch gradient descent with L2, started from the
 * class centroids. It yields to the event loop after every mini-batch (a few
 * milliseconds), so training 150 routes never stalls the plugin server.
 */
export async function trainSoftmax(
  vectors: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  centroids: readonly Float32Array[],
  options: TrainOptions = {},
): Promise<LinearModel> {
  const n = vectors.length;
  const dim = vectors[0]?.length ?? 0;
  const work = Math.max(1, n * classes * dim);
  const epochs = options.epochs ?? Math.min(30, Math.max(10, Math.round((options.budget ?? 1.2e9) / work)));
  const lr = options.learningRate ?? 0.3;
  const l2 = options.l2 ?? 1e-3;
  const scale = options.scale ?? 30;
  const batchSize = options.batchSize ?? 64;
  // Weights are kept pre-multiplied by `scale` (W·(scale·x) = (scale·W)·x).
  const W = new Float64Array(classes * dim);
  const init = (options.init ?? 0.3) * scale;
  for (let c = 0; c < classes; c++) for (let j = 0; j < dim; j++) W[c * dim + j] = init * (centroids[c]?.[j] ?? 0);
  const b = new Float64Array(classes);
  const gradW = new Float64Array(classes * dim);
  const gradB = new Float64Array(classes);
  const p = new Float64Array(classes);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  // Seeded, so that a config always trains the same model.
  const random = seededRandom(n * 31 + classes);
  const step = lr * scale * scale;
  for (let epoch = 0; epoch < epochs && classes > 1; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const size = end - start;
      gradW.fill(0);
      gradB.fill(0);
      for (let k = start; k < end; k++) {
        const i = order[k]!;
        const x = vectors[i]!;
        let max = -Infinity;
        for (let c = 0; c < classes; c++) {
          let z = b[c]!;
          const row = c * dim;
          for (let j = 0; j < dim; j++) z += W[row + j]! * x[j]!;
          p[c] = z;
          if (z > max) max = z;
        }
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += p[c] = Math.exp(p[c]! - max);
        for (let c = 0; c < classes; c++) {
          const g = (p[c]! / sum - (labels[i] === c ? 1 : 0)) / size;
          if (Math.abs(g) < 1e-7) continue;
          gradB[c]! += g;
          const row = c * dim;
          for (let j = 0; j < dim; j++) gradW[row + j]! += g * x[j]!;
        }
      }
      for (let k = 0; k < W.length; k++) W[k]! -= step * gradW[k]! + lr * l2 * W[k]!;
      for (let c = 0; c < classes; c++) b[c]! -= lr * gradB[c]!;
      await yieldToLoop();
    }
  }
  return { classes, dim, weights: Float32Array.from(W), bias: Float32Array.from(b), scale };
}

/** Class probabilities for one (unit) vector. */
export function predictSoftmax(model: LinearModel, x: Float32Array): Float64Array {
  const { classes, dim, weights, bias } = model;
  const out = new Float64Array(classes);
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    let z = bias[c]!;
    const row = c * dim;
    for (let j = 0; j < dim; j++) z += weights[row + j]! * x[j]!;
    out[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < classes; c++) out[c]! /= sum;
  return out;
}

export interface Platt {
  a: number;
  b: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Fits p(y=1|s) = sigmoid(a·s + b) by Newton steps, with a light prior on a (separable sets stay finite). */
export function fitPlatt(scores: readonly number[], labels: readonly boolean[], prior = 0.01): Platt {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let ga = prior * a;
    let gb = 0;
    let haa = prior;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = sigmoid(a * s + b);
      const r = p - (labels[i] ? 1 : 0);
      const w = p * (1 - p);
      ga += r * s;
      gb += r;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  return { a, b };
}
