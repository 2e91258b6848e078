// GET /api/metrics/compare?hardeningAt=…|hardeningId=…[&window=24h][&settle=0][&format=…][&scale=log]
// (function key): before/after counts around a hardening event, one batch per window. Bad input or a window
// still in the future is 400; an unknown hardeningId is 404; Log Analytics failures (e.g. 403) are 502.
import { app, type HttpHandler } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { chartScale, compareQuery, outputFormat } from '../shared/metrics/metrics-request';
import { comparisonResponse } from '../shared/metrics/metrics-response';
import { metricsService, type MetricsServiceFactory } from '../shared/metrics/metrics-runtime';

export function makeMetricsCompareHandler(services: MetricsServiceFactory): HttpHandler {
  return httpHandler(async (req, context) => {
    const input = compareQuery(req);
    const [format, scale] = [outputFormat(req), chartScale(req)];
    const report = await services(context).compare(input);
    return comparisonResponse(report, format, scale);
  });
}

export const metricsCompareHandler = makeMetricsCompareHandler(metricsService);

app.http('metrics-compare', {
  route: 'metrics/compare',
  methods: ['GET'],
  authLevel: 'function',
  handler: metricsCompareHandler,
});
