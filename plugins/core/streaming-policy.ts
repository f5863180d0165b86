import { mayMeet, type InstanceScope } from './instance-scopes';

/**
 * What llm-proxy's `response_streaming` makes of a route's answers, for a cache hit that answers before llm-proxy
 * runs: a stream a route denies is not served from the cache either, and a route that always streams gets its hits
 * streamed. Where llm-proxy instances of different policies may meet the cache's requests, the strictest holds.
 */
export type StreamingPolicy = 'allow' | 'deny' | 'always';

interface Published {
  owner: WeakRef<object>;
  scope: InstanceScope;
  policy: StreamingPolicy;
}

const published = new Set<Published>();

/** Called by each llm-proxy instance; `owner` is what the instance keeps while it lives (its state). */
export function publishStreamingPolicy(owner: object, scope: InstanceScope, policy: StreamingPolicy): void {
  published.add({ owner: new WeakRef(owner), scope, policy });
}

export function streamingPolicyFor(scope: InstanceScope): StreamingPolicy {
  let strictest: StreamingPolicy = 'allow';
  for (const entry of published) {
    if (!entry.owner.deref()) {
      published.delete(entry);
      continue;
    }
    if (!mayMeet(scope, entry.scope)) continue;
    if (entry.policy === 'deny') return 'deny';
    if (entry.policy === 'always') strictest = 'always';
  }
  return strictest;
}
