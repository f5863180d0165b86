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

  constructor(factories: TextTransformFactory[]) {
    const transforms = factories.map((create) => create());
    const split = transforms.findIndex((t) => t.restoresOriginals);
    this.sanitizing = split < 0 ? transforms : transforms.slice(0, split);
    this.restoring = split < 0 ? [] : transforms.slice(split);
  }

  push(text: string): { recorded: string; client: string } {
    const recorded = this.sanitizing.reduce((t, transform) => transform.push(t), text);
    return { recorded, client: this.restoring.reduce((t, transform) => transform.push(t), recorded) };
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

/** A whole text through a fresh chain: what is recorded and what the client gets. */
export function transformWhole(factories: TextTransformFactory[], text: string): { recorded: string; client: string } {
  if (factories.length === 0) return { recorded: text, client: text };
  const chain = new TransformChain(factories);
  const body = chain.push(text);
  const tail = chain.flush();
  return { recorded: body.recorded + tail.recorded, client: body.client + tail.client };
}

/**
 * Whether the transforms scan what the model writes (output mode), not only put originals back: an answer's token
 * log probabilities then go unsent, since no scan can mask a value spread over tokens.
 */
export function scansAnswers(factories: TextTransformFactory[]): boolean {
  return factories.some((create) => !create().restoresOriginals);
}
