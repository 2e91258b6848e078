// `npm run demo` end to end: the real app's functions on the local host, over the demo's fakes, on free ports.
// Storage is the jest global setup's Azurite (no Azurite autostart here).
import { join } from 'node:path';
import { startDemo, type Demo } from '../../dev/demo/demo';
import { guideLines } from '../../dev/demo/guide';
import { DEMO_COUNTS } from '../../dev/demo/scenario';
import { FakeTeamsWebhook } from '../fakes/teams-webhook';

const APP_ROOT = join(__dirname, '..', '..');
let demo: Demo;
const lines: string[] = [];

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${demo.url}${path}`, { ...init, headers: { 'x-functions-key': demo.functionKey, ...init.headers } });

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  const storage = process.env['TEST_TABLE_CONNECTION'];
  if (!storage) throw new Error('TEST_TABLE_CONNECTION is not set: run through jest (global setup)');
  demo = await startDemo({
    appRoot: APP_ROOT,
    port: 0,
    storage,
    functionGlobs: ['functions/*.ts'],
    write: (line) => lines.push(line),
  });
}, 60000);

afterAll(async () => {
  await demo?.stop();
});

it('reports osTicket, Teams, e-mail and Log Analytics as configured', async () => {
  const res = await fetch(`${demo.url}/api/health`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { integrations: Record<string, { configured: boolean; mode?: string }> };
  expect(body.integrations['osTicket']).toEqual({ configured: true });
  expect(body.integrations['teams']).toEqual({ configured: true });
  expect(body.integrations['email']).toEqual({ configured: true, mode: 'smtp' });
  expect(body.integrations['logAnalytics']).toEqual({ configured: true });
});

it('applied roster.sample.yaml at start, so a new plan has no changes', async () => {
  expect(demo.osTicket.state.topics.size).toBe(8); // 4 fresh-install topics + the tutorial's 4
  const res = await get('/api/roster/plan', { method: 'POST' });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { ok: boolean; targets: { target: string; plan: { counts: object } }[] };
  expect(body.ok).toBe(true);
  expect(body.targets).toHaveLength(1);
  expect(body.targets[0]!.target).toBe('demo');
  expect(body.targets[0]!.plan.counts).toMatchObject({ create: 0, update: 0, disable: 0, unchanged: 18 });
});

it('lists the breached Sev-A outage and the at-risk Sev-B ticket in the SLA status', async () => {
  const res = await get('/api/sla/status');
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    items: { number: string; subject: string; slaPlan: string; clock: string; state: string; department: string }[];
    errors: unknown[];
  };
  expect(body.errors).toEqual([]);
  const [outage, adobe] = demo.tickets;
  expect(body.items).toContainEqual(
    expect.objectContaining({
      number: outage!.number,
      subject: 'Entire mobile/online banking system is down',
      slaPlan: 'Sev-A',
      department: 'System Administrators',
      clock: 'resolution',
      state: 'breached',
    }),
  );
  expect(body.items).toContainEqual(
    expect.objectContaining({ number: adobe!.number, slaPlan: 'Sev-B', clock: 'resolution', state: 'warning' }),
  );
  expect(body.items.map((i) => i.number)).not.toContain(demo.tickets[2]!.number);
});

it('runs the sla-watch timer through the admin endpoint and delivers cards and e-mails, printed redacted', async () => {
  const res = await fetch(`${demo.url}/admin/functions/sla-watch`, {
    method: 'POST',
    headers: { 'x-functions-key': demo.functionKey, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(202);
  const outage = demo.tickets[0]!;
  const post = await until('the breach card', () =>
    demo.teams.accepted().find((p) => FakeTeamsWebhook.card(p).body.some((b) => b.text?.includes(`#${outage.number}`))),
  );
  const card = FakeTeamsWebhook.card(post);
  expect(card.actions?.map((a) => a.title)).toEqual(['Open ticket', 'Acknowledge']);
  const ack = card.actions!.find((a) => a.title === 'Acknowledge')!.url;
  expect(ack.startsWith(`${demo.url}/api/sla/ack?token=`)).toBe(true);
  await until('an e-mail about the outage', () =>
    demo.smtp.messages.find((m) => m.subject.includes(outage.number) && m.to.includes('sysadmins@demo.example')),
  );
  const printed = await until('the printed card', () => lines.find((l) => l.includes('[demo] Teams card')));
  expect(printed).toMatch(/HTTP 202/);
  const output = lines.join('\n');
  expect(output).not.toContain('SeCrEtSiGnAtUrE123'); // the webhook URL's signature
  expect(output).not.toContain(demo.osTicket.opsKey);
  expect(output).not.toContain(demo.osTicket.apiKey);

  const page = await fetch(ack);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Acknowledge SLA alert');
});

