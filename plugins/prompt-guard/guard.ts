import { performance } from 'node:perf_hooks';
import { cosine, getEmbedder, topKMean, type Embedder } from '../core/embeddings';
import { offThreadAbove, offThreadPool, preparedSetup, type PreparedSetup } from '../core/off-thread/pool';
import { textForRemoteEmbedding } from './remote-embedding-text';
import { estimateTokens, promptText } from '../core/bridge/accounting';
import type { GuardConfig } from './config';
import type { Corpus } from './corpus';
import { extractTexts } from './extract';
import { combine } from './heuristics';
import { guardCorpus, LexicalLayers, type LexicalReading } from './lexical';
import { task as lexicalTask, type LexicalSetup } from './lexical-task';
import { unreadableMessage, unreadableParts, unreadableRule } from './unreadable-parts';

/**
 * The guard's decision for one request body, layer by layer, cheapest first:
 * size limits, deny and allow patterns, injection detection (heuristics on
 * every decoded view of the text, the corpus classifier, optionally embedding
 * similarity as a margin over benign anchors), then semantic topics. The first
 * layer that objects decides. Parts the guard cannot read (injection.unreadable_parts) are refused after the limits
 * (block), or recorded when no layer objects (flag). Everything here is per instance and immutable
 * after start; nothing about a request is kept.
 */
export type Layer = 'limits' | 'rules' | 'injection' | 'topics';

export interface Verdict {
  verdict: 'allow' | 'block' | 'flag';
  layer?: Layer;
  /** Internal name of what matched (pattern index, topic name, signal ids); logs and traces only. */
  rule?: string;
  /** Injection score (0..1) or topic similarity, whichever layer decided; the highest injection score otherwise. */
  score: number;
  signals?: string[];
  /** What a blocked client is told after block_message: only which kind of part the guard cannot read (see unreadable-parts). */
  message?: string;
  ms: number;
}

export interface GuardOptions {
  /** Replaces the built-in corpus (evaluation trains on folds). */
  corpus?: Corpus;
  embedder?: Embedder;
}

const EMBED_MARGIN_FLOOR = 0.05;
const TOP_K = 3;

interface Topic {
  name: string;
  threshold: number;
  vectors: Float32Array[];
}

export class Guard {
  private readonly lexical: LexicalLayers;
  /** The lexical layers' setup, for reading a large prompt in a worker thread. */
  private readonly lexicalSetup: PreparedSetup<LexicalSetup>;
  private readonly embedder?: Embedder;
  /** The text as the embedder may see it (see remote-embedding-text). */
  private readonly embeddable: (text: string) => string;
  private readonly prepared: Promise<{ deny: Topic[]; allow: Topic[]; attacks: Float32Array[]; benign: Float32Array[] }>;

  constructor(
    private readonly config: GuardConfig,
    options: GuardOptions = {},
  ) {
    const corpus = guardCorpus(config, options.corpus);
    this.lexical = new LexicalLayers(config, corpus);
    this.lexicalSetup = preparedSetup(lexicalTask, { config, corpus: options.corpus });
    // Trained just after the instance starts, not while Kong waits for its id: a large extra corpus takes seconds,
    // and Kong skips a plugin for requests that wait over 10 s on an instance another request is starting.
    setImmediate(() => {
      try {
        this.lexical.train();
      } catch {
        /* trained again, and failing, on the first request */
      }
    }).unref();
    const inj = config.injection;
    const needsEmbeddings = config.deny_topics.length > 0 || config.allow_topics.length > 0 || (inj.enabled && inj.embedding_similarity);
    if (needsEmbeddings) this.embedder = options.embedder ?? getEmbedder(config.embedding);
    this.embeddable = config.embedding.engine === 'openai' ? textForRemoteEmbedding : (text) => text;
    this.prepared = this.prepare(corpus);
    // A failure surfaces on the first request (and blocks it unless on_error is pass), never as an unhandled rejection.
    this.prepared.catch(() => undefined);
  }

  /** Resolves when topic examples (and corpus vectors, if used) are embedded. */
  async ready(): Promise<void> {
    await this.prepared;
  }

  private async prepare(corpus: Corpus) {
    const embedder = this.embedder;
    if (!embedder) return { deny: [], allow: [], attacks: [], benign: [] };
    await embedder.ready();
    const topics = (list: GuardConfig['deny_topics']) =>
      Promise.all(list.map(async (t) => ({ name: t.name, threshold: t.threshold ?? this.config.topic_threshold, vectors: await embedder.embedMany(t.examples) })));
    const useCorpus = this.config.injection.enabled && this.config.injection.embedding_similarity;
    return {
      deny: await topics(this.config.deny_topics),
      allow: await topics(this.config.allow_topics),
      attacks: useCorpus ? await embedder.embedMany(corpus.attacks) : [],
      benign: useCorpus ? await embedder.embedMany(corpus.benign) : [],
    };
  }

  private readLexically(texts: string[], scanned: string[]): Promise<LexicalReading> | LexicalReading {
    const chars = scanned.reduce((n, text) => n + text.length, 0);
    if (chars < offThreadAbove()) return this.lexical.read(texts, scanned);
    return offThreadPool().run(lexicalTask, this.lexicalSetup, { texts, scanned });
  }

