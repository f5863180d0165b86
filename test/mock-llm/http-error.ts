/**
 * An error that must reach the client as an HTTP error response. Each provider's
 * dialect renders it in that provider's wire format; an absent message means
 * "use the provider's usual message for this status".
 */
export class MockHttpError extends Error {
  constructor(
    readonly status: number,
    message = '',
    readonly detail: { param?: string; code?: string; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'MockHttpError';
  }
}
