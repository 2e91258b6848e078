// GET /api/metrics/compare and GET /api/metrics end to end: the real LogsQueryClient against the loopback fake.
import { makeMetricsCompareHandler } from '../../functions/metrics-compare-http';
import { makeMetricsWindowHandler } from '../../functions/metrics-http';
import type { ComparisonReport } from '../../shared/metrics/comparison';
import type { WindowCounts } from '../../shared/metrics/window-counts';
import { startFakeLogAnalytics, type FakeLogAnalytics } from '../fakes/log-analytics-server';
import { testContext } from '../helpers/context';
import { HARDENING_AT, baseDataset, fakeRuntime, get, vnetFlows, jsonOf } from './fixtures';

let fake: FakeLogAnalytics;

beforeEach(async () => {
  fake = await startFakeLogAnalytics({ tables: baseDataset() });
});

afterEach(async () => {
  await fake.close();
});

async function compare(query: string, headers: Record<string, string> = {}) {
  const handler = makeMetricsCompareHandler(fakeRuntime(fake));
  const { context, text } = testContext('metrics-compare');
  const res = await handler(get(`/api/metrics/compare?${query}`, headers), context);
  return { res, logs: text };
}

function byId(report: ComparisonReport) {
  return Object.fromEntries(report.metrics.map((m) => [m.id, m]));
}

