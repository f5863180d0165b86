/** OpenAI endpoints: chat, legacy completions, embeddings, models. */
import { header, type Inbound } from './dialect';
import { jsonReply, type Endpoint } from './endpoint';
import { prepareChat } from './openai-chat';
import { prepareCompletion } from './openai-completions';
import { openAiDialect } from './openai-dialect';
import { prepareEmbeddings } from './openai-embeddings';

export const OPENAI_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small', 'text-embedding-3-large'];
const CREATED = 1_700_000_000;

const model = (id: string) => ({ id, object: 'model', created: CREATED, owned_by: 'mock-llm' });

/** GET /v1/models is shared with Anthropic (and Gemini's v1): those are recognised by their headers. */
function isOpenAiModelsCall(inbound: Inbound): boolean {
  return !header(inbound, 'anthropic-version') && !header(inbound, 'x-goog-api-key') && !inbound.query.has('key');
}

export const openAiEndpoints: Endpoint[] = [
  { method: 'POST', pattern: /^\/v1\/chat\/completions$/, dialect: openAiDialect, prepare: (input) => prepareChat(input) },
  { method: 'POST', pattern: /^\/v1\/completions$/, dialect: openAiDialect, prepare: (input) => prepareCompletion(input) },
  { method: 'POST', pattern: /^\/v1\/embeddings$/, dialect: openAiDialect, prepare: (input) => prepareEmbeddings(input) },
  {
    method: 'GET',
    pattern: /^\/v1\/models$/,
    dialect: openAiDialect,
    accepts: isOpenAiModelsCall,
    prepare: () => ({ reply: () => jsonReply({ object: 'list', data: OPENAI_MODELS.map(model) }) }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/models\/(?<model>[^/:]+)$/,
    dialect: openAiDialect,
    prepare: (input) => ({ model: input.params.model, reply: () => jsonReply(model(input.params.model ?? '')) }),
  },
];
