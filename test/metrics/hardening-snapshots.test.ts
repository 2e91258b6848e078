// Hardening events and daily snapshots in Table storage (Azurite), compare by hardeningId, and the snapshot timer.
import type { Timer } from '@azure/functions';
import { makeMetricsCompareHandler } from '../../functions/metrics-compare-http';
import { makeMetricsHardeningHandler } from '../../functions/metrics-hardening-http';
import { makeMetricsSnapshotHandler } from '../../functions/metrics-snapshot-timer';
import { makeMetricsSnapshotsHandler } from '../../functions/metrics-snapshots-http';
import type { ComparisonReport } from '../../shared/metrics/comparison';
import type { HardeningEvent } from '../../shared/metrics/hardening-log';
import type { Snapshot } from '../../shared/metrics/snapshot-log';
import type { TableClientFactory } from '../../shared/storage/table-client-factory';
import { startFakeLogAnalytics, type FakeLogAnalytics } from '../fakes/log-analytics-server';
import { testContext } from '../helpers/context';
import { testTables } from '../helpers/tables';
import { HARDENING_AT, NOW, baseDataset, fakeRuntime, get, post, jsonOf } from './fixtures';

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

let fake: FakeLogAnalytics;
let tables: TableClientFactory;

beforeAll(async () => {
  fake = await startFakeLogAnalytics({ tables: baseDataset() });
  tables = testTables();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.requests.length = 0;
  fake.httpFaults.length = 0;
});

describe('hardening events', () => {
  it('records an event and compares around it by id', async () => {
    const runtime = fakeRuntime(fake, { tables });
    const hardening = makeMetricsHardeningHandler(runtime);

    const created = await hardening(
      post('/api/metrics/hardening', { at: HARDENING_AT, note: 'NSG locked down, RDP closed <b>' }),
      testContext().context,
    );

    expect(created.status).toBe(201);
    const event = jsonOf<HardeningEvent>(created);
    expect(event).toMatchObject({
      at: HARDENING_AT,
      note: 'NSG locked down, RDP closed <b>',
      recordedAt: NOW.toISOString(),
    });
    const res = await makeMetricsCompareHandler(runtime)(
      get(`/api/metrics/compare?hardeningId=${event.id}&window=24h`),
      testContext().context,
    );
    expect(res.status).toBe(200);
    const report = jsonOf<ComparisonReport>(res);
    expect(report.hardening).toEqual({ id: event.id, at: HARDENING_AT, note: 'NSG locked down, RDP closed <b>' });
    expect(report.metrics.find((m) => m.id === 'securityEvent')).toMatchObject({
      before: { count: 30 },
      after: { count: 13 },
    });
    const listed = await hardening(get('/api/metrics/hardening'), testContext().context);
    expect(jsonOf<{ events: HardeningEvent[] }>(listed).events.map((e) => e.id)).toContain(event.id);
  });

  it('answers 404 for an unknown hardeningId', async () => {
    const res = await makeMetricsCompareHandler(fakeRuntime(fake, { tables }))(
      get('/api/metrics/compare?hardeningId=3f2c7a9e-0000-4000-8000-00000000dead'),
      testContext().context,
    );

    expect(res.status).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['a missing at', { note: 'x' }, 'body.at'],
    ['an unparseable at', { at: 'soon', note: 'x' }, 'body.at'],
    ['a missing note', { at: HARDENING_AT }, 'body.note'],
    ['a blank note', { at: HARDENING_AT, note: '   ' }, 'body.note'],
    ['a note over 1000 characters', { at: HARDENING_AT, note: 'x'.repeat(1001) }, 'body.note'],
    ['an unknown field', { at: HARDENING_AT, note: 'x', extra: 1 }, 'body'],
    ['a body that is not JSON', '{not json', 'body'],
  ])('refuses %s with 400 naming the field', async (_label, body, field) => {
    const res = await makeMetricsHardeningHandler(fakeRuntime(fake, { tables }))(
      post('/api/metrics/hardening', body),
      testContext().context,
    );

    expect(res.status).toBe(400);
    const fields = jsonOf<{ error: { fields: { field: string }[] } }>(res).error.fields.map((f) => f.field);
    expect(fields).toContain(field);
  });
});

describe('snapshots', () => {
  it('the timer stores the last 24 hours and the endpoint lists snapshots by range', async () => {
    const days = ['2026-03-19T00:05:00.000Z', '2026-03-20T00:05:00.000Z', '2026-03-21T00:05:00.000Z'];
    for (const day of days) {
      const run = makeMetricsSnapshotHandler(fakeRuntime(fake, { tables, now: new Date(Date.parse(day) + 17_000) }));
      await run(timer, testContext('metrics-snapshot').context);
    }
    // A retried run for the same minute overwrites its snapshot instead of adding one.
    await makeMetricsSnapshotHandler(fakeRuntime(fake, { tables, now: new Date(Date.parse(days[1]!) + 30_000) }))(
      timer,
      testContext().context,
    );

    expect(fake.requests).toHaveLength(4);
    expect(new Set(fake.queries.slice(-6).map((q) => q.timespan))).toEqual(
      new Set(['2026-03-19T00:05:00.000Z/2026-03-20T00:05:00.000Z']),
    );
    const list = makeMetricsSnapshotsHandler(fakeRuntime(fake, { tables }), () => new Date('2026-03-22T00:00:00Z'));
    const res = await list(
      get('/api/metrics/snapshots?from=2026-03-19T12:00:00Z&to=2026-03-21T12:00:00Z'),
      testContext().context,
    );
    expect(res.status).toBe(200);
    const snapshots = jsonOf<{ snapshots: Snapshot[] }>(res).snapshots;
    expect(snapshots.map((s) => s.window.end)).toEqual(['2026-03-20T00:05:00.000Z', '2026-03-21T00:05:00.000Z']);
    const first = snapshots[0]!;
    expect(first.window.start).toBe('2026-03-19T00:05:00.000Z');
    expect(first.takenAt).toBe('2026-03-20T00:05:30.000Z');
    // Window [03-19 00:05, 03-20 00:05) covers hardening +8.5h .. +32.5h: 8 of the 12 evenly spread after-events.
    expect(first.metrics.find((m) => m.id === 'securityEvent')!.value).toEqual({
      status: 'ok',
      count: 8,
      source: 'SecurityEvent',
    });
    expect(first.metrics).toHaveLength(6);
  });

  it('the timer rethrows when Log Analytics refuses, so the retry policy runs it again', async () => {
    fake.httpFaults.push({ status: 403 });
    const { context, text } = testContext('metrics-snapshot');

    await expect(makeMetricsSnapshotHandler(fakeRuntime(fake, { tables }))(timer, context)).rejects.toThrow(
      /Log Analytics Reader/,
    );
    expect(text()).toContain('metrics snapshot failed');
  });

  it.each([
    ['from=2026-03-21T00:00:00Z&to=2026-03-20T00:00:00Z', 'to'],
    ['from=yesterday', 'from'],
    ['to=2026-99-01', 'to'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await makeMetricsSnapshotsHandler(fakeRuntime(fake, { tables }))(
      get(`/api/metrics/snapshots?${query}`),
      testContext().context,
    );

    expect(res.status).toBe(400);
    expect(jsonOf<{ error: { fields: { field: string }[] } }>(res).error.fields[0]!.field).toBe(field);
  });
});
