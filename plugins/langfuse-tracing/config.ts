import { z } from 'zod';

/** langfuse-tracing's configuration: the single source of truth for Kong's schema and the docs. */
export const configSchema = z.object({
  transport: z
    .enum(['otel', 'ingestion'])
    .default('otel')
    .describe('otel: OpenTelemetry export to /api/public/otel/v1/traces (Langfuse >= 3.59, v4, Cloud); ingestion: the legacy batch API for v2 and v3 before 3.59.'),
  otlp_protocol: z
    .enum(['http/protobuf', 'http/json'])
    .default('http/protobuf')
    .describe('Encoding of the OpenTelemetry export; Langfuse accepts both, protobuf is smaller.'),
  host: z.string().default('https://cloud.langfuse.com').describe('Base URL of the Langfuse instance (Cloud EU, US, or self-hosted).'),
  public_key: z.string().min(1).meta({ referenceable: true, encrypted: true }).describe('Langfuse public key (pk-lf-…); may be a vault reference.'),
  secret_key: z.string().min(1).meta({ referenceable: true, encrypted: true }).describe('Langfuse secret key (sk-lf-…); may be a vault reference.'),
  environment: z
    .string()
    .optional()
    .describe('Langfuse environment of every trace: lower case letters, digits, - and _, at most 40 (others are lower-cased or become -).'),
  release: z.string().optional().describe('Release recorded on every trace, e.g. the gateway version.'),
  tags: z.array(z.string()).default([]).describe('Tags added to every trace.'),
  trace_name: z.string().optional().describe('Name of the traces; defaults to the Kong route name.'),
  user_id_header: z.string().default('x-user-id').describe('Request header with the user id when no Kong consumer is known.'),
  session_id_header: z.string().default('x-session-id').describe('Request header with the session id of the conversation.'),
  tags_header: z.string().default('x-langfuse-tags').describe('Request header with extra comma-separated tags.'),
  trace_id_header: z.string().default('x-langfuse-trace-id').describe('Response header that returns the trace id to the client.'),
  log_payloads: z.boolean().default(true).describe('Record prompts and answers (the sanitized text when pii-sanitizer ran); off keeps only metadata.'),
  max_queue: z.number().int().min(1).default(10000).describe('Traces held while Langfuse is slow or down; beyond it new traces are dropped and counted.'),
  flush_interval_ms: z.number().int().min(50).default(1000).describe('How often queued traces are handed to the exporter.'),
  timeout_ms: z.number().int().min(100).default(5000).describe('Timeout of one export request.'),
});

export type TracingConfig = z.output<typeof configSchema>;

/**
 * Langfuse keeps an environment only when it matches ^(?!langfuse)[a-z0-9-_]+$ in at most 40 characters;
 * anything else is filed under "default" without a word. The configured name is lower-cased and its other
 * characters become "-", so "Production" is kept as "production", not lost to "default".
 */
export function langfuseEnvironment(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const cleaned = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!cleaned) return undefined;
  return (cleaned.startsWith('langfuse') ? `env-${cleaned}` : cleaned).slice(0, 40);
}
