// The local host over the real app's own trigger files (functions/health-http.ts), as `npm start` loads them.

import { join } from 'node:path';
import { startFixtureHost, type FixtureHost } from './host-harness';

const APP_ROOT = join(__dirname, '..', '..');
let fx: FixtureHost;

beforeAll(async () => {
  fx = await startFixtureHost(['functions/health-http.ts'], { OSTICKET_URL: 'not a url' }, APP_ROOT);
});

afterAll(async () => {
  await fx.host.stop();
});

it('registers health from the app and serves GET /api/health', async () => {
  expect(fx.host.functions).toEqual([
    {
      name: 'health',
      trigger: 'httpTrigger',
      url: `${fx.host.url}/api/health`,
      methods: ['GET'],
      authLevel: 'anonymous',
    },
  ]);
  const res = await fx.get('/api/health');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { status: string; integrations: { osTicket: { problem?: string } } };
  expect(body.status).toBe('ok');
  expect(body.integrations.osTicket.problem).toMatch(/OSTICKET_URL/);
  expect(JSON.stringify(body)).not.toContain('not a url');
});

it('answers 405 for POST /api/health', async () => {
  const res = await fx.post('/api/health', {});
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('GET');
});