it('compares the security metrics before and after hardening', async () => {
  const at = demo.hardeningAt.toISOString();
  const res = await get(`/api/metrics/compare?hardeningAt=${at}&window=24h`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    metrics: { id: string; before: { count?: number }; after: { count?: number } }[];
  };
  const counts = Object.fromEntries(body.metrics.map((m) => [m.id, [m.before.count, m.after.count]]));
  expect(counts).toEqual({
    securityEvent: [DEMO_COUNTS.before.SecurityEvent, 8778],
    syslog: [DEMO_COUNTS.before.Syslog, 25],
    securityAlert: [DEMO_COUNTS.before.SecurityAlert, 0],
    securityIncident: [DEMO_COUNTS.before.SecurityIncident, 0],
    maliciousFlowsAllowedIn: [DEMO_COUNTS.before.MaliciousFlowsIn, 0],
    maliciousFlowsDeniedIn: [0, 0],
  });
  // Through the dev-only loopback setting: real SDK requests with a bearer token reached the fake.
  expect(demo.logAnalytics.requests.every((r) => r.authorization === 'Bearer dev-loopback-token')).toBe(true);

  const md = await get(`/api/metrics/compare?hardeningAt=${at}&window=24h&format=markdown`);
  expect(md.status).toBe(200);
  const text = await md.text();
  expect(text).toContain('## Metrics After Hardening / Security Controls');
  expect(text).toMatch(/\| SecurityEvent\s+\| 8778\s+\|/);

  const html = await get(`/api/metrics/compare?hardeningAt=${at}&window=24h&format=html&scale=log`);
  expect(html.status).toBe(200);
  expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await html.text()).toContain('<svg');
});

it('prints a guide whose commands use the running host', () => {
  const guide = guideLines(demo).join('\n');
  expect(guide).toContain(`BASE=${demo.url}`);
  expect(guide).toContain(`hardeningAt=${demo.hardeningAt.toISOString().replace(/\.000Z$/, 'Z')}`);
  for (const t of demo.tickets) expect(guide).toContain(`#${t.number}`);
});

describe('LOG_ANALYTICS_DEV_LOOPBACK (the dev-only setting the demo uses)', () => {
  const base = {
    LOG_ANALYTICS_WORKSPACE_ID: '11111111-2222-3333-4444-555555555555',
    LOG_ANALYTICS_DEV_LOOPBACK: 'true',
  };

  it.each([
    ['a public host', { LOG_ANALYTICS_ENDPOINT: 'http://api.loganalytics.io' }, /http:\/\/127\.0\.0\.1/],
    ['https to loopback', { LOG_ANALYTICS_ENDPOINT: 'https://127.0.0.1:8443' }, /http:\/\/127\.0\.0\.1/],
    ['no endpoint', {}, /LOG_ANALYTICS_ENDPOINT/],
    ['an Azure app', { LOG_ANALYTICS_ENDPOINT: 'http://127.0.0.1:9', WEBSITE_INSTANCE_ID: 'abc' }, /refused in Azure/],
  ])('is refused for %s, naming the setting', async (_case, extra, message) => {
    const { createLogsTarget } = await import('../../shared/metrics/logs-client');
    const attempt = createLogsTarget({ env: { ...base, ...extra } });
    await expect(attempt).rejects.toThrow(/LOG_ANALYTICS_DEV_LOOPBACK/);
    await expect(attempt).rejects.toThrow(message);
  });
});
