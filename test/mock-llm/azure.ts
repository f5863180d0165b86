/**
 * Azure OpenAI: OpenAI's bodies under /openai/deployments/{deployment}/…,
 * `api-key` header (or Entra `Authorization: Bearer`), `api-version` query
 * required, and Azure's own `{error:{code,message}}` for 401/404/429.
 */
import { BAD_KEY, bearerToken, header, type Dialect } from './dialect';
import type { Endpoint, EndpointInput, Prepared } from './endpoint';
import { MockHttpError } from './http-error';
import { isObject } from './json';
import { prepareChat } from './openai-chat';
import { prepareCompletion } from './openai-completions';
import { openAiErrorBody } from './openai-dialect';
import { prepareEmbeddings } from './openai-embeddings';
import type { OpenAiOptions } from './openai-shared';

const AZURE_MESSAGES: Record<number, string> = {
  401: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  404: 'Resource not found',
  429: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after 1 second.',
};

export const azureDialect: Dialect = {
  provider: 'azure',
  authenticate(inbound) {
    const key = header(inbound, 'api-key') ?? bearerToken(inbound);
    return key === undefined || key === BAD_KEY ? new MockHttpError(401) : undefined;
  },
  renderError(error) {
    const message = AZURE_MESSAGES[error.status];
    if (message === undefined) return openAiErrorBody(error);
    return { error: { code: String(error.status), message: error.message || message } };
  },
};

type OpenAiPrepare = (input: EndpointInput, options: OpenAiOptions) => Prepared;

/** api-versions before 2024-09-01-preview (GA: before 2024-10-21) refuse stream_options, as Azure does. */
function refusesStreamOptions(apiVersion: string, body: unknown): boolean {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(apiVersion)?.[0];
  return date !== undefined && date < '2024-09-01' && isObject(body) && body.stream_options !== undefined;
}

function deploymentEndpoint(operation: string, prepare: OpenAiPrepare): Endpoint {
  return {
    method: 'POST',
    pattern: new RegExp(`^/openai/deployments/(?<deployment>[^/]+)/${operation}$`),
    dialect: azureDialect,
    prepare(input) {
      const apiVersion = input.query.get('api-version');
      if (!apiVersion) throw new MockHttpError(404);
      if (refusesStreamOptions(apiVersion, input.body)) throw new MockHttpError(400, 'Unrecognized request argument supplied: stream_options');
      return prepare(input, { model: input.params.deployment });
    },
  };
}

export const azureEndpoints: Endpoint[] = [
  deploymentEndpoint('chat/completions', prepareChat),
  deploymentEndpoint('completions', prepareCompletion),
  deploymentEndpoint('embeddings', prepareEmbeddings),
];
