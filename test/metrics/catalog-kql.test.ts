// Every KQL in the catalog goes through Kusto's official parser (@kusto/language-service-next): no syntax errors,
// and no semantic errors against the documented table schemas.
import { METRICS, metricQuery, sourceQuery } from '../../shared/metrics/catalog';

/* eslint-disable @typescript-eslint/no-require-imports */
interface Diagnostic {
  Severity: string;
  Message: string;
}
interface Diagnostics {
  Count: number;
  getItem(i: number): Diagnostic;
}
interface KustoGlobal {
  Language: {
    KustoCode: {
      Parse(text: string): { GetDiagnostics(): Diagnostics };
      ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): Diagnostics };
    };
    GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
    Symbols: {
      TableSymbol: { From(schema: string): { WithName(name: string): unknown } };
      DatabaseSymbol: { $ctor1: new (name: string, members: unknown[]) => unknown };
    };
  };
}

let Kusto: KustoGlobal;
let allTables: unknown;

beforeAll(() => {
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  Kusto = (globalThis as unknown as { Kusto: KustoGlobal }).Kusto;
  allTables = globals(Object.keys(SCHEMAS));
});

// Column names and types from the Azure Monitor table reference and the traffic analytics schema.
const SCHEMAS: Record<string, string> = {
  SecurityEvent: '(TimeGenerated:datetime, EventID:int, Computer:string)',
  Syslog: '(TimeGenerated:datetime, Facility:string, SeverityLevel:string)',
  SecurityAlert: '(TimeGenerated:datetime, DisplayName:string, AlertSeverity:string)',
  SecurityIncident: '(TimeGenerated:datetime, IncidentNumber:int, Title:string)',
  AzureNetworkAnalytics_CL:
    '(TimeGenerated:datetime, SubType_s:string, FlowType_s:string, AllowedInFlows_d:real, DeniedInFlows_d:real)',
  NTANetAnalytics: '(TimeGenerated:datetime, SubType:string, FlowType:string, AllowedInFlows:long, DeniedInFlows:long)',
};

function globals(tables: string[]) {
  const symbols = tables.map((t) => Kusto.Language.Symbols.TableSymbol.From(SCHEMAS[t]!).WithName(t));
  const db = new Kusto.Language.Symbols.DatabaseSymbol.$ctor1('workspace', symbols);
  return Kusto.Language.GlobalState.Default.WithDatabase(db);
}

function messages(d: Diagnostics): string[] {
  return Array.from({ length: d.Count }, (_, i) => `${d.getItem(i).Severity}: ${d.getItem(i).Message}`);
}

const queries = METRICS.flatMap((m) => [
  [`${m.id} (batch query)`, metricQuery(m)] as const,
  ...m.sources.map((s) => [`${m.id} from ${s.table} (portal query)`, sourceQuery(s)] as const),
]);

describe('catalog KQL', () => {
  it.each(queries)('%s has no syntax errors', (_name, query) => {
    expect(messages(Kusto.Language.KustoCode.Parse(query).GetDiagnostics())).toEqual([]);
  });

  it.each(queries)('%s has no semantic errors against the documented schemas', (_name, query) => {
    const diagnostics = Kusto.Language.KustoCode.ParseAndAnalyze(query, allTables).GetDiagnostics();

    expect(messages(diagnostics)).toEqual([]);
  });

  it.each(METRICS.filter((m) => m.sources.length > 1).map((m) => [m.id, metricQuery(m)]))(
    '%s only warns (never errors) when its flow tables do not exist',
    (_id, query) => {
      const diagnostics = messages(
        Kusto.Language.KustoCode.ParseAndAnalyze(query, globals(['SecurityEvent'])).GetDiagnostics(),
      );

      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((d) => d.startsWith('Warning:'))).toBe(true);
    },
  );

  it('the parser does flag a broken query (so the checks above can fail)', () => {
    const broken = metricQuery(METRICS[0]!).replace('count()', 'count(');

    expect(messages(Kusto.Language.KustoCode.Parse(broken).GetDiagnostics()).length).toBeGreaterThan(0);
  });

  it('passes no time range inside the KQL (the window is the query timespan)', () => {
    for (const [, query] of queries) expect(query).not.toMatch(/TimeGenerated|ago\(|datetime\(/);
  });

  it('cites the traffic analytics documentation for the flow tables', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(require.resolve('../../shared/metrics/catalog.ts'), 'utf8');

    expect(source).toContain('https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/ntanetanalytics');
    expect(source).toContain('https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics-schema');
  });
});
