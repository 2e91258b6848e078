// Reads the metrics endpoints' query strings and bodies into typed inputs; every bad value is a 400 naming its field.
import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { readJson } from '../http/request';
import { METRIC_IDS, isMetricId, type MetricId } from './catalog';
import type { CompareInput } from './metrics-service';
import { checkWindow, parseDuration, parseInstant, type TimeWindow } from './time-window';

export type OutputFormat = 'json' | 'markdown' | 'html';
export type ChartScale = 'linear' | 'log';

const DAY_MS = 86_400_000;

function query(req: HttpRequest, name: string): string | undefined {
  return req.query.get(name) ?? undefined;
}

function bad(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${field}: ${message}`, [{ field, message }]);
}

/** `?format=` wins; otherwise the first acceptable type in `Accept` (by q); JSON by default. */
export function outputFormat(req: HttpRequest): OutputFormat {
  const explicit = query(req, 'format')?.trim().toLowerCase();
  if (explicit) {
    if (explicit === 'json') return 'json';
    if (explicit === 'markdown' || explicit === 'md') return 'markdown';
    if (explicit === 'html') return 'html';
    throw bad('format', 'must be json, markdown or html');
  }
  const accept = req.headers.get('accept') ?? '';
  const types = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((t) => t.type && t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of types) {
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
  }
  return 'json';
}

export function chartScale(req: HttpRequest): ChartScale {
  const scale = query(req, 'scale')?.trim().toLowerCase();
  if (!scale || scale === 'linear') return 'linear';
  if (scale === 'log') return 'log';
  throw bad('scale', 'must be linear or log');
}

/** `?metrics=securityEvent,syslog`: a subset of the catalog, in catalog order; all metrics when absent. */
export function metricSelection(req: HttpRequest): MetricId[] | undefined {
  const raw = query(req, 'metrics');
  if (raw === undefined || raw.trim() === '') return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return undefined;
  const unknown = names.filter((n) => !isMetricId(n));
  if (unknown.length) {
    throw bad('metrics', `unknown metric ${unknown.join(', ')}; known metrics are ${METRIC_IDS.join(', ')}`);
  }
  return METRIC_IDS.filter((id) => names.includes(id));
}

/** GET /api/metrics?start=…&end=… */
export function windowQuery(req: HttpRequest): TimeWindow {
  const window = { start: parseInstant(query(req, 'start'), 'start'), end: parseInstant(query(req, 'end'), 'end') };
  return checkWindow(window, { start: 'start', end: 'end' });
}

/** GET /api/metrics/compare?hardeningAt=…|hardeningId=…&window=24h&settle=0 */
export function compareQuery(req: HttpRequest): CompareInput {
  const at = query(req, 'hardeningAt');
  const id = query(req, 'hardeningId')?.trim();
  if (at && id) throw bad('hardeningId', 'give either hardeningAt or hardeningId, not both');
  if (!at && !id) throw bad('hardeningAt', 'hardeningAt (an ISO 8601 time) or hardeningId is required');
  if (id !== undefined && !/^[0-9a-f-]{36}$/i.test(id)) throw bad('hardeningId', 'must be the id of a hardening event');
  const windowMs = parseDuration(query(req, 'window'), 'window', DAY_MS);
  const settleMs = parseDuration(query(req, 'settle'), 'settle', 0);
  const metricIds = metricSelection(req);
  return {
    ...(at ? { hardeningAt: parseInstant(at, 'hardeningAt') } : {}),
    ...(id ? { hardeningId: id } : {}),
    windowMs,
    settleMs,
    ...(metricIds ? { metricIds } : {}),
  };
}

/** GET /api/metrics/snapshots?from=…&to=… (default: the last 30 days). */
export function snapshotRangeQuery(req: HttpRequest, now: Date): TimeWindow {
  const to = query(req, 'to') ? parseInstant(query(req, 'to'), 'to') : now;
  const from = query(req, 'from') ? parseInstant(query(req, 'from'), 'from') : new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime()) throw bad('to', 'must be after from');
  if (to.getTime() - from.getTime() > 400 * DAY_MS) throw bad('to', 'the range may be at most 400 days');
  return { start: from, end: to };
}

const hardeningBody = z
  .object({
    at: z.string({ error: 'is required (an ISO 8601 time)' }),
    note: z
      .string({ error: 'is required' })
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(1000, { message: 'must be at most 1000 characters' }),
  })
  .strict();

/** POST /api/metrics/hardening body: `{ "at": ISO time, "note": "…" }`. */
export async function hardeningInput(req: HttpRequest): Promise<{ at: Date; note: string }> {
  const body = await readJson(req, hardeningBody.optional(), 16 * 1024);
  if (!body) throw bad('body', 'a JSON body { "at": ISO time, "note": "…" } is required');
  return { at: parseInstant(body.at, 'body.at'), note: body.note };
}
