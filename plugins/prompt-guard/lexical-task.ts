import { offThreadTask } from '../core/off-thread/task';
import type { GuardConfig } from './config';
import type { Corpus } from './corpus';
import { guardCorpus, LexicalLayers, type LexicalReading } from './lexical';

/** The guard's lexical layers in a worker thread, for prompts too large to read on the event loop. */
export interface LexicalSetup {
  config: GuardConfig;
  /** Replaces the built-in corpus (evaluation trains on folds). */
  corpus?: Corpus;
}

export const task = offThreadTask(__filename, ({ config, corpus }: LexicalSetup) => {
  const layers = new LexicalLayers(config, guardCorpus(config, corpus));
  return ({ texts, scanned }: { texts: string[]; scanned: string[] }): LexicalReading => layers.read(texts, scanned);
});
