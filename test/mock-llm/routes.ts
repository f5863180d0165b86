/** Which endpoint (and so which provider) a request belongs to. */
import { anthropicDialect, anthropicEndpoints } from './anthropic';
import { azureDialect, azureEndpoints } from './azure';
import { bedrockEndpoints } from './bedrock';
import { cohereEndpoints } from './cohere';
import { header, type Dialect, type Inbound } from './dialect';
import type { Endpoint } from './endpoint';
import { geminiDialect, geminiEndpoints } from './gemini';
import { openAiEndpoints } from './openai';
import { openAiDialect } from './openai-dialect';

const ENDPOINTS: readonly Endpoint[] = [...anthropicEndpoints, ...geminiEndpoints, ...azureEndpoints, ...cohereEndpoints, ...bedrockEndpoints, ...openAiEndpoints];

export interface Route {
  endpoint: Endpoint;
  params: Record<string, string>;
}

export function findRoute(inbound: Inbound): Route | undefined {
  for (const endpoint of ENDPOINTS) {
    if (endpoint.method !== inbound.method) continue;
    const match = endpoint.pattern.exec(inbound.path);
    if (!match || (endpoint.accepts && !endpoint.accepts(inbound))) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) if (value !== undefined) params[key] = safeDecode(value);
    return { endpoint, params };
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The provider whose error format suits a request that matched no endpoint. */
export function guessDialect(inbound: Inbound): Dialect {
  if (/^\/v1(beta|alpha)?\/models\/[^/]+:/.test(inbound.path) || /^\/v1(beta|alpha)\//.test(inbound.path)) return geminiDialect;
  if (inbound.path.startsWith('/openai/')) return azureDialect;
  if (header(inbound, 'anthropic-version') || header(inbound, 'x-api-key')) return anthropicDialect;
  return openAiDialect;
}
