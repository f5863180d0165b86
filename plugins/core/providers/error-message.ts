import { redactSecrets } from '../redact';

/** The human message of a provider's error body (OpenAI, Anthropic and Google all nest it under `error`). */
export function providerErrorMessage(status: number, body: unknown): string {
  const b = body as { error?: { message?: unknown } | string; message?: unknown } | undefined;
  const nested = typeof b?.error === 'object' ? b.error?.message : b?.error;
  const message = typeof nested === 'string' ? nested : typeof b?.message === 'string' ? b.message : undefined;
  return redactSecrets(message ?? `the provider answered with status ${status}`);
}
