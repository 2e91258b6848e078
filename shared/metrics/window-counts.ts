// Counts the catalog's metrics over one window with ONE round trip (the Logs batch API), and turns each answer
// into a per-metric value: a count, `not_available` (no table), `partial` or `failed`. One bad query never fails
// the others; only a failure of the whole request (403, 404, network) throws.
import type {
  LogsQueryBatchResult,
  LogsQueryClient,
  LogsQueryError,
  LogsQueryPartialResult,
  LogsQuerySuccessfulResult,
  LogsTable,
} from '@azure/monitor-query-logs';
import { UpstreamError, ensureErrorType } from '../errors';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import { METRICS, NO_SOURCE, metricQuery, type MetricDefinition, type MetricId } from './catalog';
import type { TimeWindow } from './time-window';

export type MetricValue =
  | { status: 'ok'; count: number; source: string }
  | { status: 'partial'; count: number; source: string; reason: string }
  | { status: 'not_available'; reason: string }
  | { status: 'failed'; reason: string };

export interface MetricCount {
  id: MetricId;
  label: string;
  value: MetricValue;
}

export interface WindowCounts {
  workspace: string;
  window: { start: string; end: string };
  metrics: MetricCount[];
}

export interface WindowCounter {
  readonly workspaceId: string;
  count(window: TimeWindow, metricIds?: readonly MetricId[]): Promise<WindowCounts>;
}

export interface WindowCounterDeps {
  client: LogsQueryClient;
  workspaceId: string;
  logger: Logger;
  /** Server-side timeout per query, seconds (Prefer: wait=…). */
  serverTimeoutInSeconds?: number;
}

/** Message for the one fault people hit first: the identity lacks the reader role. */
export function forbiddenMessage(workspaceId: string): string {
  return (
    `Log Analytics refused the query (HTTP 403) for workspace ${workspaceId}. ` +
    `Grant the Function App's managed identity the "Log Analytics Reader" role on that workspace ` +
    `(or on its resource group), then retry.`
  );
}

export function createWindowCounter(deps: WindowCounterDeps): WindowCounter {
  const { client, workspaceId, logger } = deps;
  return {
    workspaceId,
    async count(window, metricIds) {
      const metrics = metricIds ? METRICS.filter((m) => metricIds.includes(m.id)) : [...METRICS];
      const timespan = { startTime: window.start, endTime: window.end };
      let results: LogsQueryBatchResult;
      try {
        results = await client.queryBatch(
          metrics.map((m) => ({
            workspaceId,
            query: metricQuery(m),
            timespan,
            ...(deps.serverTimeoutInSeconds ? { serverTimeoutInSeconds: deps.serverTimeoutInSeconds } : {}),
          })),
        );
      } catch (err) {
        throw toUpstreamError(err, workspaceId);
      }
      const { values, forbidden } = attribute(metrics, results, workspaceId);
      if (forbidden === metrics.length) {
        throw new UpstreamError(forbiddenMessage(workspaceId), 'LogAnalytics', 403);
      }
      const counts: WindowCounts = {
        workspace: workspaceId,
        window: { start: window.start.toISOString(), end: window.end.toISOString() },
        metrics: metrics.map((m) => ({ id: m.id, label: m.label, value: values.get(m.id)! })),
      };
      const summary = counts.metrics.map((m) => `${m.id}=${m.value.status}`).join(' ');
      logger.info(`metrics: window ${counts.window.start}/${counts.window.end} workspace ${workspaceId}: ${summary}`);
      return counts;
    },
  };
}

type BatchItem = LogsQueryBatchResult[number];

interface Answer {
  rows: { metric: string; source: string; count: number }[];
  error?: string;
  /** The query was refused for lack of access (inside a batch the service answers 403 per query). */
  forbidden: boolean;
}

const ACCESS_DENIED = /^403$|insufficientaccess|forbidden|authorizationfailed/i;

function readAnswer(item: BatchItem): Answer {
  // The status enum is a value of the lazily imported SDK, so compare its string form.
  const status = String(item.status);
  if (status === 'Failure') {
    const failure = item as LogsQueryError;
    const forbidden = ACCESS_DENIED.test(failure.code ?? '');
    return { rows: [], error: describe(failure.code, failure.message), forbidden };
  }
  let tables: LogsTable[];
  let error: string | undefined;
  let denied = false;
  if (status === 'PartialFailure') {
    const partial = item as LogsQueryPartialResult;
    tables = partial.partialTables;
    error = describe(partial.partialError.code, partial.partialError.message);
    denied = ACCESS_DENIED.test(partial.partialError.code ?? '');
  } else {
    tables = (item as LogsQuerySuccessfulResult).tables;
  }
  const rows = tables.flatMap(readRows);
  return { rows, ...(error ? { error } : {}), forbidden: denied && rows.length === 0 };
}

