import deepset from './deepset.json';
import anchors from './anchors.json';

/**
 * The built-in corpus the injection classifier learns from when an instance
 * starts: known injections and the benign prompts beside them from deepset's
 * prompt-injections set (Apache-2.0, see NOTICE), plus anchors written for
 * this project (honest prompts with trigger words, and generic attack shapes).
 */
export interface Corpus {
  attacks: string[];
  benign: string[];
}

export function builtinCorpus(): Corpus {
  return {
    attacks: [...deepset.attacks, ...anchors.attacks],
    benign: [...deepset.benign, ...anchors.benign],
  };
}

/** Only the project's own anchors (evaluation trains on these plus the folds it may see). */
export function anchorCorpus(): Corpus {
  return { attacks: [...anchors.attacks], benign: [...anchors.benign] };
}
