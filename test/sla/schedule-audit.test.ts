import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpRequest } from '@azure/functions';
import { FakeOsTicketServer } from '../fakes/osticket-server';
import { createOsTicketClient } from '../../shared/osticket/client';
import type { Logger } from '../../shared/logging/logger';
import type { Schedule } from '../../shared/osticket/contract';
import { osTicketDueDate } from '../../shared/sla/osticket-algorithm';
import {
  auditAllTargets,
  auditTargets,
  type AuditTarget,
  type ScheduleAuditReport,
} from '../../shared/sla/schedule-audit';
import { negotiateAuditFormat, renderAuditReport, formatDifference } from '../../shared/sla/audit-report';
import { makeSlaAuditHandler } from '../../functions/sla-audit-http';
import { runSlaAuditCommand } from '../../shared/cli/sla-audit-command';
import { testContext } from '../helpers/context';
import { allWeek, berlinLunch, monFri, utc } from './schedule-fixtures';
import { testTables } from '../helpers/tables';

const NOW = utc('2026-12-01 12:00:00');
const clock = () => NOW;
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function target(name: string, baseUrl: string, opsKey: string): AuditTarget {
  return {
    name,
    createClient: ({ logger }) =>
      createOsTicketClient({ baseUrl, opsKey, apiStyle: 'rewrite', timeoutMs: 3000, logger, retry: { retries: 0 } }),
  };
}

