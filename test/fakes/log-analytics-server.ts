// A loopback fake of the Log Analytics query API (POST /v1/workspaces/{id}/query and /v1/$batch) for the real
// @azure/monitor-query-logs client. It checks the bearer token and the timespan, evaluates the small KQL subset
// the metrics catalog emits (fuzzy unions of `T | where … | summarize Count = count() | extend Source = "…"` legs
// and `print` rows) over an in-memory dataset, and can inject faults (HTTP status, per-query errors, partial
// results, latency, shuffled batch order). Also used by bench/metrics.bench.ts, so it must not use jest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createPipelineRequest,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';

export type FakeCell = string | number | boolean;
/** A row of a fake table; `TimeGenerated` (ISO) decides whether it falls in a query's timespan. */
export type FakeRow = { TimeGenerated: string } & Record<string, FakeCell>;
/** Tables present in the workspace. A table absent from this map does not exist (fuzzy unions drop it). */
export type FakeDataset = Record<string, FakeRow[]>;

export interface HttpFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface QueryFault {
  /** Applies to queries whose text matches. */
  match: RegExp;
  /** `error`: the query fails (400 in a batch answer); `partial`: tables plus an `error` (PartialFailure). */
  kind: 'error' | 'partial';
  code: string;
  message: string;
  /** Applies this many times (default: always). */
  times?: number;
  /** Status of a failed query's answer (default 400). */
  status?: number;
  /** Leave out the failed answer's body, as the service may (the SDK then reports only the status). */
  noBody?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  prefer: string | undefined;
  body: unknown;
}

export interface RecordedQuery {
  workspace: string;
  query: string;
  timespan: string;
  start: string;
  end: string;
}

export interface FakeLogAnalyticsOptions {
  workspaceId?: string;
  tables?: FakeDataset;
  latencyMs?: number;
  /** Answer batches in reverse order (the service does not promise request order). */
  reverseBatch?: boolean;
  /** Report tables a fuzzy union could not resolve as a warning (`error` next to `tables`), as the service may. */
  fuzzyWarnings?: boolean;
}

export interface FakeLogAnalytics {
  readonly workspaceId: string;
  /** `https://127.0.0.1:<port>/v1`: give it to the client together with `httpClient`. */
  readonly endpoint: string;
  readonly httpClient: HttpClient;
  readonly credential: TokenCredential;
  tables: FakeDataset;
  readonly options: FakeLogAnalyticsOptions;
  readonly requests: RecordedRequest[];
  readonly queries: RecordedQuery[];
  readonly httpFaults: HttpFault[];
  readonly queryFaults: QueryFault[];
  close(): Promise<void>;
}

const DEFAULT_WORKSPACE = '11111111-2222-3333-4444-555555555555';

/** A credential that never calls Entra ID. */
export const staticCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: 'fake-log-analytics-token', expiresOnTimestamp: Date.now() + 3600_000 }),
};

/**
 * Sends the SDK's https://127.0.0.1 requests over plain http to the loopback fake and hands back the response
 * with the ORIGINAL request (the bearer policy refuses http:// endpoints outright).
 */
export function loopbackHttpClient(): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const url = new URL(request.url);
      if (url.hostname !== '127.0.0.1') throw new Error(`loopbackHttpClient refuses ${url.hostname}`);
      url.protocol = 'http:';
      const forwarded = createPipelineRequest({
        url: url.toString(),
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeout: request.timeout,
        abortSignal: request.abortSignal,
        allowInsecureConnection: true,
      });
      const response = await inner.sendRequest(forwarded);
      return { ...response, request };
    },
  };
}

class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Leg {
  kind: 'table' | 'print';
  table?: string;
  where?: string;
  source: string;
  count?: number;
}

interface Answer {
  status: number;
  body: { tables?: unknown[]; error?: { code: string; message: string } } | undefined;
}

const TIMESPAN = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\/(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Parses the catalog's query shape. Anything else is a SemanticError, so a drifting query fails loudly. */
function parseQuery(query: string): { legs: Leg[]; metric: string } {
  const text = query.replace(/\s+/g, ' ').trim();
  const m = /^union isfuzzy=true (.*) \| extend Metric = "([^"]+)" \| project Metric, Source, Count$/.exec(text);
  if (!m) throw new QueryError('SemanticError', 'The fake Log Analytics cannot evaluate this query shape');
  const legs = splitTopLevel(m[1]!).map((raw): Leg => {
    const inner = raw.replace(/^\((.*)\)$/, '$1').trim();
    const print = /^print Source = "([^"]*)", Count = long\((\d+)\)$/.exec(inner);
    if (print) return { kind: 'print', source: print[1]!, count: Number(print[2]) };
    const leg = /^(\w+)(?: \| where (.+?))? \| summarize Count = count\(\) \| extend Source = "([^"]+)"$/.exec(inner);
    if (!leg) throw new QueryError('SyntaxError', `The fake cannot parse union leg: ${inner}`);
    return { kind: 'table', table: leg[1]!, ...(leg[2] ? { where: leg[2] } : {}), source: leg[3]! };
  });
  return { legs, metric: m[2]! };
}

const CONDITION = /^(\w+) (==|!=|>|<|startswith|!startswith) (?:"([^"]*)"|(-?\d+(?:\.\d+)?))$/;

