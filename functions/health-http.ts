// GET /api/health (anonymous): version and which integrations are configured. Cannot fail on bad settings;
// a bad setting is reported by name as that integration's problem.
import { app } from '@azure/functions';
import { healthReport } from '../shared/health/health-report';
import { httpHandler } from '../shared/http/handler';
import { json } from '../shared/http/responses';

export const healthHandler = httpHandler(() =>
  Promise.resolve(json(200, healthReport(), { 'cache-control': 'no-store' })),
);

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: healthHandler });