describe('compare', () => {
  it('counts both windows with one batch each and passes the windows as timespans', async () => {
    const { res } = await compare(`hardeningAt=${HARDENING_AT}&window=24h`);

    expect(res.status).toBe(200);
    const report = jsonOf<ComparisonReport>(res);
    expect(report.workspace).toBe(fake.workspaceId);
    expect(report.before).toEqual({ start: '2026-03-17T15:37:00.000Z', end: '2026-03-18T15:37:00.000Z' });
    expect(report.after).toEqual({ start: '2026-03-18T15:37:00.000Z', end: '2026-03-19T15:37:00.000Z' });
    const m = byId(report);
    expect(m['securityEvent']).toMatchObject({
      before: { status: 'ok', count: 30 },
      after: { status: 'ok', count: 13 },
    });
    expect(m['syslog']).toMatchObject({ before: { count: 5 }, after: { count: 5 }, change: 0, percentChange: 0 });
    expect(m['securityAlert']).toMatchObject({
      before: { count: 4 },
      after: { count: 0 },
      change: -4,
      percentChange: -100,
    });
    expect(m['securityIncident']).toMatchObject({
      before: { count: 0 },
      after: { count: 3 },
      change: 3,
      percentChange: 'n/a',
    });
    expect(m['maliciousFlowsAllowedIn']).toMatchObject({
      before: { status: 'ok', count: 6, source: 'AzureNetworkAnalytics_CL' },
      after: { count: 0 },
      percentChange: -100,
    });
    expect(m['maliciousFlowsDeniedIn']).toMatchObject({
      before: { count: 2 },
      after: { count: 4 },
      change: 2,
      percentChange: 100,
    });
    expect(m['securityEvent']!.percentChange).toBe(-56.7);

    // Exactly two round trips, both batches, each carrying the six catalog queries with the window as timespan.
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/$batch', '/v1/$batch']);
    expect(fake.requests.every((r) => r.authorization === 'Bearer fake-log-analytics-token')).toBe(true);
    const spans = new Set(fake.queries.map((q) => q.timespan));
    expect(spans).toEqual(
      new Set([
        '2026-03-17T15:37:00.000Z/2026-03-18T15:37:00.000Z',
        '2026-03-18T15:37:00.000Z/2026-03-19T15:37:00.000Z',
      ]),
    );
    expect(fake.queries).toHaveLength(12);
    // The window is never string-built into the KQL.
    expect(fake.queries.some((q) => /2026|ago\(|datetime\(/.test(q.query))).toBe(false);
  });

  it('applies settle to the after window only', async () => {
    const { res } = await compare(`hardeningAt=${HARDENING_AT}&window=6h&settle=2h&metrics=securityEvent`);

    const report = jsonOf<ComparisonReport>(res);
    expect(report.before).toEqual({ start: '2026-03-18T09:37:00.000Z', end: '2026-03-18T15:37:00.000Z' });
    expect(report.after).toEqual({ start: '2026-03-18T17:37:00.000Z', end: '2026-03-18T23:37:00.000Z' });
    expect(report.window).toBe('6h');
    expect(report.settle).toBe('2h');
    expect(report.metrics.map((m) => m.id)).toEqual(['securityEvent']);
  });

  it('falls back to NTANetAnalytics when AzureNetworkAnalytics_CL does not exist', async () => {
    const tables = baseDataset();
    delete tables['AzureNetworkAnalytics_CL'];
    tables['NTANetAnalytics'] = vnetFlows();
    fake.tables = tables;

    const { res } = await compare(`hardeningAt=${HARDENING_AT}`);

    const m = byId(jsonOf<ComparisonReport>(res));
    expect(m['maliciousFlowsAllowedIn']).toMatchObject({
      before: { status: 'ok', count: 6, source: 'NTANetAnalytics' },
      after: { status: 'ok', count: 0, source: 'NTANetAnalytics' },
    });
    expect(m['maliciousFlowsDeniedIn']).toMatchObject({
      before: { count: 2 },
      after: { count: 4 },
      percentChange: 100,
    });
  });

  it('prefers the legacy table when both exist', async () => {
    fake.tables = { ...baseDataset(), NTANetAnalytics: [...vnetFlows(), ...vnetFlows()] };

    const { res } = await compare(`hardeningAt=${HARDENING_AT}&metrics=maliciousFlowsAllowedIn`);

    expect(byId(jsonOf<ComparisonReport>(res))['maliciousFlowsAllowedIn']!.before).toEqual({
      status: 'ok',
      count: 6,
      source: 'AzureNetworkAnalytics_CL',
    });
  });

  it.each([false, true])(
    'reports not available (never 0) when neither flow table exists (fuzzy warnings: %s)',
    async (warnings) => {
      const tables = baseDataset();
      delete tables['AzureNetworkAnalytics_CL'];
      fake.tables = tables;
      fake.options.fuzzyWarnings = warnings;

      const { res } = await compare(`hardeningAt=${HARDENING_AT}`);

      expect(res.status).toBe(200);
      const m = byId(jsonOf<ComparisonReport>(res));
      for (const id of ['maliciousFlowsAllowedIn', 'maliciousFlowsDeniedIn']) {
        expect(m[id]!.before.status).toBe('not_available');
        expect(m[id]!.after.status).toBe('not_available');
        expect((m[id]!.before as { reason: string }).reason).toMatch(/AzureNetworkAnalytics_CL.*NTANetAnalytics/);
        expect(m[id]!.change).toBe('n/a');
        expect(m[id]!.percentChange).toBe('n/a');
        expect(m[id]!.before).not.toHaveProperty('count');
      }
      expect(m['securityEvent']!.before).toEqual({ status: 'ok', count: 30, source: 'SecurityEvent' });
    },
  );

  it('reports a partial failure and a failed query per metric, whatever order the batch answers in', async () => {
    fake.options.reverseBatch = true;
    fake.queryFaults.push(
      { match: /"securityIncident"/, kind: 'partial', code: 'PartialError', message: 'Query exceeded memory limit' },
      { match: /"syslog"/, kind: 'error', code: 'BadArgumentError', message: 'Syslog query rejected' },
    );

    const { res } = await compare(`hardeningAt=${HARDENING_AT}`);

    expect(res.status).toBe(200);
    const m = byId(jsonOf<ComparisonReport>(res));
    expect(m['syslog']!.before).toEqual({ status: 'failed', reason: 'BadArgumentError: Syslog query rejected' });
    expect(m['syslog']!.change).toBe('n/a');
    expect(m['securityIncident']!.after).toEqual({
      status: 'partial',
      count: 3,
      source: 'SecurityIncident',
      reason: 'PartialError: Query exceeded memory limit',
    });
    expect(m['securityIncident']!.percentChange).toBe('n/a');
    expect(m['securityEvent']).toMatchObject({ before: { count: 30 }, after: { count: 13 } });
    expect(m['maliciousFlowsDeniedIn']).toMatchObject({ before: { count: 2 }, after: { count: 4 } });
  });

  it('attributes two failed queries by elimination without mixing them up with answered ones', async () => {
    fake.options.reverseBatch = true;
    fake.queryFaults.push({ match: /"securityAlert"|"securityIncident"/, kind: 'error', code: 'E', message: 'down' });

    const { res } = await compare(`hardeningAt=${HARDENING_AT}`);

    const m = byId(jsonOf<ComparisonReport>(res));
    expect(m['securityAlert']!.before.status).toBe('failed');
    expect(m['securityIncident']!.before.status).toBe('failed');
    expect(m['syslog']!.before).toMatchObject({ status: 'ok', count: 5 });
  });

  it('turns a 403 into a 502 naming the Log Analytics Reader role and the workspace', async () => {
    fake.httpFaults.push({
      status: 403,
      body: {
        error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' },
      },
    });
    fake.httpFaults.push({ status: 403 });

    const { res, logs } = await compare(`hardeningAt=${HARDENING_AT}`);

    expect(res.status).toBe(502);
    const message = jsonOf<{ error: { message: string } }>(res).error.message;
    expect(message).toContain('Log Analytics Reader');
    expect(message).toContain(fake.workspaceId);
    expect(logs()).not.toContain('fake-log-analytics-token');
  });

  it.each([false, true])(
    'turns per-query 403s inside an accepted batch into the same 502 (answer without body: %s)',
    async (noBody) => {
      fake.queryFaults.push({
        match: /./,
        kind: 'error',
        status: 403,
        noBody,
        code: 'InsufficientAccessError',
        message: 'The provided credentials have insufficient access to perform the requested operation',
      });

      const { res } = await compare(`hardeningAt=${HARDENING_AT}`);

      expect(res.status).toBe(502);
      expect(JSON.stringify(jsonOf(res))).toContain('Log Analytics Reader');
    },
  );

  it('names the role for one refused query without failing the others', async () => {
    fake.queryFaults.push({
      match: /"securityIncident"/,
      kind: 'error',
      status: 403,
      code: 'InsufficientAccessError',
      message: 'no',
    });

    const { res } = await compare(`hardeningAt=${HARDENING_AT}&metrics=syslog,securityIncident`);

    expect(res.status).toBe(200);
    const m = byId(jsonOf<ComparisonReport>(res));
    expect(m['syslog']!.before).toMatchObject({ status: 'ok', count: 5 });
    expect(m['securityIncident']!.before).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('Log Analytics Reader'),
    });
  });

  it('lets the SDK retry a 429 with Retry-After', async () => {
    fake.httpFaults.push({
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { code: 'Throttled', message: 'slow down' } },
    });

    const { res } = await compare(`hardeningAt=${HARDENING_AT}&metrics=syslog`);

    expect(res.status).toBe(200);
    expect(byId(jsonOf<ComparisonReport>(res))['syslog']).toMatchObject({
      before: { count: 5 },
      after: { count: 5 },
    });
    expect(fake.requests).toHaveLength(3); // one batch throttled and retried, plus the other window
  });

  it.each([
    ['hardeningAt=yesterday', 'hardeningAt'],
    ['hardeningAt=2026-02-30T00:00:00Z', 'hardeningAt'],
    ['window=24h', 'hardeningAt'],
    [`hardeningAt=${HARDENING_AT}&window=31d`, 'window'],
    [`hardeningAt=${HARDENING_AT}&window=forever`, 'window'],
    [`hardeningAt=${HARDENING_AT}&settle=-1h`, 'settle'],
    [`hardeningAt=${HARDENING_AT}&metrics=securityEvent,Bogus`, 'metrics'],
    [`hardeningAt=${HARDENING_AT}&format=pdf`, 'format'],
    [`hardeningAt=${HARDENING_AT}&scale=cubic`, 'scale'],
    [`hardeningAt=2026-03-19T12:00:00Z&window=24h`, 'hardeningAt'],
    [`hardeningAt=${HARDENING_AT}&hardeningId=3f2c7a9e-0000-4000-8000-000000000000`, 'hardeningId'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const { res } = await compare(query);

    expect(res.status).toBe(400);
    const body = jsonOf<{ error: { fields: { field: string; message: string }[] } }>(res);
    expect(body.error.fields.map((f) => f.field)).toContain(field);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a window that is still in the future, saying when it ends', async () => {
    const { res } = await compare(`hardeningAt=2026-03-19T12:00:00Z`);

    expect(res.status).toBe(400);
    expect(JSON.stringify(jsonOf(res))).toContain('2026-03-20T12:00:00.000Z');
  });
});

