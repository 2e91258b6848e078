// The catalog of security metrics: one named KQL query per metric, each counting over the window that is passed
// to Log Analytics as the query timespan (never string-built into the KQL).
//
// Every query is a fuzzy union of the metric's candidate tables (in order of preference) plus a `print` row that
// always exists, so a missing table never fails the query or the batch: the rows that come back say which
// tables exist. Each row carries the metric id, because the batch API does not promise to answer in request order.
//
// Network flows. NSG flow logs (traffic analytics table AzureNetworkAnalytics_CL, columns FlowType_s,
// AllowedInFlows_d, DeniedInFlows_d, SubType_s) are being retired in favour of VNet flow logs, whose traffic
// analytics table is NTANetAnalytics (columns FlowType, AllowedInFlows, DeniedInFlows, SubType; malicious flows
// have FlowType == "MaliciousFlow"). Sources:
//   https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics-schema
//   https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/ntanetanalytics
//   https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics-queries (NTANetAnalytics queries)

export const METRIC_IDS = [
  'securityEvent',
  'syslog',
  'securityAlert',
  'securityIncident',
  'maliciousFlowsAllowedIn',
  'maliciousFlowsDeniedIn',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricSource {
  /** The Log Analytics table. */
  table: string;
  /** Filters applied to the table (KQL `where` predicate), if any. */
  where?: string;
  /** Why this table, for the docs and the "not available" reason. */
  note: string;
}

export interface MetricDefinition {
  id: MetricId;
  /** The name people see in tables and the chart: the tutorial's metric names. */
  label: string;
  description: string;
  /** Candidate sources in order of preference: the first one that exists in the workspace is used. */
  sources: readonly MetricSource[];
}

const LEGACY_FLOWS = 'AzureNetworkAnalytics_CL';
const VNET_FLOWS = 'NTANetAnalytics';

export const METRICS: readonly MetricDefinition[] = [
  {
    id: 'securityEvent',
    label: 'SecurityEvent',
    description: 'Windows security events collected from the VMs.',
    sources: [{ table: 'SecurityEvent', note: 'Windows security event log' }],
  },
  {
    id: 'syslog',
    label: 'Syslog',
    description: 'Linux syslog messages collected from the VMs.',
    sources: [{ table: 'Syslog', note: 'Linux syslog' }],
  },
  {
    id: 'securityAlert',
    label: 'SecurityAlert',
    description: 'Alerts, excluding test alerts whose display name starts with CUSTOM or TEST.',
    sources: [
      {
        table: 'SecurityAlert',
        where: 'DisplayName !startswith "CUSTOM" and DisplayName !startswith "TEST"',
        note: 'Defender for Cloud / Sentinel alerts',
      },
    ],
  },
  {
    id: 'securityIncident',
    label: 'SecurityIncident',
    description: 'Microsoft Sentinel incident records.',
    sources: [{ table: 'SecurityIncident', note: 'Microsoft Sentinel incidents' }],
  },
  {
    id: 'maliciousFlowsAllowedIn',
    label: 'Malicious flows allowed in',
    description: 'Traffic analytics flows from known malicious IPs that were allowed in.',
    sources: [
      {
        table: LEGACY_FLOWS,
        where: 'SubType_s == "FlowLog" and FlowType_s == "MaliciousFlow" and AllowedInFlows_d > 0',
        note: 'NSG flow logs (traffic analytics, legacy)',
      },
      {
        table: VNET_FLOWS,
        where: 'SubType == "FlowLog" and FlowType == "MaliciousFlow" and AllowedInFlows > 0',
        note: 'VNet flow logs (traffic analytics)',
      },
    ],
  },
  {
    id: 'maliciousFlowsDeniedIn',
    label: 'Malicious flows denied in',
    description: 'Traffic analytics flows from known malicious IPs that were denied.',
    sources: [
      {
        table: LEGACY_FLOWS,
        where: 'SubType_s == "FlowLog" and FlowType_s == "MaliciousFlow" and DeniedInFlows_d > 0',
        note: 'NSG flow logs (traffic analytics, legacy)',
      },
      {
        table: VNET_FLOWS,
        where: 'SubType == "FlowLog" and FlowType == "MaliciousFlow" and DeniedInFlows > 0',
        note: 'VNet flow logs (traffic analytics)',
      },
    ],
  },
];

/** The marker row's Source value: present in every answer, so an answer with only this row means "no table". */
export const NO_SOURCE = '';

/** Output columns of every catalog query. */
export const RESULT_COLUMNS = ['Metric', 'Source', 'Count'] as const;

export function metricDefinition(id: MetricId): MetricDefinition {
  const found = METRICS.find((m) => m.id === id);
  if (!found) throw new Error(`Unknown metric ${String(id)}`);
  return found;
}

export function isMetricId(value: string): value is MetricId {
  return (METRIC_IDS as readonly string[]).includes(value);
}

/** The plain per-table query (what a person would paste into the portal), without the union wrapper. */
export function sourceQuery(source: MetricSource): string {
  return `${source.table}${source.where ? `\n| where ${source.where}` : ''}\n| summarize Count = count()`;
}

/** The KQL sent for one metric: a fuzzy union of its sources and a marker row, labelled with the metric id. */
export function metricQuery(metric: MetricDefinition): string {
  const legs = metric.sources.map(
    (s) =>
      `    (${s.table}${s.where ? ` | where ${s.where}` : ''} | summarize Count = count() | extend Source = "${s.table}")`,
  );
  legs.push(`    (print Source = "${NO_SOURCE}", Count = long(0))`);
  return [
    'union isfuzzy=true',
    legs.join(',\n'),
    `| extend Metric = "${metric.id}"`,
    `| project ${RESULT_COLUMNS.join(', ')}`,
  ].join('\n');
}
