// Benchmark: GET /api/metrics/compare end to end (trigger handler, real LogsQueryClient) against the loopback
// Log Analytics fake answering each HTTP request after 20 ms. Prints HTTP round trips per compare (target 2: one
// batch per window, sent in parallel) and the median wall time per compare.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { makeMetricsCompareHandler } from '../functions/metrics-compare-http';
import { createMetricsRuntime } from '../shared/metrics/metrics-runtime';
import { startFakeLogAnalytics, type FakeDataset } from '../test/fakes/log-analytics-server';

const HARDENING_AT = Date.parse('2026-03-18T15:37:00Z');
const ITERATIONS = 20;

function dataset(): FakeDataset {
  const spread = (n: number, fromH: number, toH: number, extra: Record<string, string | number> = {}) =>
    Array.from({ length: n }, (_, i) => ({
      TimeGenerated: new Date(HARDENING_AT + (fromH + ((toH - fromH) * (i + 0.5)) / n) * 3600_000).toISOString(),
      ...extra,
    }));
  const flow = { SubType_s: 'FlowLog', FlowType_s: 'MaliciousFlow', AllowedInFlows_d: 1, DeniedInFlows_d: 1 };
  return {
    SecurityEvent: [...spread(2000, -24, 0), ...spread(900, 0, 24)],
    Syslog: [...spread(300, -24, 0), ...spread(25, 0, 24)],
    SecurityAlert: spread(20, -24, 0, { DisplayName: 'Brute force' }),
    SecurityIncident: spread(5, -24, 0),
    AzureNetworkAnalytics_CL: spread(200, -24, 0, flow),
  };
}

export async function run(): Promise<void> {
  const fake = await startFakeLogAnalytics({ tables: dataset(), latencyMs: 20 });
  try {
    const services = createMetricsRuntime({
      env: { LOG_ANALYTICS_WORKSPACE_ID: fake.workspaceId },
      logs: { endpoint: fake.endpoint, credential: fake.credential, httpClient: fake.httpClient },
      clock: () => new Date('2026-03-20T00:00:00Z'),
    });
    const handler = makeMetricsCompareHandler(services);
    const compareOnce = async () => {
      const req = new HttpRequest({
        method: 'GET',
        url: `http://127.0.0.1/api/metrics/compare?hardeningAt=${new Date(HARDENING_AT).toISOString()}&window=24h`,
      });
      const res = await handler(req, new InvocationContext({ functionName: 'metricsCompare', logHandler: () => {} }));
      if (res.status !== 200) throw new Error(`compare answered ${res.status}`);
    };
    await compareOnce(); // warm-up: lazy imports, client construction, first connection
    await compareOnce();
    const before = fake.requests.length;
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const start = process.hrtime.bigint();
      await compareOnce();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const roundTrips = (fake.requests.length - before) / ITERATIONS;
    times.sort((a, b) => a - b);
    const median = (times[Math.floor((ITERATIONS - 1) / 2)]! + times[Math.ceil((ITERATIONS - 1) / 2)]!) / 2;
    console.log(`bench metrics.compare.roundtrips: ${roundTrips}`);
    console.log(`bench metrics.compare.ms: ${median.toFixed(1)}`);
  } finally {
    await fake.close();
  }
}