function readRows(table: LogsTable): Answer['rows'] {
  const col = (name: string) => table.columnDescriptors.findIndex((c) => c.name === name);
  const [m, s, c] = [col('Metric'), col('Source'), col('Count')];
  if (m < 0 || s < 0 || c < 0) return [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return table.rows.map((row) => ({
    metric: str(row[m]),
    source: str(row[s]),
    count: typeof row[c] === 'number' ? row[c] : Number.NaN,
  }));
}

function describe(code: string | undefined, message: string | undefined): string {
  const text = [code, message].filter(Boolean).join(': ') || 'unknown error';
  return String(redact(text)).slice(0, 400);
}

/**
 * Matches answers to metrics. Answers name their metric in a column; answers without rows (failed queries) are
 * matched to the metrics still unanswered, in order, because the SDK returns the service's order and the service
 * does not promise request order.
 */
function attribute(
  metrics: MetricDefinition[],
  results: LogsQueryBatchResult,
  workspaceId: string,
): { values: Map<MetricId, MetricValue>; forbidden: number } {
  const values = new Map<MetricId, MetricValue>();
  let forbidden = 0;
  const orphans: Answer[] = [];
  for (const item of results) {
    const answer = readAnswer(item);
    const metric = metrics.find((m) => answer.rows.some((r) => r.metric === m.id));
    if (metric && !values.has(metric.id)) values.set(metric.id, valueOf(metric, answer));
    else orphans.push(answer);
  }
  for (const metric of metrics) {
    if (values.has(metric.id)) continue;
    const orphan = orphans.shift();
    if (orphan?.forbidden) forbidden++;
    values.set(
      metric.id,
      orphan
        ? {
            status: 'failed',
            reason: orphan.forbidden ? forbiddenMessage(workspaceId) : (orphan.error ?? 'the query returned no rows'),
          }
        : { status: 'failed', reason: 'the batch response had no answer for this query' },
    );
  }
  return { values, forbidden };
}

const FUZZY_WARNING = /failed to resolve/i;

function valueOf(metric: MetricDefinition, answer: Answer): MetricValue {
  const rows = answer.rows.filter((r) => r.metric === metric.id);
  const markerSeen = rows.some((r) => r.source === NO_SOURCE);
  const chosen = metric.sources.map((s) => rows.find((r) => r.source === s.table)).find((r) => r !== undefined);
  // A fuzzy union reports tables it could not resolve as a warning; with the marker row present the query ran.
  const onlyMissingTables = answer.error !== undefined && FUZZY_WARNING.test(answer.error) && markerSeen;
  const error = onlyMissingTables ? undefined : answer.error;
  if (!chosen) {
    if (error) return { status: 'failed', reason: error };
    const tables = metric.sources.map((s) => `${s.table} (${s.note})`).join(', ');
    return {
      status: 'not_available',
      reason:
        metric.sources.length > 1
          ? `none of its tables exist in the workspace: ${tables}`
          : `table ${tables} does not exist in the workspace`,
    };
  }
  if (!Number.isFinite(chosen.count))
    return { status: 'failed', reason: `${chosen.source} returned a non-numeric count` };
  if (error) return { status: 'partial', count: chosen.count, source: chosen.source, reason: error };
  return { status: 'ok', count: chosen.count, source: chosen.source };
}

function toUpstreamError(err: unknown, workspaceId: string): UpstreamError {
  const e = ensureErrorType(err);
  const status = (err as { statusCode?: number }).statusCode;
  const code = (err as { code?: string }).code;
  if (status === 403) return new UpstreamError(forbiddenMessage(workspaceId), 'LogAnalytics', 403, { cause: err });
  if (status === 401)
    return new UpstreamError(
      `Log Analytics rejected the credential (HTTP 401) for workspace ${workspaceId}; check the managed identity`,
      'LogAnalytics',
      401,
      { cause: err },
    );
  if (status === 404)
    return new UpstreamError(
      `Log Analytics workspace ${workspaceId} was not found (HTTP 404); check LOG_ANALYTICS_WORKSPACE_ID (the workspace id, not its name)`,
      'LogAnalytics',
      404,
      { cause: err },
    );
  const detail = String(redact(e.message)).slice(0, 300);
  return new UpstreamError(
    `Log Analytics query failed${status ? ` (HTTP ${status}${code ? ` ${code}` : ''})` : ''}: ${detail}`,
    'LogAnalytics',
    status,
    { cause: err },
  );
}