  async evaluate(body: Record<string, unknown>): Promise<Verdict> {
    const started = performance.now();
    const done = (v: Omit<Verdict, 'ms' | 'verdict'>, hit: boolean): Verdict => ({
      verdict: hit ? (this.config.action === 'flag' ? 'flag' : 'block') : 'allow',
      ...v,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    });
    const cfg = this.config;
    const { texts, toolTexts, messageCount, totalChars, beyondContent, scannedMessages } = extractTexts(body, cfg);
    const unreadable = cfg.injection.unreadable_parts === 'pass' ? [] : unreadableParts(scannedMessages, cfg.injection.unreadable_part_kinds);

    // 1. Size limits.
    if (cfg.max_messages !== undefined && messageCount > cfg.max_messages) return done({ layer: 'limits', rule: 'max_messages', score: 1 }, true);
    if (cfg.max_prompt_chars !== undefined && totalChars > cfg.max_prompt_chars) return done({ layer: 'limits', rule: 'max_prompt_chars', score: 1 }, true);
    if (cfg.max_prompt_tokens !== undefined && estimateTokens([promptText(body), ...beyondContent].join('\n')) > cfg.max_prompt_tokens) return done({ layer: 'limits', rule: 'max_prompt_tokens', score: 1 }, true);

    // Parts the guard reads no words from (a PDF, a file_id, audio), refused as an injection is with unreadable_parts:
    // block, before any text is read; with flag, recorded at the end when nothing else objects.
    const unread = unreadable.length > 0 ? { layer: 'injection' as const, rule: unreadableRule(unreadable), signals: unreadable.map((p) => p.label) } : undefined;
    if (unread && cfg.injection.unreadable_parts === 'block') return done({ ...unread, score: 1, message: unreadableMessage(unreadable) }, true);

    // 2. Deny and allow patterns, and 3. injection and jailbreak detection: their lexical part read here, or for a
    // large prompt in a worker thread, so that reading it holds no other request.
    const scanned = [...texts.map((t) => t.text), ...toolTexts];
    const reading = await this.readLexically(texts.map((t) => t.text), scanned);
    if (reading.denied !== undefined) return done({ layer: 'rules', rule: `deny_patterns[${reading.denied}]`, score: 1 }, true);
    if (reading.notAllowed) return done({ layer: 'rules', rule: 'allow_patterns', score: 1 }, true);
    let injectionScore = 0;
    if (cfg.injection.enabled) {
      const scored = scanned.map((text, i) => ({ text, ...reading.scores[i]! }));
      if (cfg.injection.embedding_similarity && scored.length > 0) {
        const { attacks, benign } = await this.prepared;
        for (const s of scored) {
          if (s.score >= cfg.injection.threshold) continue;
          const v = await this.embedder!.embed(this.embeddable(s.text));
          const margin = topKMean(v, attacks, TOP_K) - topKMean(v, benign, TOP_K);
          if (margin > EMBED_MARGIN_FLOOR) {
            s.weights.push(Math.min(0.9, (margin - EMBED_MARGIN_FLOOR) * cfg.injection.embedding_weight));
            s.signals.push(`embedding_margin:${margin.toFixed(2)}`);
            s.score = combine(s.weights);
          }
        }
      }
      const worst = scored.reduce<(typeof scored)[number] | undefined>((a, b) => (a && a.score >= b.score ? a : b), undefined);
      injectionScore = worst?.score ?? 0;
      if (worst && worst.score >= cfg.injection.threshold) {
        return done({ layer: 'injection', rule: worst.signals.map((s) => s.split('@')[0]!.split(':')[0]).join(','), score: round(worst.score), signals: worst.signals }, true);
      }
    }

    // 4. Semantic topics. With allowed topics, a request with no text to judge (an image alone, a system prompt alone)
    // is on none of them, as it matches no allowed pattern.
    if (cfg.allow_topics.length > 0 && texts.length === 0) return done({ layer: 'topics', rule: 'allow_topics', score: 0 }, true);
    if ((cfg.deny_topics.length > 0 || cfg.allow_topics.length > 0) && texts.length > 0) {
      const { deny, allow } = await this.prepared;
      const vectors = await this.embedder!.embedMany(texts.map((t) => this.embeddable(t.text)));
      for (const topic of deny) {
        let best = 0;
        for (const v of vectors) for (const e of topic.vectors) best = Math.max(best, cosine(v, e));
        if (best >= topic.threshold) return done({ layer: 'topics', rule: `deny_topic:${topic.name}`, score: round(best) }, true);
      }
      if (allow.length > 0) {
        // The request's current ask (the latest user message scanned, else the latest text) must be on an allowed topic:
        // not a tool's result or a definition that came after it.
        const asked = texts.map((t) => t.role).lastIndexOf('user');
        const latest = vectors[asked >= 0 ? asked : vectors.length - 1]!;
        const fits = allow.some((topic) => topic.vectors.some((e) => cosine(latest, e) >= topic.threshold));
        if (!fits) return done({ layer: 'topics', rule: 'allow_topics', score: 0 }, true);
      }
    }
    if (unread) return { ...done({ ...unread, score: round(injectionScore) }, false), verdict: 'flag' };
    return done({ score: round(injectionScore) }, false);
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