describe('schedule audit against the fake osTicket', () => {
  const fake = new FakeOsTicketServer({ clock });
  let deadUrl = '';
  const numbers = { lunch: '', exact: '', agree: '', night: '' };

  beforeAll(async () => {
    await fake.start();
    deadUrl = `http://127.0.0.1:${await closedPort()}`;
    const b = berlinLunch();
    const berlin = fake.seedSchedule({
      name: 'Berlin',
      timezone: 'Europe/Berlin',
      entries: b.entries.map((e, i) => ({
        id: 900 + i,
        name: e.name!,
        repeats: e.repeats,
        startsOn: e.startsOn,
        startsAt: e.startsAt,
        endsOn: e.endsOn,
        endsAt: e.endsAt,
        stopsOn: null,
        day: null,
        week: null,
        month: null,
        sort: i,
      })),
    });
    const plan = fake.seedSla({ name: 'Berlin 6h', graceHours: 6, scheduleId: berlin.id });
    const stored = (start: string, hours: number, schedule = monFri()) =>
      iso(osTicketDueDate(utc(start), hours, schedule, { defaultTimezone: 'UTC' }));
    // Lunch-break schedule: osTicket ignores the 13:00–17:00 entry.
    numbers.lunch = fake.seedTicket({
      createdAt: '2026-11-30T07:00:00Z',
      slaId: plan.id,
      estDueDate: stored('2026-11-30 07:00:00', 6, berlinLunch()),
    }).number;
    // Default SLA (18 h) on the system default schedule 1: an exact fit at Tuesday closing.
    numbers.exact = fake.seedTicket({
      createdAt: '2026-11-30T08:00:00Z',
      slaId: 1,
      estDueDate: stored('2026-11-30 08:00:00', 18),
    }).number;
    // Agrees with the correct due date: not listed.
    numbers.agree = fake.seedTicket({
      createdAt: '2026-11-30T09:30:00Z',
      slaId: 1,
      estDueDate: stored('2026-11-30 09:30:00', 18),
    }).number;
    // The department's 24/7 schedule wins over the default one: 23:59:59 days.
    const dept = fake.seedDepartment({ name: 'Night desk', scheduleId: 2 });
    fake.state.departments.set(dept.id, { ...fake.state.departments.get(dept.id)!, scheduleId: 2 });
    numbers.night = fake.seedTicket({
      createdAt: '2026-11-27T22:00:00Z',
      slaId: 1,
      deptId: dept.id,
      estDueDate: stored('2026-11-27 22:00:00', 18, allWeek()),
    }).number;
    // Closed tickets are not audited, whatever their due date.
    fake.seedTicket({ createdAt: '2026-11-30T08:00:00Z', slaId: 1, statusId: 3, estDueDate: '2030-01-01T00:00:00Z' });
  });

  afterAll(async () => {
    await fake.stop();
  });

  async function audit(targets = [target('main', fake.url, fake.opsKey)]): Promise<ScheduleAuditReport> {
    return auditTargets(targets, [], { logger: quiet, clock });
  }

  test('lists deviating open tickets with the deviation that explains them; agreeing tickets are not listed', async () => {
    const report = await audit();
    const main = report.targets[0]!;
    if (!main.ok) throw new Error(main.error);
    const byNumber = new Map(main.deviating.map((t) => [t.number, t]));
    expect([...byNumber.keys()].sort()).toEqual([numbers.lunch, numbers.exact, numbers.night].sort());
    expect(byNumber.get(numbers.lunch)).toMatchObject({
      slaPlan: 'Berlin 6h',
      schedule: 'Berlin',
      osTicketDue: '2026-12-01T09:00:00Z',
      correctDue: '2026-11-30T14:00:00Z',
      differenceSeconds: 19 * 3600,
      deviation: 'one_entry_per_date',
    });
    expect(byNumber.get(numbers.exact)).toMatchObject({
      slaPlan: 'Default SLA',
      schedule: 'Monday - Friday 8am - 5pm with U.S. Holidays',
      osTicketDue: '2026-12-02T08:00:00Z',
      correctDue: '2026-12-01T17:00:00Z',
      deviation: 'exact_fit',
    });
    expect(byNumber.get(numbers.night)).toMatchObject({
      schedule: '24/7',
      deviation: 'midnight_2359',
      differenceSeconds: 1,
    });
    expect(main.ticketsChecked).toBe(4);
    const berlin = main.schedules.find((s) => s.schedule === 'Berlin')!;
    expect(berlin.deviations).toEqual([
      {
        code: 'one_entry_per_date',
        tickets: 1,
        message:
          'Berlin: the 13:00–17:00 entries are never used by osTicket (it keeps one entry per date); model the lunch break as a partial holiday',
      },
    ]);
  });

  test('one unreachable target is an error entry and never blocks the others', async () => {
    const report = await audit([
      target('down', deadUrl, 'ops-key-down-0123456789'),
      target('main', fake.url, fake.opsKey),
    ]);
    expect(report.targets.map((t) => [t.target, t.ok])).toEqual([
      ['down', false],
      ['main', true],
    ]);
    const down = report.targets[0]!;
    expect(!down.ok && down.error).toBeTruthy();
    expect(JSON.stringify(report)).not.toContain('ops-key-down-0123456789');
  });

  test('renders text and markdown reports naming the tickets and the schedule advice', async () => {
    const report = await audit();
    const textReport = renderAuditReport(report, 'text');
    expect(textReport).toContain(`#${numbers.lunch}`);
    expect(textReport).toContain('one_entry_per_date');
    expect(textReport).not.toContain(`#${numbers.agree}`);
    const md = renderAuditReport(report, 'markdown');
    expect(md).toContain('| Ticket | SLA plan | Schedule | osTicket due | Correct due | Difference | Deviation |');
    expect(md).toContain(
      `| #${numbers.exact} | Default SLA | Monday - Friday 8am - 5pm with U.S. Holidays | 2026-12-02 08:00:00 UTC | 2026-12-01 17:00:00 UTC | +15h 00m | exact_fit |`,
    );
    expect(md).toContain('- Berlin: the 13:00–17:00 entries are never used by osTicket');
    expect(JSON.parse(renderAuditReport(report, 'json'))).toEqual(report);
    expect(textReport).not.toContain('No osTicket to audit');
  });

  test('says plainly when there is no osTicket to audit', () => {
    const empty = { generatedAt: '2026-12-04T00:00:00.000Z', targets: [] };
    expect(renderAuditReport(empty, 'text')).toContain('No osTicket to audit: set OSTICKET_URL and OSTICKET_OPS_KEY');
    expect(renderAuditReport(empty, 'markdown')).toContain('No osTicket to audit');
  });

  test('GET /api/sla/audit: format query, Accept negotiation, bad format 400, unknown target 404', async () => {
    const handler = makeSlaAuditHandler(() => ({
      resolve: () =>
        Promise.resolve({
          targets: [target('main', fake.url, fake.opsKey)],
          errors: [{ target: 'env-x', message: 'Key Vault secret x not found' }],
        }),
      clock,
    }));
    const call = async (query: string, accept?: string) => {
      const { context, text } = testContext('sla-audit');
      const req = new HttpRequest({
        url: `http://localhost/api/sla/audit${query}`,
        method: 'GET',
        headers: accept ? { accept } : {},
      });
      const res = await handler(req, context);
      expect(text()).not.toContain(fake.opsKey);
      return res as { status?: number; body?: unknown; jsonBody?: unknown; headers?: Record<string, string> };
    };
    const md = await call('?format=markdown');
    expect(md.status).toBe(200);
    expect(md.headers?.['content-type']).toMatch(/^text\/markdown/);
    expect(String(md.body)).toContain('## env-x');
    const plain = await call('', 'text/plain, application/json;q=0.5');
    expect(plain.headers?.['content-type']).toMatch(/^text\/plain/);
    expect(String(plain.body)).toContain('Target env-x: ERROR Key Vault secret x not found');
    const asJson = await call('');
    expect((asJson.jsonBody as ScheduleAuditReport).targets).toHaveLength(2);
    expect((await call('?format=pdf')).status).toBe(400);
    expect((await call('?target=nope')).status).toBe(404);
    const one = await call('?target=main&format=json');
    expect((one.jsonBody as ScheduleAuditReport).targets.map((t) => t.target)).toEqual(['main']);
  });

  test('default composition: the configured target from settings (resolveTargets over Azurite)', async () => {
    const env = { OSTICKET_URL: fake.url, OSTICKET_OPS_KEY: fake.opsKey, OSTICKET_TARGET_NAME: 'help-desk' };
    const report = await auditAllTargets(quiet, { tables: testTables(), env, clock });
    expect(report.targets.map((t) => [t.target, t.ok])).toEqual([['help-desk', true]]);
    const t = report.targets[0]!;
    expect(t.ok && t.deviating.map((d) => d.deviation).sort()).toEqual([
      'exact_fit',
      'midnight_2359',
      'one_entry_per_date',
    ]);
  });

  test('CLI: sla audit --format json|text, bad arguments, a failed target gives exit code 1', async () => {
    const run = async (args: string[], targets: AuditTarget[]) => {
      let out = '';
      let err = '';
      const code = await runSlaAuditCommand(
        args,
        { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
        {
          resolve: () => Promise.resolve({ targets, errors: [] }),
          clock,
        },
      );
      return { code, out, err };
    };
    const ok = await run(['--format', 'json'], [target('main', fake.url, fake.opsKey)]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as ScheduleAuditReport).targets[0]!.ok).toBe(true);
    const txt = await run(['--target=main'], [target('main', fake.url, fake.opsKey)]);
    expect(txt.out).toContain('Target main: 4 open tickets checked, 3 deviate');
    const bad = await run(['--format', 'pdf'], []);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be text, markdown or json');
    expect((await run(['--bogus'], [])).err).toContain('unknown argument --bogus');
    const failed = await run([], [target('down', deadUrl, 'ops-key-down-0123456789')]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('Target down: ERROR');
    expect(failed.out + failed.err).not.toContain('ops-key-down-0123456789');
  });
});

describe('schedule audit with bad schedules', () => {
  const fake = new FakeOsTicketServer({ clock });
  const numbers = { overlap: '', empty: '', zone: '', past: '', good: '' };
  const entry = (id: number, startsAt: string, endsAt: string, more: Partial<Schedule['entries'][number]> = {}) => ({
    id,
    name: `E${id}`,
    repeats: 'weekdays' as const,
    startsOn: '2019-01-01',
    startsAt,
    endsOn: '2019-01-01',
    endsAt,
    stopsOn: null,
    day: null,
    week: null,
    month: null,
    sort: 0,
    ...more,
  });
  const ticketOn = (name: string, schedule: Partial<Schedule> & Pick<Schedule, 'name'>, estDueDate: string) => {
    const s = fake.seedSchedule(schedule);
    const plan = fake.seedSla({ name: `${name} 4h`, graceHours: 4, scheduleId: s.id });
    return fake.seedTicket({ createdAt: '2026-11-30T08:00:00Z', slaId: plan.id, estDueDate }).number;
  };

  beforeAll(async () => {
    await fake.start();
    numbers.overlap = ticketOn(
      'Overlap',
      {
        name: 'Overlap',
        timezone: 'UTC',
        entries: [entry(1, '08:00:00', '12:00:00'), entry(2, '11:00:00', '17:00:00')],
      },
      '2026-11-30T12:00:00Z',
    );
    numbers.empty = ticketOn('Empty', { name: 'Empty', timezone: 'UTC', entries: [] }, '2026-11-30T12:00:00Z');
    numbers.zone = ticketOn(
      'Mars',
      { name: 'Mars', timezone: 'Mars/Olympus', entries: [entry(3, '08:00:00', '17:00:00')] },
      '2026-11-30T12:00:00Z',
    );
    // Its only entry is a one-off in the past: no business time is left, so the correct due date is unreachable.
    numbers.past = ticketOn(
      'Past',
      {
        name: 'Past',
        timezone: 'UTC',
        entries: [entry(4, '09:00:00', '12:00:00', { repeats: 'never', startsOn: '2026-01-05', endsOn: '2026-01-05' })],
      },
      '2026-11-30T08:00:00Z',
    );
    // A valid schedule on the same target is still audited: osTicket's exact-fit answer on Mon–Fri 8–17.
    numbers.good = fake.seedTicket({
      createdAt: '2026-11-30T08:00:00Z',
      slaId: 1,
      estDueDate: iso(osTicketDueDate(utc('2026-11-30 08:00:00'), 18, monFri(), { defaultTimezone: 'UTC' })),
    }).number;
  });

  afterAll(async () => {
    await fake.stop();
  });

  test('an invalid schedule is a schedule error naming it; its tickets are skipped, the rest are audited', async () => {
    const report = await auditTargets([target('main', fake.url, fake.opsKey)], [], { logger: quiet, clock });
    const main = report.targets[0]!;
    if (!main.ok) throw new Error(main.error);
    const summary = (name: string) => main.schedules.find((s) => s.schedule === name)!;
    expect(summary('Overlap').error).toMatch(
      /^Schedule "Overlap": entries E1 \(08:00–12:00\) and E2 \(11:00–17:00\) overlap/,
    );
    expect(summary('Empty').error).toMatch(/^Schedule "Empty": has no entries/);
    expect(summary('Mars').error).toMatch(/^Schedule "Mars": unknown time zone "Mars\/Olympus"/);
    expect(main.skipped).toEqual(
      expect.arrayContaining([
        { number: numbers.overlap, reason: 'schedule Overlap is invalid' },
        { number: numbers.empty, reason: 'schedule Empty is invalid' },
        { number: numbers.zone, reason: 'schedule Mars is invalid' },
      ]),
    );
    const listed = new Map(main.deviating.map((t) => [t.number, t]));
    expect([...listed.keys()].sort()).toEqual([numbers.past, numbers.good].sort());
    expect(listed.get(numbers.good)).toMatchObject({ deviation: 'exact_fit', correctDue: '2026-12-01T17:00:00Z' });
    expect(listed.get(numbers.past)).toMatchObject({
      schedule: 'Past',
      correctDue: null,
      differenceSeconds: null,
      deviation: 'unexplained',
      message: 'Past: the correct due date cannot be reached (schedule "Past" has no business time after 2026-01-05)',
    });
    expect(summary('Past').deviations).toEqual([
      {
        code: 'unexplained',
        tickets: 1,
        message: 'Past: the correct due date cannot be reached (schedule "Past" has no business time after 2026-01-05)',
      },
    ]);
    const text = renderAuditReport(report, 'text');
    expect(text).toContain('- Mars: INVALID Schedule "Mars": unknown time zone "Mars/Olympus"');
    expect(text).toMatch(new RegExp(`#${numbers.past} .* unreachable `));
  });
});

describe('audit report helpers', () => {
  test('negotiateAuditFormat: query wins, then Accept by q, else JSON', () => {
    expect(negotiateAuditFormat('text', 'application/json')).toBe('text');
    expect(negotiateAuditFormat(undefined, 'text/markdown')).toBe('markdown');
    expect(negotiateAuditFormat(undefined, 'text/plain;q=0.4, text/markdown;q=0.9')).toBe('markdown');
    expect(negotiateAuditFormat(undefined, 'image/png')).toBe('json');
    expect(negotiateAuditFormat(undefined, null)).toBe('json');
    expect(() => negotiateAuditFormat('xml', null)).toThrow(/Unknown audit format/);
  });

  test('formatDifference', () => {
    expect(formatDifference(1)).toBe('+1s');
    expect(formatDifference(-3600)).toBe('-01h 00m');
    expect(formatDifference(2 * 86400 + 3 * 3600 + 5)).toBe('+2d 03h 00m 05s');
    expect(formatDifference(null)).toBe('n/a');
  });
});
