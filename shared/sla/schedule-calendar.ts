// Pure calendar arithmetic for schedules: local dates as day ordinals (days since 1970-01-01), times of day in
// seconds, and the recurrence rule of an osTicket schedule entry. No time zones here (see schedule-compiler.ts).
import type { Repeats } from './schedule-model';

export const DAY_MS = 86_400_000;
export const DAY_SECONDS = 86_400;
/** osTicket's "all day" end time, which the correct model reads as midnight (24:00). */
export const END_OF_DAY = '23:59:59';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** A validated entry: dates as ordinals, times as seconds of the day. */
export interface EntryRule {
  id: number;
  index: number;
  name: string;
  repeats: Repeats;
  startsOn: number;
  endsOn: number;
  startSec: number;
  /** Seconds of day as written (`23:59:59` is 86_399). */
  endSec: number;
  /** Whether the end is osTicket's `23:59:59` all-day marker. */
  endsAtMidnight: boolean;
  /** Last local date with an occurrence (from `stopsOn`), or +Infinity. */
  stopsOnOrdinal: number;
  /** `stopsOn` as a local wall-clock datetime `YYYY-MM-DDTHH:MM:SS`, when given. */
  stopsOnLocal: string | null;
  day: number | null;
  week: number | null;
  month: number | null;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?$/;

export function ordinalFromParts(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Parses `YYYY-MM-DD` to a day ordinal, or undefined when it is not a real date. */
export function parseDate(value: string): number | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ord = ordinalFromParts(y, mo, d);
  const back = localDate(ord);
  return back.year === y && back.month === mo && back.day === d ? ord : undefined;
}

/** Parses `HH:MM[:SS]` to seconds of the day, or undefined. */
export function parseTime(value: string): number | undefined {
  const m = TIME_RE.exec(value);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return h * 3600 + mi * 60 + s;
}

/** Parses a `stopsOn` value (a date, or a datetime without zone) to a local date ordinal and a local datetime. */
export function parseStopsOn(value: string): { ordinal: number; local: string } | undefined {
  const m = DATETIME_RE.exec(value.trim());
  if (!m) return undefined;
  const ordinal = parseDate(m[1] ?? '');
  if (ordinal === undefined) return undefined;
  const time = m[2] ?? '00:00:00';
  if (parseTime(time) === undefined) return undefined;
  return { ordinal, local: `${m[1]}T${time.length === 5 ? `${time}:00` : time}` };
}

export function localDate(ordinal: number): LocalDate {
  const d = new Date(ordinal * DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

export function isoDate(ordinal: number): string {
  return new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
}

export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return s === 0 ? hm : `${hm}:${String(s).padStart(2, '0')}`;
}

/** Monday-based week index of a day ordinal (1970-01-01 was a Thursday). */
export function weekOf(ordinal: number): number {
  return Math.floor((ordinal + 3) / 7);
}

export function firstDayOfWeek(week: number): number {
  return week * 7 - 3;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day-of-month or "n-th / last weekday" rule shared by monthly and yearly entries. */
function matchesMonthDay(rule: EntryRule, date: LocalDate): boolean {
  const week = rule.week ?? 0;
  if (week === 0) return date.day === rule.day;
  if (date.weekday !== rule.day) return false;
  if (week === -1) return date.day + 7 > daysInMonth(date.year, date.month);
  return Math.ceil(date.day / 7) === week;
}

/**
 * Whether the entry's recurrence pattern produces this local date. Bounds: `stopsOn` always; a one-off entry
 * occurs on its `startsOn`..`endsOn` dates; a repeating entry's `startsOn` only when `honorStartsOn`.
 */
export function occursOn(rule: EntryRule, ordinal: number, date: LocalDate, honorStartsOn: boolean): boolean {
  if (rule.repeats === 'never') return ordinal >= rule.startsOn && ordinal <= rule.endsOn;
  if (ordinal > rule.stopsOnOrdinal) return false;
  if (honorStartsOn && ordinal < rule.startsOn) return false;
  switch (rule.repeats) {
    case 'daily':
      return true;
    case 'weekdays':
      return date.weekday <= 5;
    case 'weekends':
      return date.weekday >= 6;
    case 'weekly':
      return date.weekday === rule.day;
    case 'monthly':
      return matchesMonthDay(rule, date);
    case 'yearly':
      return date.month === rule.month && matchesMonthDay(rule, date);
  }
}

/**
 * The local business (or holiday) intervals of an entry on a date, in seconds of the day, in the correct model:
 * `23:59:59` is midnight, and a one-off entry spanning several dates is split per date.
 */
export function entrySecondsOn(rule: EntryRule, ordinal: number): [number, number] {
  const end = rule.endsAtMidnight ? DAY_SECONDS : rule.endSec;
  if (rule.repeats !== 'never' || rule.startsOn === rule.endsOn) return [rule.startSec, end];
  const from = ordinal === rule.startsOn ? rule.startSec : 0;
  const to = ordinal === rule.endsOn ? end : DAY_SECONDS;
  return [from, to];
}

export function entryLabel(rule: EntryRule): string {
  const end = rule.endsAtMidnight ? '24:00' : formatTime(rule.endSec);
  return `${formatTime(rule.startSec)}–${end}`;
}
