// Shared fixtures for the metrics tests: a workspace dataset around one hardening time, and a metrics runtime
// wired to the loopback Log Analytics fake (and, when given, Azurite tables).
import { HttpRequest, type HttpResponse, type HttpResponseInit } from '@azure/functions';
import type { ComparisonReport } from '../../shared/metrics/comparison';
import type { TableClientFactory } from '../../shared/storage/table-client-factory';
import { createMetricsRuntime, type MetricsServiceFactory } from '../../shared/metrics/metrics-runtime';
import type { FakeDataset, FakeLogAnalytics, FakeRow } from '../fakes/log-analytics-server';

export const HARDENING_AT = '2026-03-18T15:37:00.000Z';
export const NOW = new Date('2026-03-20T00:00:00.000Z');
const H = 3600_000;
const at = (offsetHours: number) => new Date(Date.parse(HARDENING_AT) + offsetHours * H).toISOString();

/** `n` rows spread evenly over the hour range [fromHours, toHours) relative to the hardening time. */
export function rows(
  n: number,
  fromHours: number,
  toHours: number,
  extra: Record<string, string | number> = {},
): FakeRow[] {
  return Array.from({ length: n }, (_, i) => ({
    TimeGenerated: at(fromHours + ((toHours - fromHours) * (i + 0.5)) / n),
    ...extra,
  }));
}

const legacyFlow = (allowedIn: number, deniedIn: number, flowType = 'MaliciousFlow') => ({
  SubType_s: 'FlowLog',
  FlowType_s: flowType,
  AllowedInFlows_d: allowedIn,
  DeniedInFlows_d: deniedIn,
});

const vnetFlow = (allowedIn: number, deniedIn: number, flowType = 'MaliciousFlow') => ({
  SubType: 'FlowLog',
  FlowType: flowType,
  AllowedInFlows: allowedIn,
  DeniedInFlows: deniedIn,
});

/**
 * Before = [-24h, 0), after = [0, 24h). Expected counts (before → after):
 * SecurityEvent 30 → 13 (one row exactly at the hardening time counts as after; rows outside both windows don't),
 * Syslog 5 → 5, SecurityAlert 4 → 0 (CUSTOM/TEST alerts excluded), SecurityIncident 0 → 3,
 * malicious allowed in 6 → 0, malicious denied in 2 → 4.
 */
export function baseDataset(): FakeDataset {
  return {
    SecurityEvent: [
      ...rows(30, -24, 0),
      ...rows(12, 0.5, 24),
      { TimeGenerated: HARDENING_AT },
      ...rows(3, -60, -30),
      ...rows(2, 30, 40),
    ],
    Syslog: [...rows(5, -24, 0), ...rows(5, 0, 24)],
    SecurityAlert: [
      ...rows(4, -20, -1, { DisplayName: 'Brute force attempt' }),
      ...rows(2, -20, -1, { DisplayName: 'CUSTOM: SSH brute force' }),
      ...rows(1, -20, -1, { DisplayName: 'test alert please ignore' }),
      ...rows(1, 1, 2, { DisplayName: 'TEST-after' }),
    ],
    SecurityIncident: rows(3, 2, 20),
    AzureNetworkAnalytics_CL: [
      ...rows(6, -23, -1, legacyFlow(1, 0)),
      ...rows(2, -23, -1, legacyFlow(0, 3)),
      ...rows(3, -23, -1, legacyFlow(5, 0, 'ExternalPublic')),
      ...rows(4, 1, 23, legacyFlow(0, 1)),
    ],
  };
}

/** The same flows, as VNet flow log traffic analytics (NTANetAnalytics) rows. */
export function vnetFlows(): FakeRow[] {
  return [
    ...rows(6, -23, -1, vnetFlow(1, 0)),
    ...rows(2, -23, -1, vnetFlow(0, 3)),
    ...rows(3, -23, -1, vnetFlow(5, 0, 'ExternalPublic')),
    ...rows(4, 1, 23, vnetFlow(0, 1)),
  ];
}

export function fakeRuntime(
  fake: FakeLogAnalytics,
  options: { tables?: TableClientFactory; now?: Date } = {},
): MetricsServiceFactory {
  return createMetricsRuntime({
    env: { LOG_ANALYTICS_WORKSPACE_ID: fake.workspaceId },
    logs: {
      endpoint: fake.endpoint,
      credential: fake.credential,
      httpClient: fake.httpClient,
      retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
    },
    ...(options.tables ? { tables: options.tables } : {}),
    clock: () => options.now ?? NOW,
  });
}

export function get(path: string, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'GET', url: `http://127.0.0.1:7071${path}`, headers });
}

export function post(path: string, body: unknown): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: `http://127.0.0.1:7071${path}`,
    headers: { 'content-type': 'application/json' },
    body: { string: typeof body === 'string' ? body : JSON.stringify(body) },
  });
}

/** A report shaped like the tutorial's numbers, with one missing and one failed value. */
export const EVIL = `<script>alert("x")</script> & "quotes" 'single' | pipe *bold* [link](http://e.x)`;

export function sampleReport(note = 'NSG locked down, RDP closed'): ComparisonReport {
  return {
    workspace: '11111111-2222-3333-4444-555555555555',
    hardening: { id: '3f2c7a9e-0000-4000-8000-000000000001', at: '2023-03-18T15:37:00.000Z', note },
    window: '24h',
    settle: '0',
    before: { start: '2023-03-17T15:37:00.000Z', end: '2023-03-18T15:37:00.000Z' },
    after: { start: '2023-03-18T15:37:00.000Z', end: '2023-03-19T15:37:00.000Z' },
    metrics: [
      {
        id: 'securityEvent',
        label: 'SecurityEvent',
        before: { status: 'ok', count: 19470, source: 'SecurityEvent' },
        after: { status: 'ok', count: 8778, source: 'SecurityEvent' },
        change: -10692,
        percentChange: -54.9,
      },
      {
        id: 'syslog',
        label: 'Syslog',
        before: { status: 'ok', count: 1200, source: 'Syslog' },
        after: { status: 'ok', count: 25, source: 'Syslog' },
        change: -1175,
        percentChange: -97.9,
      },
      {
        id: 'securityAlert',
        label: 'SecurityAlert',
        before: { status: 'ok', count: 6, source: 'SecurityAlert' },
        after: { status: 'ok', count: 0, source: 'SecurityAlert' },
        change: -6,
        percentChange: -100,
      },
      {
        id: 'securityIncident',
        label: 'SecurityIncident',
        before: { status: 'ok', count: 0, source: 'SecurityIncident' },
        after: { status: 'ok', count: 0, source: 'SecurityIncident' },
        change: 0,
        percentChange: 'n/a',
      },
      {
        id: 'maliciousFlowsAllowedIn',
        label: 'Malicious flows allowed in',
        before: { status: 'ok', count: 210, source: 'AzureNetworkAnalytics_CL' },
        after: { status: 'ok', count: 0, source: 'AzureNetworkAnalytics_CL' },
        change: -210,
        percentChange: -100,
      },
      {
        id: 'maliciousFlowsDeniedIn',
        label: 'Malicious flows denied in',
        before: { status: 'not_available', reason: 'none of its tables exist in the workspace' },
        after: { status: 'failed', reason: EVIL },
        change: 'n/a',
        percentChange: 'n/a',
      },
    ],
  };
}

/** The JSON body of a handler's response (handlers built on httpHandler always answer an HttpResponseInit). */
export function jsonOf<T = unknown>(res: HttpResponseInit | HttpResponse): T {
  return (res as HttpResponseInit).jsonBody as T;
}
