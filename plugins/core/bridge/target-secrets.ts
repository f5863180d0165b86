import { redactValues } from '../redact';
import type { TargetSpec } from '../providers';

/** `text` without the target's own credentials, whole or in pieces: for what the provider says that reaches a client or a log. */
export function withoutTargetSecrets(text: string, target: TargetSpec): string {
  return redactValues(text, [target.apiKey, target.authHeader?.value, target.awsCredentials?.secretAccessKey, target.awsCredentials?.sessionToken]);
}

/**
 * A failure's message without the target's credentials. The gateway's own opening ("The provider answered 500: ")
 * is kept as written: only what follows it can come from the provider, and a key that holds a word ("provider",
 * "answered") must not blank the gateway's own wording.
 */
export function failureWithoutTargetSecrets(message: string, target: TargetSpec): string {
  const opening = /^The provider(?: \([^)]*\))? [^:]*: /.exec(message)?.[0] ?? '';
  return opening + withoutTargetSecrets(message.slice(opening.length), target);
}
