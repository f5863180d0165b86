import { redactValues } from '../redact';
import type { TargetSpec } from '../providers';

/** `text` without the target's own credentials, whole or in pieces: for what the provider says that reaches a client or a log. */
export function withoutTargetSecrets(text: string, target: TargetSpec): string {
  return redactValues(text, [target.apiKey, target.authHeader?.value, target.awsCredentials?.secretAccessKey, target.awsCredentials?.sessionToken]);
}
