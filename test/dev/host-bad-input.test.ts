// The bad-input rules over the real app, as `npm start` serves it: for every HTTP function, an unknown route is a
// JSON 404, a method it does not take a JSON 405, a body that is not JSON a 400 (never a 500), and a body over
// 1 MiB a 413.
import { join } from 'node:path';
import type { FunctionSummary } from '../../dev/host/host';
import { keyHeader, startFixtureHost, type FixtureHost } from './host-harness';

const APP_ROOT = join(__dirname, '..', '..');
const YEARLY = '0 0 0 1 1 *';
let fx: FixtureHost;
let http: FunctionSummary[];

beforeAll(async () => {
  fx = await startFixtureHost(
    ['functions/*.ts'],
    {
      AzureWebJobsStorage: process.env['TEST_TABLE_CONNECTION']!,
      SLA_ACK_SECRET: 'bad-input-test-ack-secret-0123456789abcdef',
      APP_BASE_URL: 'http://127.0.0.1:7071',
      ROSTER_COMMANDS_QUEUE: 'roster-commands',
      // No timer may fire during the test.
      SLA_WATCH_SCHEDULE: YEARLY,
      SLA_DIGEST_SCHEDULE: YEARLY,
      ROSTER_SYNC_SCHEDULE: YEARLY,
      METRICS_SNAPSHOT_SCHEDULE: YEARLY,
    },
    APP_ROOT,
  );
  http = fx.host.functions.filter((f) => f.trigger === 'httpTrigger');
});

afterAll(async () => {
  await fx.host.stop();
});

/** A concrete path for a route template: `{name}` / `{name?}` become `x`. */
const pathOf = (f: FunctionSummary) => new URL(f.url!.replace(/\{[^}]+\}/g, 'x')).pathname;
/** POST /api/sla/ack takes a form (token, by), not JSON. */
const FORM_BODY = ['sla-ack'];
const withBody = (f: FunctionSummary) => f.methods!.filter((m) => ['POST', 'PUT', 'PATCH'].includes(m));

async function expectJsonError(res: Response, status: number, code: string) {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringMatching(/^application\/json/),
  });
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
}

it('loads every HTTP function of the app, several of them taking a body', () => {
  expect(fx.host.functions.filter((f) => f.error)).toEqual([]);
  expect(http.map((f) => f.name)).toContain('health');
  expect(http.filter((f) => withBody(f).length > 0).length).toBeGreaterThanOrEqual(3);
});

it('answers an unknown route with a JSON 404', async () => {
  for (const path of ['/api/no-such-route', '/api/health/extra', '/nowhere'])
    await expectJsonError(await fx.get(path, { headers: keyHeader }), 404, 'not_found');
});

it('answers a method a function does not take with a JSON 405 and an Allow header', async () => {
  for (const f of http) {
    const method = ['PATCH', 'PUT', 'DELETE'].find((m) => !f.methods!.includes(m))!;
    const res = await fx.get(pathOf(f), { method, headers: keyHeader });
    expect([f.name, res.headers.get('allow')]).toEqual([f.name, expect.stringContaining(f.methods![0]!)]);
    await expectJsonError(res, 405, 'method_not_allowed');
  }
});

it('answers a body that is not JSON with a 400 naming the body, never a 500', async () => {
  let checked = 0;
  for (const f of http)
    for (const method of withBody(f)) {
      const res = await fx.post(pathOf(f), '{"not": json', { method, headers: keyHeader });
      if (FORM_BODY.includes(f.name)) {
        // Any text is a valid form: without a valid token this is a 4xx, and never a 500.
        expect([f.name, res.status]).toEqual([f.name, 401]);
        continue;
      }
      const body = (await res.clone().json()) as { error: { fields?: { field: string }[] } };
      expect([f.name, res.status]).toEqual([f.name, 400]);
      await expectJsonError(res, 400, 'validation_failed');
      expect(JSON.stringify(body.error.fields)).toMatch(/body|\(root\)/);
      checked++;
    }
  expect(checked).toBeGreaterThanOrEqual(3);
});

it('answers a body over 1 MiB with a JSON 413', async () => {
  const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
  for (const f of http)
    for (const method of withBody(f)) {
      const res = await fx.post(pathOf(f), big, { method, headers: keyHeader });
      expect([f.name, res.status]).toEqual([f.name, 413]);
      await expectJsonError(res, 413, 'payload_too_large');
    }
});
