import { jsonStrings, mapJsonStrings } from '../json-strings';
import { OPAQUE_KEYS, otherMessageFields } from '../providers/message-fields';
import { OTHER_ANSWER_TEXTS } from '../providers/openai-types';
import type { TextTransform, TextTransformFactory } from './answer-hooks';

/**
 * Answer text passes the sanitizing transforms (what is recorded for the cache and
 * traces), then the restoring ones (what the client gets). A chain holds its own
 * transforms, made for it: an answer's text and each tool call's arguments are
 * separate texts, and what one holds back (a placeholder's start) belongs to it alone.
 */
export class TransformChain {
  private readonly sanitizing: TextTransform[];
  private readonly restoring: TextTransform[];

  /** `field`: the message field whose text this is, when not its content (see `TextTransformFactory`). */
  constructor(factories: TextTransformFactory[], field?: string) {
    const transforms = factories.map((create) => create(field));
    const split = transforms.findIndex((t) => t.restoresOriginals);
    this.sanitizing = split < 0 ? transforms : transforms.slice(0, split);
    this.restoring = split < 0 ? [] : transforms.slice(split);
  }

  /**
   * Whether the chain scans what the model writes (output mode), not only puts originals back: an answer's token
   * log probabilities then go unsent, since no scan can mask a value spread over tokens.
   */
  get scans(): boolean {
    return this.sanitizing.length > 0;
  }

  push(text: string): { recorded: string; client: string } {
    const recorded = this.sanitizing.reduce((t, transform) => transform.push(t), text);
    return { recorded, client: this.restoring.reduce((t, transform) => transform.push(t), recorded) };
  }

  /** A whole text through the chain, each transform reading it in one pass where it can. */
  whole(text: string): { recorded: string; client: string } {
    const recorded = wholeThrough(this.sanitizing, text);
    return { recorded, client: wholeThrough(this.restoring, recorded) };
  }

  flush(): { recorded: string; client: string } {
    const recorded = flushAll(this.sanitizing);
    return { recorded, client: this.restoring.reduce((t, transform) => transform.push(t), recorded) + flushAll(this.restoring) };
  }
}

function flushAll(transforms: TextTransform[]): string {
  let out = '';
  transforms.forEach((transform, i) => {
    // What one transform releases at the end still passes through the ones after it.
    out = transforms.slice(i + 1).reduce((t, next) => next.push(t), out + transform.flush());
  });
  return out;
}

function wholeThrough(transforms: TextTransform[], text: string): string {
  return transforms.reduce((t, transform) => (transform.whole ? transform.whole(t) : transform.push(t) + transform.flush()), text);
}

/** A whole text through a fresh chain: what is recorded and what the client gets. */
export function transformWhole(factories: TextTransformFactory[], text: string, field?: string): { recorded: string; client: string } {
  if (factories.length === 0) return { recorded: text, client: text };
  return new TransformChain(factories, field).whole(text);
}

/** Whether the transforms scan what the model writes (see `TransformChain.scans`). */
export function scansAnswers(factories: TextTransformFactory[]): boolean {
  return new TransformChain(factories).scans;
}

/** Chains made on first use, one per text of a streamed answer: a choice's, a tool call's, a field's. */
export class TransformChains<K> {
  private readonly chains = new Map<K, TransformChain>();

  /** `fieldOf`: the message field a key's text is in, when not its content (see `TextTransformFactory`). */
  constructor(
    private readonly factories: TextTransformFactory[],
    private readonly fieldOf: (key: K) => string | undefined = () => undefined,
  ) {}

  of(key: K): TransformChain {
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = new TransformChain(this.factories, this.fieldOf(key))));
    return chain;
  }

  has(key: K): boolean {
    return this.chains.has(key);
  }

  delete(key: K): void {
    this.chains.delete(key);
  }

  /** The chains made so far, in the order of their keys when asked, then forgotten. */
  take(order?: (x: K, y: K) => number): Array<[K, TransformChain]> {
    const taken = [...this.chains];
    this.chains.clear();
    return order ? taken.sort(([x], [y]) => order(x, y)) : taken;
  }
}

/** The texts a message carries by name: its content, its reasoning, its refusal. */
const MESSAGE_TEXTS = ['content', ...OTHER_ANSWER_TEXTS] as const;

/**
 * Each text of a whole message through a fresh chain: the client's message changed in place, and what is recorded
 * written to `recorded` when given (the cache's replay records nothing).
 */
export function transformMessage(message: Record<string, unknown>, factories: TextTransformFactory[], recorded?: Record<string, unknown>): void {
  for (const field of MESSAGE_TEXTS) {
    const value = message[field];
    if (typeof value !== 'string') continue;
    const out = transformWhole(factories, value, field === 'content' ? undefined : field);
    if (recorded) recorded[field] = out.recorded;
    message[field] = out.client;
  }
  // Fields a provider adds that this gateway does not know (OpenRouter's `reasoning_details`): each of their strings.
  for (const field of otherMessageFields(message)) {
    const out = transformTree(message[field], factories, field);
    if (recorded) recorded[field] = out.recorded;
    message[field] = out.client;
  }
}

/** Each string of a JSON value (but opaque payloads, ids and kinds) through a fresh chain. */
function transformTree(value: unknown, factories: TextTransformFactory[], field: string): { recorded: unknown; client: unknown } {
  if (factories.length === 0) return { recorded: value, client: value };
  const recorded: string[] = [];
  const client = mapJsonStrings(
    value,
    (text) => {
      const out = transformWhole(factories, text, field);
      recorded.push(out.recorded);
      return out.client;
    },
    OPAQUE_KEYS,
  );
  let i = 0;
  return { recorded: mapJsonStrings(value, () => recorded[i++]!, OPAQUE_KEYS), client };
}

/**
 * A stream delta's fields that this gateway does not know, holding words (OpenRouter's `reasoning_details`), dropped
 * when the answer is scanned: they come in pieces that no scan reads whole. What the known fields carry (the reasoning)
 * goes on scanned.
 */
export function dropUnscannedFields(delta: Record<string, unknown>): void {
  for (const field of otherMessageFields(delta)) if (jsonStrings(delta[field], OPAQUE_KEYS).length > 0) delete delta[field];
}
