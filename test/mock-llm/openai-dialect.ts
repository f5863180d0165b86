/** OpenAI credentials (`Authorization: Bearer`) and error format `{error:{message,type,param,code}}`. */
import { BAD_KEY, bearerToken, type Dialect } from './dialect';
import { MockHttpError } from './http-error';

interface ErrorStyle {
  type: string;
  code: string | null;
  message: string;
}

const STYLES: Record<number, ErrorStyle> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: null, message: 'The requested resource does not exist.' },
  429: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again later.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
};

/** The `{error:{…}}` body OpenAI (and Azure, mostly) sends for a status. */
export function openAiErrorBody(error: MockHttpError): unknown {
  const style = STYLES[error.status] ?? {
    type: error.status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
    message: `Mock failure with status ${error.status}.`,
  };
  return {
    error: {
      message: error.message || style.message,
      type: style.type,
      param: error.detail.param ?? null,
      code: error.detail.code ?? style.code,
    },
  };
}

export const openAiDialect: Dialect = {
  provider: 'openai',
  authenticate(inbound) {
    const key = bearerToken(inbound);
    if (!key) {
      return new MockHttpError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    if (key === BAD_KEY) return new MockHttpError(401, `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`);
    return undefined;
  },
  renderError: openAiErrorBody,
};
