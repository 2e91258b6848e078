// GET /api/metrics?start=…&end=…[&metrics=…][&format=json|markdown|html] (function key): counts for any window,
// one Log Analytics round trip. Bad input is 400 naming the parameter; Log Analytics failures are 502.
import { app, type HttpHandler } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { chartScale, metricSelection, outputFormat, windowQuery } from '../shared/metrics/metrics-request';
import { windowResponse } from '../shared/metrics/metrics-response';
import { metricsService, type MetricsServiceFactory } from '../shared/metrics/metrics-runtime';

export function makeMetricsWindowHandler(services: MetricsServiceFactory): HttpHandler {
  return httpHandler(async (req, context) => {
    const window = windowQuery(req);
    const [metricIds, format, scale] = [metricSelection(req), outputFormat(req), chartScale(req)];
    const counts = await services(context).counts(window, metricIds);
    return windowResponse(counts, format, scale);
  });
}

export const metricsWindowHandler = makeMetricsWindowHandler(metricsService);

app.http('metrics-window', {
  route: 'metrics',
  methods: ['GET'],
  authLevel: 'function',
  handler: metricsWindowHandler,
});
