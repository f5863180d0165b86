import { addTextTransform } from '../core/bridge/answer-hooks';
import { recordDecision } from '../core/decisions';
import { setLogField } from '../core/log-field';
import { openAIErrorBody } from '../core/openai-error';
import { preparedSetup } from '../core/off-thread/pool';
import { definePlugin } from '../core/plugin-base';
import { forwardBody, readJsonObject } from '../core/request-body';
import { configSchema } from './config';
import { createDetector, type DetectorOptions } from './detect';
import { task as detectTask } from './detect-task';
import { RememberingDetector } from './remembered-findings';
import { outputScanJsonTransform, outputScanTransform } from './output-transform';
import { restoreTransform, type RestorePolicy } from './restore-transform';
import { sanitizeBody } from './sanitize-request';
import { PiiVault } from './vault';
import { requestDetector } from './read-findings';
import { textSanitizer } from './sanitize-text';

/** Credentials stay placeholders in the answer: put back, they would be the model's to write into a link or a call. */
const UNRESTORED_BY_DEFAULT = new Set(['secret', 'url_credentials']);

/**
 * pii-sanitizer: finds PII and secrets in the prompt in-process, replaces, masks
 * or redacts them (or refuses the request), and has the bridge restore
 * placeholders in the answer, streamed or not. The sanitized body is what every
 * later plugin (cache, router, tracing) and the provider see.
 */
export = definePlugin({
  name: 'pii-sanitizer',
  version: '0.1.0',
  priority: 900,
  config: configSchema,
  onError: (config) => config.on_error,
  init(config) {
    const options: DetectorOptions = {
      categories: config.categories,
      custom: config.custom_patterns,
      allow: { values: config.allow_values, patterns: config.allow_patterns, categories: config.allow_categories },
      minConfidence: config.min_confidence,
    };
    const detector = createDetector(options);
    const actionFor = (category: string) => config.actions?.[category] ?? config.default_action;
    const restoring = config.restore_categories ? new Set(config.restore_categories) : undefined;
    const restore: RestorePolicy = {
      restores: (category) => (restoring ? restoring.has(category) : !UNRESTORED_BY_DEFAULT.has(category)),
      inLinks: config.restore_in_links,
    };
    return { detector, remembering: new RememberingDetector(detector), detectorSetup: preparedSetup(detectTask, options), actionFor, restore };
  },
  async access({ kong, config, state, ctx, respond }) {
    const parsed = await readJsonObject(kong, ctx, config.max_body_size);
    // A spoken answer cannot be scanned (its transcript can, its sound not): output scanning refuses to ask for one.
    if (config.mode !== 'input' && Array.isArray(parsed.modalities) && parsed.modalities.includes('audio')) {
      const error = openAIErrorBody(400, 'This route scans answers for personal data and cannot scan spoken audio: ask for text.', 'unsupported_parameter', 'modalities');
      await respond(400, JSON.stringify(error));
      return;
    }
    // A copy is sanitized: should a detector fail and the config let the request pass, it passes whole, not half done.
    const body = structuredClone(parsed) as Record<string, unknown>;
    const vault = new PiiVault();
    // Placeholders the request writes itself are never issued: read in the parsed body, which a JSON escape
    // ("[EMAIL\u005f1]") or UTF-16 does not hide, and in every text the sanitizer reads as the model will (a text
    // document's decoded bytes, a tool call's decoded arguments), before any placeholder is issued.
    vault.reserve(JSON.stringify(parsed));
    let changed = false;
    if (config.mode !== 'output') {
      // The texts the detectors will read, as they will read them (a JSON value after its key).
      const inputs: string[] = [];
      sanitizeBody(body, config, (text, context = '', suffix = '') => {
        vault.reserve(text);
        inputs.push(context + text + suffix);
        return text;
      });
      const detector = await requestDetector(inputs, state.remembering, state.detectorSetup);
      changed = sanitizeBody(body, config, textSanitizer(detector, state.actionFor, vault));
    }
    recordDecision(ctx, {
      plugin: 'pii-sanitizer',
      name: 'pii-scan',
      level: vault.blocked.size > 0 ? 'WARNING' : 'DEFAULT',
      data: { counts: vault.counts, blocked: [...vault.blocked].sort(), mode: config.mode },
    });
    ctx.set('pii.audit', vault.counts);
    if (vault.blocked.size > 0) {
      await setLogField(kong, 'ai.pii', { counts: vault.counts, blocked: [...vault.blocked].sort(), mode: config.mode });
      const categories = [...vault.blocked].sort().join(', ');
      const error = openAIErrorBody(400, `The request contains data that may not be sent to the model: ${categories}.`, 'pii_detected');
      await respond(400, JSON.stringify(error));
      return;
    }
    if (Object.keys(vault.counts).length > 0) await setLogField(kong, 'ai.pii', { counts: vault.counts, mode: config.mode });
    if (changed) {
      await forwardBody(kong, ctx, body);
    }
    // A JSON answer (response_format) is scanned whole as JSON, as tool-call arguments are, and values go back into
    // its strings escaped as JSON; its reasoning and refusal (a `field` of their own) are prose.
    const json = jsonAnswer(body);
    const inJson = (field?: string) => json && field === undefined;
    if (config.mode !== 'input') {
      addTextTransform(ctx, (field) => (inJson(field) ? outputScanJsonTransform : outputScanTransform)(state.detector, state.actionFor, vault));
      addTextTransform(ctx, () => outputScanJsonTransform(state.detector, state.actionFor, vault), 'tool_arguments');
    }
    if (vault.byPlaceholder.size > 0) {
      addTextTransform(ctx, (field) => restoreTransform(vault, state.restore, { insideJson: inJson(field) }));
      addTextTransform(ctx, () => restoreTransform(vault, state.restore, { insideJson: true }), 'tool_arguments');
    }
  },
});

function jsonAnswer(body: Record<string, unknown>): boolean {
  const format = (body.response_format as { type?: unknown } | undefined)?.type;
  return format === 'json_object' || format === 'json_schema';
}
