import type { KongPDK } from '../../core/kong-pdk';
import { setLogField } from '../../core/log-field';
import type { CallPlan } from '../../core/bridge/plan';

/**
 * Kong's AI analytics fields known in the access phase (`ai.proxy.meta.*`), set in
 * one PDK call. Kong's log plugins (http-log, file-log, prometheus) serialize them;
 * values set in a log phase would never reach them. Usage and cost are known when
 * the answer ends: the bridge returns them as response headers and to tracing.
 */
export async function serializeAnalytics(kong: KongPDK, plan: CallPlan, pluginId: string | null): Promise<void> {
  const first = plan.targets[0];
  await setLogField(kong, 'ai.proxy.meta', {
    plugin_id: pluginId ?? undefined,
    provider_name: first?.provider,
    request_model: plan.clientModel ?? first?.model,
    route_type: plan.routeType,
    stream: plan.stream,
    targets: plan.targets.map((t) => t.name).join(','),
  });
}
