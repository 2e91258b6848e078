// GET /api/metrics/snapshots?from=…&to=… (function key): the daily snapshots whose window ends in the range
// (default: the last 30 days), oldest first. Bad times are 400 naming the parameter.
import { app, type HttpHandler } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';
import { snapshotRangeQuery } from '../shared/metrics/metrics-request';
import { metricsService, type MetricsServiceFactory } from '../shared/metrics/metrics-runtime';

export function makeMetricsSnapshotsHandler(services: MetricsServiceFactory, clock = () => new Date()): HttpHandler {
  return httpHandler(async (req, context) => {
    const range = snapshotRangeQuery(req, clock());
    const snapshots = await services(context).listSnapshots(range);
    return json(
      200,
      { from: range.start.toISOString(), to: range.end.toISOString(), snapshots },
      { 'cache-control': 'no-store' },
    );
  });
}

export const metricsSnapshotsHandler = makeMetricsSnapshotsHandler(metricsService);

app.http('metrics-snapshots', {
  route: 'metrics/snapshots',
  methods: ['GET'],
  authLevel: 'function',
  handler: metricsSnapshotsHandler,
});
