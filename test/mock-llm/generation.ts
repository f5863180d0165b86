/**
 * Provider-neutral generation: each provider turns its request into a
 * Conversation, `generate` decides the answer (text or tool call) and its
 * usage, and the provider renders the Generation in its wire format.
 */
import { answerPieces, countPromptTokens, countTokens, DEFAULT_ANSWER_TOKENS, splitTokens } from './answer';
import type { Behaviour } from './behaviour';
import { stripDirectives } from './directives';
import type { JsonReply, Prepared, StreamReply } from './endpoint';
import { sampleArguments } from './tool-args';

export interface ToolDefinition {
  name: string;
  /** JSON schema of the arguments. */
  parameters?: unknown;
}

/** none: never call; auto: call when asked by `[[mock:tool]]`; required: always call (the named tool if given). */
export type ToolChoice = { mode: 'none' } | { mode: 'auto' } | { mode: 'required'; name?: string };

export interface Conversation {
  model: string;
  /** Text of the most recent user turn, directives included. */
  lastUserText: string;
  /** Every text making up the prompt (system, messages, tool definitions), for usage. */
  promptTexts: string[];
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  /** False when the conversation ends with tool results: the mock then answers in text. */
  endsWithUserTurn: boolean;
  maxTokens?: number;
}

export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
  /** `args` as JSON, and that JSON split into streaming fragments. */
  json: string;
  pieces: string[];
}

/** A call's input as Claude streams it (Anthropic, Bedrock): a call without arguments gets one empty fragment, not "{}". */
export function argumentPieces(call: ToolCall): string[] {
  return Object.keys(call.args).length === 0 ? [''] : call.pieces;
}

export type Finish = 'stop' | 'length' | 'tool';

export interface Generation {
  text: string;
  /** `text` split into tokens; streamed one per event. */
  pieces: string[];
  toolCall?: ToolCall;
  promptTokens: number;
  completionTokens: number;
  finish: Finish;
}

export function generate(conversation: Conversation, behaviour: Behaviour): Generation {
  const promptTokens = countPromptTokens(conversation.promptTexts);
  const tool = chooseTool(conversation, behaviour);
  if (tool) {
    const args = sampleArguments(tool.parameters);
    const json = JSON.stringify(args);
    const pieces = splitTokens(json);
    return {
      text: '',
      pieces: [],
      toolCall: { name: tool.name, args, json, pieces },
      promptTokens,
      completionTokens: countTokens(tool.name) + pieces.length,
      finish: 'tool',
    };
  }
  const wanted = behaviour.tokens ?? DEFAULT_ANSWER_TOKENS;
  const limit = conversation.maxTokens;
  const length = limit !== undefined && limit < wanted ? Math.max(0, Math.floor(limit)) : wanted;
  const pieces = answerPieces(stripDirectives(conversation.lastUserText), length);
  return {
    text: pieces.join(''),
    pieces,
    promptTokens,
    completionTokens: pieces.length,
    finish: length < wanted ? 'length' : 'stop',
  };
}

function chooseTool(conversation: Conversation, behaviour: Behaviour): ToolDefinition | undefined {
  const { tools, toolChoice } = conversation;
  if (tools.length === 0 || toolChoice.mode === 'none') return undefined;
  const byName = (name: unknown): ToolDefinition | undefined => tools.find((t) => t.name === name);
  if (toolChoice.mode === 'required') return byName(toolChoice.name) ?? byName(behaviour.tool) ?? tools[0];
  if (!behaviour.tool || !conversation.endsWithUserTurn) return undefined;
  return byName(behaviour.tool) ?? tools[0];
}

export interface Renderer {
  json(generation: Generation): unknown;
  stream(generation: Generation): StreamReply;
}

/** The Prepared of every text-generation endpoint: generate once the behaviour is known, then render. */
export function prepareGeneration(conversation: Conversation, stream: boolean, render: Renderer): Prepared {
  return {
    model: conversation.model,
    directiveText: conversation.lastUserText,
    reply: (behaviour) => {
      const generation = generate(conversation, behaviour);
      if (stream) return render.stream(generation);
      const reply: JsonReply = { kind: 'json', body: render.json(generation), tokens: generation.completionTokens };
      return reply;
    },
  };
}
