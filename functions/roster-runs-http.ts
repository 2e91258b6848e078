// GET /api/roster/runs?limit=N (function key): the last N roster runs, newest first; GET /api/roster/runs/{runId}
// adds that run's per-item results. Unknown run → 404; bad limit → 400; storage not configured → 503.
import { app } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { redactingLogger } from '../shared/logging/logger';

export const rosterRunsHandler = httpHandler(async (req, context) => {
  const { rosterRunsHttp } = await import('../shared/roster/roster-http');
  const { rosterServiceFromSettings } = await import('../shared/roster/roster-app');
  return rosterRunsHttp((c) => rosterServiceFromSettings({ logger: redactingLogger(c) }))(req, context);
});

app.http('roster-runs', {
  route: 'roster/runs/{runId?}',
  methods: ['GET'],
  authLevel: 'function',
  handler: rosterRunsHandler,
});
