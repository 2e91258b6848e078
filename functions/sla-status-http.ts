// GET /api/sla/status (function key): the current at-risk and breached tickets of every target as JSON. A failing
// target is listed under `errors` (200); bad settings give 503 naming the setting.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import type { SlaWatchOverrides } from '../shared/sla/watch/compose';

export function makeSlaStatusHandler(overrides: () => SlaWatchOverrides = () => ({})) {
  return httpHandler(async (_req: HttpRequest, context: InvocationContext) => {
    const { createSlaWatchServices } = await import('../shared/sla/watch/compose');
    const services = createSlaWatchServices(context, overrides());
    try {
      return json(200, await services.status(), { 'cache-control': 'no-store' });
    } finally {
      await services.close();
    }
  });
}

export const slaStatusHandler = makeSlaStatusHandler();

app.http('sla-status', { route: 'sla/status', methods: ['GET'], authLevel: 'function', handler: slaStatusHandler });
