import type { ChatRequest } from './openai-types';

/**
 * Claude (directly or on Bedrock) has no JSON mode: `response_format` becomes one tool the model must
 * call, whose input is the JSON answer (as Anthropic suggests for structured output), and that call
 * comes back as the message's content. Only when the client offers no tools of its own, so the
 * reserved name cannot meet one of theirs.
 */
export const JSON_TOOL = 'json_response';

/** The forced call ends with tool_use, for the client a plain answer's end; any other end (max_tokens: JSON cut short) stays. */
export function jsonModeFinish(finish: string): string {
  return finish === 'tool_calls' ? 'stop' : finish;
}

export function jsonModeTool(request: ChatRequest): { name: string; description: string; schema: unknown } | undefined {
  const format = request.response_format as { type?: string; json_schema?: { schema?: unknown; description?: string } } | undefined;
  if (request.tools?.length || (format?.type !== 'json_object' && format?.type !== 'json_schema')) return undefined;
  const schema = format.type === 'json_schema' && format.json_schema?.schema ? format.json_schema.schema : { type: 'object' };
  return { name: JSON_TOOL, description: format.json_schema?.description ?? 'Give the answer as this JSON object.', schema };
}
