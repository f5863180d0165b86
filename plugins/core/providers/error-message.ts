import { redactSecrets } from '../redact';

/**
 * The human message of a provider's error body (OpenAI, Anthropic and Google all nest it under `error`), or the
 * validation errors of a server that writes them as pydantic does (Mistral's 422: `message: {detail: […]}`, or
 * `detail` at the top as FastAPI servers write it).
 */
export function providerErrorMessage(status: number, body: unknown): string {
  const b = body as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown } | undefined;
  const nested = typeof b?.error === 'object' ? b.error?.message : b?.error;
  const message =
    typeof nested === 'string'
      ? nested
      : typeof b?.message === 'string'
        ? b.message
        : (validationDetail((b?.message as { detail?: unknown } | undefined)?.detail) ?? validationDetail(b?.message) ?? validationDetail(b?.detail));
  return redactSecrets(message ?? `the provider answered with status ${status}`);
}

/**
 * The code and the field an OpenAI-format error names (`context_length_exceeded`, Azure's `content_filter`,
 * `unsupported_parameter` on `temperature`…): clients act on them (trim the history, report a filtered prompt).
 * Only a code in OpenAI's form (lower-case words and underscores) and a field's path are taken.
 */
export function providerErrorCode(body: unknown): { code?: string; param?: string } {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (!error || typeof error !== 'object') return {};
  const { code, param } = error as { code?: unknown; param?: unknown };
  return {
    ...(typeof code === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(code) ? { code } : {}),
    ...(typeof param === 'string' && /^[\w.[\]-]{1,200}$/.test(param) ? { param: redactSecrets(param) } : {}),
  };
}

/**
 * Pydantic's validation errors as one line, each field and what is wrong with it ("body.messages.0.user.name: Extra
 * inputs are not permitted"); the values it quotes (`input`) are left out: they are the client's prompt.
 */
function validationDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail || undefined;
  if (!Array.isArray(detail)) return undefined;
  const problems = detail.flatMap((item) => {
    const { loc, msg } = (item ?? {}) as { loc?: unknown; msg?: unknown };
    if (typeof msg !== 'string') return [];
    return [Array.isArray(loc) && loc.length > 0 ? `${loc.join('.')}: ${msg}` : msg];
  });
  return problems.length > 0 ? problems.join('; ') : undefined;
}