describe('GET /api/metrics', () => {
  async function window(query: string) {
    const handler = makeMetricsWindowHandler(fakeRuntime(fake));
    return handler(get(`/api/metrics?${query}`), testContext('metrics-window').context);
  }

  it('counts any window in one round trip', async () => {
    const res = await window('start=2026-03-17T15:37:00Z&end=2026-03-18T15:37:00Z&metrics=securityEvent,securityAlert');

    expect(res.status).toBe(200);
    const counts = jsonOf<WindowCounts>(res);
    expect(counts.window).toEqual({ start: '2026-03-17T15:37:00.000Z', end: '2026-03-18T15:37:00.000Z' });
    expect(counts.metrics.map((m) => [m.id, m.value])).toEqual([
      ['securityEvent', { status: 'ok', count: 30, source: 'SecurityEvent' }],
      ['securityAlert', { status: 'ok', count: 4, source: 'SecurityAlert' }],
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['start=2026-03-18T00:00:00Z&end=2026-03-18T00:00:00Z', 'end'],
    ['start=2026-03-18T00:00:00Z&end=2026-03-17T00:00:00Z', 'end'],
    ['start=2026-01-01T00:00:00Z&end=2026-02-01T00:00:01Z', 'end'],
    ['start=not-a-time&end=2026-03-18T00:00:00Z', 'start'],
    ['start=2026-03-17T00:00:00Z&end=2026-13-01', 'end'],
    ['end=2026-03-18T00:00:00Z', 'start'],
    ['start=2026-03-17T00:00:00Z&end=2026-03-18T00:00:00Z&metrics=SecurityEvent', 'metrics'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await window(query);

    expect(res.status).toBe(400);
    expect(jsonOf<{ error: { fields: { field: string }[] } }>(res).error.fields.map((f) => f.field)).toEqual([field]);
    expect(fake.requests).toHaveLength(0);
  });

  it('treats an empty metrics list as all metrics', async () => {
    const res = await window('start=2026-03-17T15:37:00Z&end=2026-03-18T15:37:00Z&metrics=,');

    expect(res.status).toBe(200);
    expect(jsonOf<WindowCounts>(res).metrics).toHaveLength(6);
  });

  it('accepts a window of exactly 30 days', async () => {
    const res = await window('start=2026-01-01T00:00:00Z&end=2026-01-31T00:00:00Z&metrics=syslog');

    expect(res.status).toBe(200);
  });

  it('answers 503 naming LOG_ANALYTICS_WORKSPACE_ID when it is not configured', async () => {
    const { createMetricsRuntime } = await import('../../shared/metrics/metrics-runtime');
    const handler = makeMetricsWindowHandler(createMetricsRuntime({ env: {} }));

    const res = await handler(get('/api/metrics?start=2026-03-17&end=2026-03-18'), testContext().context);

    expect(res.status).toBe(503);
    expect(JSON.stringify(jsonOf(res))).toContain('LOG_ANALYTICS_WORKSPACE_ID');
  });
});
