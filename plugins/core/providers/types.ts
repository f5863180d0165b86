import type { ChatChunk, ChatRequest, ChatResponse, Usage } from './openai-types';

/**
 * One interface every provider implements: where and how to call it, and how to
 * translate requests, answers, stream events and errors between OpenAI's format
 * and the provider's own.
 */
export type ProviderName =
  | 'openai'
  | 'azure'
  | 'anthropic'
  | 'gemini'
  | 'mistral'
  | 'ollama'
  | 'cohere'
  | 'bedrock'
  | 'openai-compatible';

export type RouteType = 'llm/v1/chat' | 'llm/v1/completions' | 'llm/v1/embeddings';

export interface TargetSpec {
  name: string;
  provider: ProviderName;
  model: string;
  upstreamUrl?: string;
  /** The provider key, already resolved from config or the environment; never logged. */
  apiKey?: string;
  authHeader?: { name: string; value: string };
  /** AWS credentials for SigV4 (Bedrock), already resolved; never logged. */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  options: {
    maxTokens?: number;
    temperature?: number;
    azureInstance?: string;
    azureDeploymentId?: string;
    azureApiVersion?: string;
    anthropicVersion?: string;
    awsRegion?: string;
  };
}

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A provider stream event, as SSE gives it (`event:` name and `data:`). */
export interface StreamEvent {
  event?: string;
  data: string;
  /** The provider's error, where the framing itself carries it (an event-stream error frame): it ends the stream, after the events before it. */
  error?: Error;
}

export interface StreamTranslator {
  /** OpenAI chunks for one provider event; `done` once the provider said the answer is complete. */
  push(event: StreamEvent): ChatChunk[];
  readonly done: boolean;
  readonly usage: Usage | undefined;
}

/** A request this provider cannot take as it is: the client gets a 400 that says why. */
export class UnsupportedContent extends Error {}

/** An error the provider itself reports in the middle of a stream (an error event or frame), with the HTTP status it stands for. */
export class ProviderStreamError extends Error {
  constructor(message: string, readonly status = 500) {
    super(message);
  }
}

/** A 200 whose body is not the provider's answer: its error under a 200, or a body without the answer's shape. */
export class NotAnAnswer extends Error {}

export interface Provider {
  name: ProviderName;
  /** How the provider frames a streamed answer: Server-Sent Events, or AWS's binary event stream. */
  streamFraming?: 'sse' | 'aws-eventstream';
  /** The chat call (non-streamed or streamed) for a target. */
  chat(target: TargetSpec, request: ChatRequest, stream: boolean): UpstreamCall;
  parseChat(body: unknown, target: TargetSpec): ChatResponse;
  streamTranslator(target: TargetSpec, id: string): StreamTranslator;
  /** Legacy completions and embeddings, for providers that have them (OpenAI family). */
  completions?(target: TargetSpec, request: Record<string, unknown>): UpstreamCall;
  embeddings?(target: TargetSpec, request: Record<string, unknown>): UpstreamCall;
  /** The provider's error message from its error body, without credentials. */
  errorMessage(status: number, body: unknown): string;
  /** An error answer that refuses the gateway's key, where the provider says so with another status than 401/403. */
  keyRefused?(status: number, body: unknown): boolean;
}
