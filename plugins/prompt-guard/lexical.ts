import { createHash } from 'node:crypto';
import { compileConfiguredPattern } from '../core/configured-pattern';
import { MIN_REMEMBERED_CHARS, REMEMBERED_TEXTS, TextMemo } from '../core/text-memo';
import { LexicalClassifier } from './classifier';
import { guardPatternFlags, type GuardConfig } from './config';
import { builtinCorpus, type Corpus } from './corpus';
import { combine, scanHeuristics } from './heuristics';
import { looseReadings, normalizeText, unescaped } from './normalize';
import { PERSONA_WEIGHT, personaHijack } from './persona';

/** How many words the classifier needs before its score counts in full. */
const SURE_WORDS = 5;

/**
 * The guard's layers that read words and need no model: deny and allow patterns, and injection scores from the
 * heuristics and the corpus classifier. Synchronous, built from the config alone, so that a large prompt can be
 * read by the same code in a worker thread (`lexical-task.ts`) while the event loop serves other requests.
 */
export interface TextScore {
  score: number;
  weights: number[];
  signals: string[];
}

export interface LexicalReading {
  /** The first deny pattern a text matched. */
  denied?: number;
  /** There are allow patterns and none matched. */
  notAllowed?: boolean;
  /** Each scanned text's injection score (none when injection detection is off, or a pattern decided). */
  scores: TextScore[];
}

// Classifiers are trained once per distinct corpus, whichever instances ask for them.
const classifiers = new Map<string, LexicalClassifier>();

function trainedClassifier(corpus: Corpus): LexicalClassifier {
  const key = createHash('sha256').update(JSON.stringify([corpus.attacks, corpus.benign])).digest('base64');
  let clf = classifiers.get(key);
  if (!clf) {
    clf = LexicalClassifier.train(corpus.attacks, corpus.benign);
    if (classifiers.size > 32) classifiers.clear();
    classifiers.set(key, clf);
  }
  return clf;
}

/** The corpus the classifier learns from: the built-in one (or `override`, as evaluation trains on folds) and the config's own. */
export function guardCorpus(config: GuardConfig, override?: Corpus): Corpus {
  const inj = config.injection;
  const base = inj.builtin_corpus ? override ?? builtinCorpus() : { attacks: [], benign: [] };
  return { attacks: [...base.attacks, ...inj.extra_attacks], benign: [...base.benign, ...inj.extra_benign] };
}

function compilePattern(pattern: string, index: number, kind: string, caseSensitive: boolean): RegExp {
  return compileConfiguredPattern(pattern, guardPatternFlags(caseSensitive), `${kind}_patterns[${index}]`);
}

/** Views of the whole text transformed because the prompt mentions the transformation, not decoded from it. */
const WHOLE_TEXT_TRANSFORMS = new Set(['reversed', 'rot13']);

/** What a deny pattern is tried on besides the text: its decoded forms, and those of the text with its escapes decoded. */
function denyViews(text: string): string[] {
  const decoded = (source: string) => normalizeText(source).views.filter((v) => !v.via.split('+').some((step) => WHOLE_TEXT_TRANSFORMS.has(step))).map((v) => v.text);
  const plain = unescaped(text);
  const views = plain === text ? decoded(text) : [...decoded(text), ...decoded(plain)];
  return [...views, ...views.flatMap(looseReadings)];
}

export class LexicalLayers {
  private readonly deny: RegExp[];
  private readonly scored = new TextMemo<TextScore>(REMEMBERED_TEXTS);
  private readonly allow: RegExp[];
  private classifier?: LexicalClassifier;
  /** The corpus the classifier is still to be trained on (see `train`). */
  private untrained?: Corpus;

  constructor(
    private readonly config: GuardConfig,
    corpus: Corpus = guardCorpus(config),
  ) {
    this.deny = config.deny_patterns.map((p, i) => compilePattern(p, i, 'deny', config.case_sensitive));
    this.allow = config.allow_patterns.map((p, i) => compilePattern(p, i, 'allow', config.case_sensitive));
    const inj = config.injection;
    if (inj.enabled && inj.classifier_weight > 0 && corpus.attacks.length > 0 && corpus.benign.length > 0) this.untrained = corpus;
  }

  /** Trains the classifier now if it is still to be (a large extra corpus takes seconds); otherwise the first read does. */
  train(): LexicalClassifier | undefined {
    if (this.untrained) {
      this.classifier = trainedClassifier(this.untrained);
      this.untrained = undefined;
    }
    return this.classifier;
  }

  /**
   * The texts read layer by layer, stopping at the first that decides: deny patterns over `scanned` (with the tool
   * results scan_tool_results asks for: a denied phrase a tool fetched still reaches the model), allow patterns over
   * `texts`, then each scanned text's injection score.
   */
  read(texts: string[], scanned: string[]): LexicalReading {
    for (const text of scanned) {
      // A denied phrase is denied however it is written: in full-width letters, split by invisible characters, with
      // look-alikes of other scripts, encoded (the views injection detection reads; not the whole text reversed or
      // rotated, which a prompt that mentions "reverse" gets and in which any word may appear), with escapes decoded.
      const views = this.deny.length > 0 ? denyViews(text) : [];
      const i = this.deny.findIndex((re) => re.test(text) || views.some((view) => re.test(view)));
      if (i >= 0) return { denied: i, scores: [] };
    }
    if (this.allow.length > 0) {
      const joined = texts.join('\n');
      if (!this.allow.some((re) => re.test(joined))) return { notAllowed: true, scores: [] };
    }
    return { scores: this.config.injection.enabled ? scanned.map((text) => this.scoreText(text)) : [] };
  }

  /**
   * Injection score of one text from the cheap layers, remembered for long texts: a chat resends its system prompt and
   * earlier turns with each request. A copy each time, as the embedding layer adds to its weights.
   */
  scoreText(text: string): TextScore {
    if (text.length < MIN_REMEMBERED_CHARS) return this.scoreAfresh(text);
    const key = TextMemo.key(text);
    let score = this.scored.get(key);
    if (!score) this.scored.set(key, (score = this.scoreAfresh(text)));
    return { score: score.score, weights: [...score.weights], signals: [...score.signals] };
  }

  private scoreAfresh(text: string): TextScore {
    const h = scanHeuristics(text);
    const weights = h.signals.map((s) => s.weight);
    const signals = h.signals.map((s) => (s.via === 'plain' ? s.id : `${s.id}@${s.via}`));
    if (this.config.injection.block_persona && h.views.some((v) => personaHijack(v.text))) {
      weights.push(PERSONA_WEIGHT);
      signals.push('persona');
    }
    const classifier = this.train();
    if (classifier) {
      // The classifier reads the normalised text (tricks undone) whole and in windows, and decoded payloads too.
      const p = Math.max(...h.views.slice(0, 6).map((v, i) => (i === 0 ? classifier.predictWindows(v.text) : classifier.predict(v.text))));
      // A text of a few words gives the classifier too few features to be trusted alone ("Say hello" scored 0.89): its
      // weight grows with the words up to five.
      const short = Math.min(1, (h.views[0]?.text ?? text).split(/\s+/).filter(Boolean).length / SURE_WORDS);
      const w = p <= 0.5 ? 0 : Math.min(0.95, (p - 0.5) * 2 * this.config.injection.classifier_weight * short);
      if (w > 0) {
        weights.push(w);
        signals.push(`classifier:${p.toFixed(2)}`);
      }
    }
    return { score: combine(weights), weights, signals };
  }
}
