// Timer %METRICS_SNAPSHOT_SCHEDULE% (daily): stores the last 24 hours' counts as a snapshot. A failed run
// (Log Analytics or storage down) is logged and rethrown, so the retry policy runs it again; the snapshot is
// keyed by its window, so a retry overwrites rather than duplicates.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { ensureErrorType } from '../shared/errors';
import { redact } from '../shared/logging/redact';
import { metricsService, type MetricsServiceFactory } from '../shared/metrics/metrics-runtime';

export function makeMetricsSnapshotHandler(services: MetricsServiceFactory) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    try {
      await services(context).takeSnapshot();
    } catch (err) {
      context.error(`metrics snapshot failed: ${String(redact(ensureErrorType(err)))}`);
      throw err;
    }
  };
}

export const metricsSnapshotHandler = makeMetricsSnapshotHandler(metricsService);

app.timer('metrics-snapshot', {
  schedule: '%METRICS_SNAPSHOT_SCHEDULE%',
  retry: { strategy: 'exponentialBackoff', maxRetryCount: 3, minimumInterval: 60_000, maximumInterval: 900_000 },
  handler: metricsSnapshotHandler,
});
