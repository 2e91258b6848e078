// POST /api/roster/apply (function key): applies a roster (body YAML/JSON, or empty = the configured roster) to
// every target osTicket and returns the per-item results. Invalid roster → 400 listing every problem.
import { app } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { redactingLogger } from '../shared/logging/logger';

// The roster modules (zod schemas, connector) load on the first request, keeping the app's load cheap.
export const rosterApplyHandler = httpHandler(async (req, context) => {
  const { rosterRunHttp } = await import('../shared/roster/roster-http');
  const { rosterServiceFromSettings } = await import('../shared/roster/roster-app');
  return rosterRunHttp('apply', (c) => rosterServiceFromSettings({ logger: redactingLogger(c) }))(req, context);
});

app.http('roster-apply', {
  route: 'roster/apply',
  methods: ['POST'],
  authLevel: 'function',
  handler: rosterApplyHandler,
});
