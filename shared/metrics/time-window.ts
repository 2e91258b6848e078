// Time windows for metrics: parsing instants and durations from query strings, and the before/after windows
// around a hardening event. Windows are half-open, [start, end), as Log Analytics applies a query timespan.
import { ValidationError } from '../errors';

export interface TimeWindow {
  start: Date;
  end: Date;
}

export const MAX_WINDOW_MS = 30 * 24 * 3600_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid ${field}: ${message}`, [{ field, message }]);
}

/** Parses an ISO 8601 instant (a date, or a date-time with optional zone; no zone means UTC). */
export function parseInstant(value: string | undefined, field: string): Date {
  if (value === undefined || value.trim() === '') throw invalid(field, 'is required (an ISO 8601 time)');
  const text = value.trim();
  if (!ISO_INSTANT.test(text)) throw invalid(field, `must be an ISO 8601 time such as 2026-03-18T15:37:00Z`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && !dateOnly;
  const normalised = dateOnly ? `${text}T00:00:00Z` : hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(normalised);
  if (!Number.isFinite(ms)) throw invalid(field, 'is not a valid date or time');
  // Date.parse rolls over impossible dates (Feb 30) in some engines; check the calendar date survived.
  const [y = 0, m = 0, d = 0] = text.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw invalid(field, 'is not a valid calendar date');
  }
  return new Date(ms);
}

const SHORT_DURATION = /^(\d{1,6})\s*(s|m|h|d)$/i;
const ISO_DURATION = /^P(?:(\d{1,4})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** Parses `24h`, `90m`, `7d`, `0` or an ISO 8601 duration such as `PT24H` / `P1D` into milliseconds. */
export function parseDuration(value: string | undefined, field: string, fallbackMs: number): number {
  if (value === undefined || value.trim() === '') return fallbackMs;
  const text = value.trim();
  if (text === '0') return 0;
  const short = SHORT_DURATION.exec(text);
  if (short) return Number(short[1]) * UNIT_MS[short[2]!.toLowerCase()]!;
  const iso = ISO_DURATION.exec(text);
  if (iso && text.toUpperCase() !== 'P' && !text.toUpperCase().endsWith('T')) {
    const [, d, h, m, s] = iso;
    return (Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000;
  }
  throw invalid(field, 'must be a duration such as 24h, 90m, 7d or PT24H');
}

/** Formats milliseconds as the shortest of `Nd`, `Nh`, `Nm`, `Ns` (`0` for zero). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Checks a window: start before end, at most 30 days. `fields` names the parameters in errors. */
export function checkWindow(window: TimeWindow, fields: { start: string; end: string }): TimeWindow {
  if (window.start.getTime() >= window.end.getTime()) {
    throw new ValidationError(`Invalid ${fields.end}: must be after ${fields.start}`, [
      { field: fields.end, message: `must be after ${fields.start}` },
    ]);
  }
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_MS) {
    throw new ValidationError(`Invalid ${fields.end}: the window may be at most 30 days`, [
      { field: fields.end, message: 'the window from start to end may be at most 30 days' },
    ]);
  }
  return window;
}

export interface HardeningWindows {
  before: TimeWindow;
  after: TimeWindow;
}

/**
 * Before is `[at - window, at)`; after is `[at + settle, at + settle + window)`. Refuses windows over 30 days and
 * windows that have not ended yet (their counts would still grow).
 */
export function hardeningWindows(
  at: Date,
  windowMs: number,
  settleMs: number,
  now: Date,
  atField: string,
): HardeningWindows {
  if (windowMs <= 0) throw invalid('window', 'must be longer than zero');
  if (windowMs > MAX_WINDOW_MS) throw invalid('window', 'may be at most 30 days (30d)');
  if (settleMs < 0 || settleMs > MAX_WINDOW_MS) throw invalid('settle', 'must be from 0 to 30 days');
  const t = at.getTime();
  const before = { start: new Date(t - windowMs), end: new Date(t) };
  const after = { start: new Date(t + settleMs), end: new Date(t + settleMs + windowMs) };
  if (after.end.getTime() > now.getTime()) {
    throw new ValidationError(
      `Invalid ${atField}: the after window ends at ${after.end.toISOString()}, which is still in the future`,
      [
        {
          field: atField,
          message: `the after window [${after.start.toISOString()}, ${after.end.toISOString()}) has not ended yet; try again after ${after.end.toISOString()} or use a shorter window`,
        },
      ],
    );
  }
  return { before, after };
}
