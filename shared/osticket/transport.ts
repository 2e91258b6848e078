// The axios transport to one osTicket: URL style, timeouts, bounded retries (Retry-After) for idempotent calls
// only, and logs/errors that never carry the key headers. axios is imported on first use.
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import { OsTicketUnavailableError } from './errors';

export type ApiStyle = 'rewrite' | 'http.php';

export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  retries: number;
  /** First backoff when no Retry-After is given; doubles per attempt, with full jitter (default 250 ms). */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After says (default 30 s). */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 30_000 };

export interface TransportOptions {
  baseUrl: string;
  apiStyle: ApiStyle;
  timeoutMs: number;
  logger: Logger;
  /** Values that must never appear in logs or errors (the keys). */
  secrets: readonly string[];
  axios?: AxiosInstance;
  retry?: Partial<RetryPolicy>;
  /** Send PATCH as `POST ?_method=PATCH` (IIS often rejects PATCH). Default: true for `http.php`. */
  methodOverride?: boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path after `/api/`, e.g. `ops/tickets` or `tickets.json`. */
  route: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers: Record<string, string>;
  /** Retry on network errors, 429 and 5xx. Never set for ticket creation. */
  idempotent: boolean;
}

export interface TransportResponse {
  status: number;
  body: string;
  headers: Record<string, string | undefined>;
}

export interface TransportStats {
  requests: number;
  retries: number;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>;
  url(route: string): string;
  stats(): TransportStats;
}

/** Parses Retry-After (delta-seconds or an HTTP date) into ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function createTransport(options: TransportOptions): Transport {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const base = options.baseUrl.replace(/\/+$/, '');
  const prefix = options.apiStyle === 'http.php' ? '/api/http.php/' : '/api/';
  const override = options.methodOverride ?? options.apiStyle === 'http.php';
  const stats: TransportStats = { requests: 0, retries: 0 };
  let instance: Promise<AxiosInstance> | undefined;
  const clean = (text: string) => String(redact(text, options.secrets));

  const getAxios = () =>
    (instance ??= options.axios
      ? Promise.resolve(options.axios)
      : import('axios').then((m) => m.default.create({ maxRedirects: 0 })));

  const url = (route: string) => `${base}${prefix}${route.replace(/^\/+/, '')}`;

  async function once(req: TransportRequest): Promise<TransportResponse> {
    const ax = await getAxios();
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params[k] = String(v);
    let method: string = req.method;
    if (override && method === 'PATCH') {
      method = 'POST';
      params['_method'] = 'PATCH';
    }
    const config: AxiosRequestConfig = {
      url: url(req.route),
      method,
      params,
      headers: {
        Accept: 'application/json',
        ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...req.headers,
      },
      data: req.body === undefined ? undefined : JSON.stringify(req.body),
      timeout: options.timeoutMs,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
    };
    stats.requests += 1;
    const res = await ax.request<string>(config);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers ?? {}))
      headers[k.toLowerCase()] = Array.isArray(v)
        ? v.join(', ')
        : v === undefined || v === null
          ? undefined
          : String(v);
    return { status: res.status, body: typeof res.data === 'string' ? res.data : String(res.data ?? ''), headers };
  }

  async function send(req: TransportRequest): Promise<TransportResponse> {
    const operation = `${req.method} ${req.route}`;
    for (let attempt = 0; ; attempt++) {
      const canRetry = req.idempotent && attempt < policy.retries;
      let res: TransportResponse | undefined;
      let failure: unknown;
      const started = Date.now();
      try {
        res = await once(req);
      } catch (err) {
        failure = err;
      }
      if (res) {
        options.logger.debug(`osTicket ${operation} -> ${res.status} (${Date.now() - started} ms)`);
        if (!RETRYABLE_STATUS.has(res.status) || !canRetry) return res;
      }
      const retryAfterMs = res ? parseRetryAfter(res.headers['retry-after']) : undefined;
      if (!res && !canRetry) throw networkError(operation, failure, clean);
      const backoff = Math.round(random() * policy.baseDelayMs * 2 ** attempt);
      const delay = Math.min(retryAfterMs ?? backoff, policy.maxDelayMs);
      const why = res ? `HTTP ${res.status}` : describeNetworkError(failure, clean);
      options.logger.warn(`osTicket ${operation}: ${why}; retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
      stats.retries += 1;
      await sleep(delay);
    }
  }

  return { send, url, stats: () => ({ ...stats }) };
}

function describeNetworkError(err: unknown, clean: (s: string) => string): string {
  const e = err as { code?: string; message?: string } | undefined;
  // Only the code and message: an AxiosError also carries the request config, headers included.
  return clean(`${e?.code ?? 'network error'}${e?.message ? `: ${e.message}` : ''}`);
}

function networkError(operation: string, err: unknown, clean: (s: string) => string): OsTicketUnavailableError {
  return new OsTicketUnavailableError(
    `osTicket ${operation} failed: ${describeNetworkError(err, clean)}`,
    undefined,
    '',
    undefined,
  );
}
