import { anthropic } from './anthropic';
import { bedrock } from './bedrock';
import { cohere } from './cohere';
import { gemini } from './gemini';
import { openAIFamily } from './openai';
import type { Provider, ProviderName } from './types';

/** Every provider by name: one module each, one interface. */
export const PROVIDERS: Record<ProviderName, Provider> = {
  openai: openAIFamily('openai'),
  azure: openAIFamily('azure'),
  mistral: openAIFamily('mistral'),
  ollama: openAIFamily('ollama'),
  'openai-compatible': openAIFamily('openai-compatible'),
  anthropic,
  gemini,
  cohere,
  bedrock,
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];
export type { Provider, ProviderName, TargetSpec, RouteType } from './types';
