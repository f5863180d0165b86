import { GUARD_VERDICT_KEY, recordDecision } from '../core/decisions';
import { setLogField } from '../core/log-field';
import { openAIErrorBody } from '../core/openai-error';
import { definePlugin } from '../core/plugin-base';
import { readJsonObject } from '../core/request-body';
import { configSchema } from './config';
import { Guard } from './guard';

/**
 * prompt-guard: refuses prompt injections, jailbreaks, disallowed topics and
 * oversized prompts before anything else in the suite sees the request
 * (priority 905: after Kong's auth and rate-limiting (910), so over-limit calls
 * cost nothing, and before pii-sanitizer at 900, so that it judges the prompt as the client wrote it). A block is a 400
 * in OpenAI's envelope with one configurable message whatever matched; what
 * matched goes to the request context, tracing and Kong's log fields only.
 */
export = definePlugin({
  name: 'prompt-guard',
  version: '0.1.0',
  priority: 905,
  config: configSchema,
  onError: (config) => config.on_error,
  init(config) {
    return { guard: new Guard(config) };
  },
  async access({ kong, config, state, ctx, respond }) {
    const body = await readJsonObject(kong, ctx, config.max_body_size);
    const verdict = await state.guard.evaluate(body);
    ctx.set(GUARD_VERDICT_KEY, verdict);
    recordDecision(ctx, {
      plugin: 'prompt-guard',
      name: 'guard',
      level: verdict.verdict === 'allow' ? 'DEFAULT' : 'WARNING',
      data: { verdict: verdict.verdict, layer: verdict.layer ?? null, rule: verdict.rule ?? null, score: verdict.score, ms: verdict.ms },
    });
    await setLogField(kong, 'ai.guard', { verdict: verdict.verdict, layer: verdict.layer ?? null, rule: verdict.rule ?? null, score: verdict.score });
    if (verdict.verdict === 'block') {
      // The same message whatever rule matched; a part the guard cannot read is named, as the client sent it.
      const message = verdict.message ? `${config.block_message} ${verdict.message}` : config.block_message;
      await respond(400, JSON.stringify(openAIErrorBody(400, message, 'content_policy_violation')));
    }
  },
});