function predicate(where: string | undefined, columns: Set<string>): (row: FakeRow) => boolean {
  if (!where) return () => true;
  const tests = where.split(' and ').map((cond) => {
    const c = CONDITION.exec(cond.trim());
    if (!c) throw new QueryError('SyntaxError', `The fake cannot evaluate condition: ${cond}`);
    const [, column, op, str, num] = c;
    if (columns.size > 0 && !columns.has(column!))
      throw new QueryError('SemanticError', `Failed to resolve scalar expression named '${column}'`);
    const expected: FakeCell = str !== undefined ? str : Number(num);
    return (row: FakeRow) => {
      const v = row[column!];
      if (v === undefined) return false;
      switch (op) {
        case '==':
          return v === expected;
        case '!=':
          return v !== expected;
        case '>':
          return Number(v) > Number(expected);
        case '<':
          return Number(v) < Number(expected);
        case 'startswith':
          return String(v).toLowerCase().startsWith(String(expected).toLowerCase());
        default:
          return !String(v).toLowerCase().startsWith(String(expected).toLowerCase());
      }
    };
  });
  return (row) => tests.every((t) => t(row));
}

export async function startFakeLogAnalytics(options: FakeLogAnalyticsOptions = {}): Promise<FakeLogAnalytics> {
  const workspaceId = options.workspaceId ?? DEFAULT_WORKSPACE;
  const state = {
    tables: options.tables ?? {},
    requests: [] as RecordedRequest[],
    queries: [] as RecordedQuery[],
    httpFaults: [] as HttpFault[],
    queryFaults: [] as QueryFault[],
  };

  function evaluate(workspace: string, query: unknown, timespan: unknown): Answer {
    if (workspace !== workspaceId)
      return {
        status: 404,
        body: { error: { code: 'WorkspaceNotFoundError', message: `Workspace ${workspace} not found` } },
      };
    if (typeof query !== 'string' || typeof timespan !== 'string')
      return { status: 400, body: { error: { code: 'BadArgumentError', message: 'query and timespan are required' } } };
    const span = TIMESPAN.exec(timespan);
    const [start, end] = span ? [Date.parse(span[1]!), Date.parse(span[2]!)] : [NaN, NaN];
    if (!span || !(start < end))
      return { status: 400, body: { error: { code: 'BadArgumentError', message: `Invalid timespan ${timespan}` } } };
    state.queries.push({ workspace, query, timespan, start: span[1]!, end: span[2]! });
    const fault = state.queryFaults.find((f) => f.match.test(query) && (f.times === undefined || f.times > 0));
    if (fault && fault.times !== undefined) fault.times--;
    if (fault?.kind === 'error')
      return {
        status: fault.status ?? 400,
        body: fault.noBody ? undefined : { error: { code: fault.code, message: fault.message } },
      };
    try {
      const { legs, metric } = parseQuery(query);
      const unresolved: string[] = [];
      const rows: FakeCell[][] = [];
      for (const leg of legs) {
        if (leg.kind === 'print') {
          rows.push([metric, leg.source, leg.count ?? 0]);
          continue;
        }
        const table = state.tables[leg.table!];
        if (!table) {
          unresolved.push(leg.table!);
          continue;
        }
        const columns = new Set(table.flatMap((r) => Object.keys(r)));
        const keep = predicate(leg.where, columns);
        const count = table.filter((r) => {
          const t = Date.parse(r.TimeGenerated);
          return t >= start && t < end && keep(r);
        }).length;
        rows.push([metric, leg.source, count]);
      }
      if (rows.length === 0)
        throw new QueryError('SemanticError', `Failed to resolve table expression named '${unresolved.join("', '")}'`);
      const tables = [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'Metric', type: 'string' },
            { name: 'Source', type: 'string' },
            { name: 'Count', type: 'long' },
          ],
          rows,
        },
      ];
      let error: { code: string; message: string } | undefined;
      if (fault?.kind === 'partial') error = { code: fault.code, message: fault.message };
      else if (options.fuzzyWarnings && unresolved.length)
        error = {
          code: 'PartialError',
          message: `'union' operator: Failed to resolve table expression named '${unresolved.join("', '")}'`,
        };
      return { status: 200, body: { tables, ...(error ? { error } : {}) } };
    } catch (err) {
      if (err instanceof QueryError) return { status: 400, body: { error: { code: err.code, message: err.message } } };
      throw err;
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    state.requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      prefer: req.headers.prefer as string | undefined,
      body,
    });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const fault = state.httpFaults.shift();
    if (fault)
      return send(res, fault.status, fault.body ?? { error: { code: 'Fault', message: 'injected' } }, fault.headers);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? ''))
      return send(res, 401, { error: { code: 'AuthorizationRequiredError', message: 'Bearer token required' } });
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'MethodNotAllowed', message: 'POST only' } });
    const single = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(path);
    if (single) {
      const b = (body ?? {}) as { query?: unknown; timespan?: unknown };
      const answer = evaluate(single[1]!, b.query, b.timespan);
      return send(res, answer.status, answer.body);
    }
    if (path === '/v1/$batch') {
      const requests = ((body ?? {}) as { requests?: unknown }).requests;
      if (!Array.isArray(requests))
        return send(res, 400, { error: { code: 'BadArgumentError', message: 'requests must be an array' } });
      const responses = (
        requests as { id?: string; workspace?: string; body?: { query?: unknown; timespan?: unknown } }[]
      ).map((r) => {
        const answer = evaluate(r.workspace ?? '', r.body?.query, r.body?.timespan);
        return { id: r.id, status: answer.status, body: answer.body, headers: {} };
      });
      if (options.reverseBatch) responses.reverse();
      return send(res, 200, { responses });
    }
    return send(res, 404, { error: { code: 'PathNotFoundError', message: `No route ${path}` } });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: { code: 'FakeError', message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    workspaceId,
    endpoint: `https://127.0.0.1:${port}/v1`,
    httpClient: loopbackHttpClient(),
    credential: staticCredential,
    get tables() {
      return state.tables;
    },
    set tables(value: FakeDataset) {
      state.tables = value;
    },
    options,
    requests: state.requests,
    queries: state.queries,
    httpFaults: state.httpFaults,
    queryFaults: state.queryFaults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
