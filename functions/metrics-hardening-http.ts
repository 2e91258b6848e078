// POST /api/metrics/hardening { "at", "note" } records a hardening event (201); GET lists recent ones (function
// key). Bad bodies are 400 naming the field; storage failures are logged and rethrown (500).
import { app, type HttpHandler } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { hardeningInput } from '../shared/metrics/metrics-request';
import { metricsService, type MetricsServiceFactory } from '../shared/metrics/metrics-runtime';

export function makeMetricsHardeningHandler(services: MetricsServiceFactory): HttpHandler {
  return httpHandler(async (req, context) => {
    const service = services(context);
    if (req.method === 'GET')
      return json(200, { events: await service.listHardening() }, { 'cache-control': 'no-store' });
    const event = await service.recordHardening(await hardeningInput(req));
    return json(201, event, { location: `/api/metrics/compare?hardeningId=${event.id}` });
  });
}

export const metricsHardeningHandler = makeMetricsHardeningHandler(metricsService);

app.http('metrics-hardening', {
  route: 'metrics/hardening',
  methods: ['GET', 'POST'],
  authLevel: 'function',
  handler: metricsHardeningHandler,
});
