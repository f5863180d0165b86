import type { EmbedBatch } from '../types';
import { loadUseLite } from './use-lite';
import { loadTransformers, type TransformersOptions } from './transformers';

/** The engines that run inside worker threads, by name. */
export interface LocalEngineSpec {
  engine: 'use-lite' | 'transformers';
  transformers?: TransformersOptions;
}

export function loadLocalEngine(spec: LocalEngineSpec): Promise<EmbedBatch> {
  if (spec.engine === 'use-lite') return loadUseLite();
  if (!spec.transformers) throw new Error('the transformers engine needs a model');
  return loadTransformers(spec.transformers);
}
