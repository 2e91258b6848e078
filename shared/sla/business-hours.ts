// Public API of the business-hours engine (the correct, "textbook" model of SLA-QUIRKS.md). Stable: the SLA watch
// builds on it. Compile a schedule once, then add/subtract/measure business time, jumping whole days and weeks.
import { ValidationError } from '../errors';
import type { CompiledSchedule } from './schedule-compiler';
import { firstDayOfWeek, isoDate, weekOf } from './schedule-calendar';

export type { Repeats, ScheduleEntryInput, ScheduleInput } from './schedule-model';
export { ScheduleError } from './schedule-model';
export type { CompileOptions } from './schedule-compiler';
export { CompiledSchedule, compileSchedule, twentyFourSeven } from './schedule-compiler';

export type DueResult = { kind: 'due'; at: Date } | { kind: 'unreachable'; reason: string };

export const HOUR_MS = 3_600_000;

function instantOf(value: Date, field: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t))
    throw new ValidationError(`${field} must be a valid date`, [{ field, message: 'invalid date' }]);
  return t;
}

function hoursOf(hours: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0)
    throw new ValidationError('hours must be a finite number of hours, 0 or more', [
      { field: 'hours', message: 'must be a finite number >= 0' },
    ]);
  return Math.round(hours * HOUR_MS);
}

function unreachable(schedule: CompiledSchedule, hours: number, direction: 'after' | 'before', t: number): DueResult {
  const bounded = direction === 'after' ? schedule.lastActiveOrdinal : schedule.firstActiveOrdinal;
  const why = Number.isFinite(bounded)
    ? `schedule "${schedule.name}" has no business time ${direction} ${isoDate(bounded)}`
    : `schedule "${schedule.name}" has fewer than ${hours} business hours within ${schedule.horizonDays} days ${direction} ${new Date(t).toISOString()}`;
  return { kind: 'unreachable', reason: why };
}

/**
 * The instant where `hours` of business time after `start` are used up. A start outside business hours counts from
 * the next opening; an exact fit ends at the closing time. `unreachable` past the schedule's horizon.
 */
export function addBusinessHours(start: Date, hours: number, schedule: CompiledSchedule): DueResult {
  const t0 = instantOf(start, 'start');
  let remaining = hoursOf(hours);
  if (remaining === 0) return { kind: 'due', at: new Date(t0) };
  const o0 = schedule.ordinalOf(t0);
  const limit = Math.min(o0 + schedule.horizonDays, schedule.lastActiveOrdinal);
  let o = Math.max(o0, schedule.firstActiveOrdinal);
  while (o <= limit) {
    if (o !== o0 && firstDayOfWeek(weekOf(o)) === o) {
      // Skip whole weeks that cannot hold the due instant (strictly less business time than remains).
      let w = weekOf(o);
      while (o + 6 <= limit && schedule.weekTotal(w) < remaining) {
        remaining -= schedule.weekTotal(w);
        o += 7;
        w++;
      }
      if (o > limit) break;
    }
    const iv = schedule.day(o).intervals;
    for (let i = 0; i < iv.length; i += 2) {
      const e = iv[i + 1]!;
      if (e <= t0) continue;
      const a = Math.max(iv[i]!, t0);
      const len = e - a;
      if (remaining <= len) return { kind: 'due', at: new Date(a + remaining) };
      remaining -= len;
    }
    o++;
  }
  return unreachable(schedule, hours, 'after', t0);
}

/**
 * The latest instant before `due` with `hours` of business time between it and `due`: a warning point. Inverse of
 * addBusinessHours: businessHoursBetween(result, due) === hours.
 */
export function subtractBusinessHours(due: Date, hours: number, schedule: CompiledSchedule): DueResult {
  const t0 = instantOf(due, 'due');
  let remaining = hoursOf(hours);
  if (remaining === 0) return { kind: 'due', at: new Date(t0) };
  const o0 = schedule.ordinalOf(t0);
  const limit = Math.max(o0 - schedule.horizonDays, schedule.firstActiveOrdinal);
  let o = Math.min(o0, schedule.lastActiveOrdinal);
  while (o >= limit) {
    if (o !== o0 && firstDayOfWeek(weekOf(o)) + 6 === o) {
      let w = weekOf(o);
      while (o - 6 >= limit && schedule.weekTotal(w) < remaining) {
        remaining -= schedule.weekTotal(w);
        o -= 7;
        w--;
      }
      if (o < limit) break;
    }
    const iv = schedule.day(o).intervals;
    for (let i = iv.length - 2; i >= 0; i -= 2) {
      const s = iv[i]!;
      if (s >= t0) continue;
      const b = Math.min(iv[i + 1]!, t0);
      const len = b - s;
      if (remaining <= len) return { kind: 'due', at: new Date(b - remaining) };
      remaining -= len;
    }
    o--;
  }
  return unreachable(schedule, hours, 'before', t0);
}

/** Business hours elapsed from `a` to `b` in the correct model (negative when b < a). */
export function businessHoursBetween(a: Date, b: Date, schedule: CompiledSchedule): number {
  const ta = instantOf(a, 'a');
  const tb = instantOf(b, 'b');
  if (tb < ta) return -businessMsBetween(tb, ta, schedule) / HOUR_MS;
  return businessMsBetween(ta, tb, schedule) / HOUR_MS;
}

function overlap(iv: number[], from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < iv.length; i += 2) {
    const s = Math.max(iv[i]!, from);
    const e = Math.min(iv[i + 1]!, to);
    if (e > s) sum += e - s;
  }
  return sum;
}

function businessMsBetween(ta: number, tb: number, schedule: CompiledSchedule): number {
  if (tb === ta) return 0;
  const oa = Math.max(schedule.ordinalOf(ta), schedule.firstActiveOrdinal);
  const ob = Math.min(schedule.ordinalOf(tb), schedule.lastActiveOrdinal);
  let sum = 0;
  let o = oa;
  while (o <= ob) {
    if (o !== oa && firstDayOfWeek(weekOf(o)) === o && o + 6 < ob) {
      sum += schedule.weekTotal(weekOf(o));
      o += 7;
      continue;
    }
    const day = schedule.day(o);
    sum += o === oa || o === ob ? overlap(day.intervals, ta, tb) : day.total;
    o++;
  }
  return sum;
}
