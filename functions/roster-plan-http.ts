// POST /api/roster/plan (function key): the plan of a roster (body YAML/JSON, or empty = the configured roster)
// for every target osTicket, as JSON or ?format=text|markdown. Invalid roster → 400 listing every problem.
import { app } from '@azure/functions';
import { httpHandler } from '../shared/http/handler';
import { redactingLogger } from '../shared/logging/logger';

// The roster modules (zod schemas, connector) load on the first request, keeping the app's load cheap.
export const rosterPlanHandler = httpHandler(async (req, context) => {
  const { rosterRunHttp } = await import('../shared/roster/roster-http');
  const { rosterServiceFromSettings } = await import('../shared/roster/roster-app');
  return rosterRunHttp('plan', (c) => rosterServiceFromSettings({ logger: redactingLogger(c) }))(req, context);
});

app.http('roster-plan', { route: 'roster/plan', methods: ['POST'], authLevel: 'function', handler: rosterPlanHandler });
