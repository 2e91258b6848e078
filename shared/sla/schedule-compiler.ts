// Validates a schedule (ScheduleError names the schedule) and compiles it into a lazily filled per-local-date cache
// of business intervals in epoch ms, with week totals for skipping, so the engine never steps minute by minute.
import { DateTime, IANAZone } from 'luxon';
import {
  DAY_MS,
  DAY_SECONDS,
  END_OF_DAY,
  type EntryRule,
  entryLabel,
  entrySecondsOn,
  firstDayOfWeek,
  localDate,
  occursOn,
  parseDate,
  parseStopsOn,
  parseTime,
} from './schedule-calendar';
import { REPEATS, ScheduleError, type ScheduleEntryInput, type ScheduleInput } from './schedule-model';

export const DEFAULT_HORIZON_DAYS = 1096;
const OVERLAP_SCAN_DAYS = 800;
const MIDNIGHT_BLOCK = 16;
const DENSE_DAYS = 1 << 14;

export interface CompileOptions {
  /** Zone for a floating schedule (`timezone: null`), e.g. osTicket's `default_timezone`. Default UTC. */
  defaultTimezone?: string;
  /** How far (in days) a computation may search before answering `unreachable`. Default 1096 (3 years). */
  horizonDays?: number;
  /** Whether a repeating entry produces no dates before its `startsOn` (osTicket does; SLA-QUIRKS #9). Default false. */
  honorStartsOn?: boolean;
}

/** One local date's business time: [start, end) pairs in epoch ms, merged and sorted, holidays cut out. */
export interface DayIntervals {
  ordinal: number;
  /** Local midnight (epoch ms) and the next one. */
  start: number;
  end: number;
  intervals: number[];
  /** Business ms of the day. */
  total: number;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Validates an entry into a rule, or throws a ScheduleError naming the schedule and the field. */
function toRule(
  scheduleName: string,
  entry: ScheduleEntryInput,
  index: number,
  field: string,
  zone: string,
): EntryRule {
  const fail = (f: string, problem: string): never => {
    throw new ScheduleError(scheduleName, `entry ${entry.name ?? entry.id ?? index}: ${problem}`, `${field}.${f}`);
  };
  if (!REPEATS.includes(entry.repeats)) fail('repeats', `repeats must be one of ${REPEATS.join(', ')}`);
  const startsOn = parseDate(entry.startsOn ?? '') ?? fail('startsOn', 'startsOn must be a date YYYY-MM-DD');
  const endsOn =
    entry.endsOn === undefined || entry.endsOn === null || entry.endsOn === ''
      ? startsOn
      : (parseDate(entry.endsOn) ?? fail('endsOn', 'endsOn must be a date YYYY-MM-DD'));
  const startSec = parseTime(entry.startsAt ?? '') ?? fail('startsAt', 'startsAt must be a time HH:MM:SS');
  const endSec = parseTime(entry.endsAt ?? '') ?? fail('endsAt', 'endsAt must be a time HH:MM:SS');
  const endsAtMidnight = endSec === DAY_SECONDS - 1 && (entry.endsAt ?? '').startsWith(END_OF_DAY.slice(0, 5));
  const repeating = entry.repeats !== 'never';
  const startKey = repeating ? startSec : startsOn * DAY_SECONDS + startSec;
  const endKey = repeating ? endSec : endsOn * DAY_SECONDS + endSec;
  if (endKey <= startKey) fail('endsAt', `ends (${entry.endsAt}) at or before it starts (${entry.startsAt})`);
  let stops: { ordinal: number; local: string } | undefined;
  if (entry.stopsOn !== undefined && entry.stopsOn !== null && entry.stopsOn !== '') {
    stops = parseStopsOn(stopsInZone(entry.stopsOn, zone)) ?? fail('stopsOn', 'stopsOn must be a date or datetime');
  }
  const day = entry.day ?? null;
  const week = entry.week === 0 ? null : (entry.week ?? null);
  const month = entry.month ?? null;
  const needDay = (min: number, max: number, what: string) => {
    if (day === null || !Number.isInteger(day) || day < min || day > max) fail('day', `day must be ${what}`);
  };
  if (entry.repeats === 'weekly') needDay(1, 7, '1 (Monday) … 7 (Sunday) for a weekly entry');
  if (entry.repeats === 'monthly' || entry.repeats === 'yearly') {
    if (week === null) needDay(1, 31, 'a day of the month 1 … 31');
    else {
      if (!Number.isInteger(week) || week < -1 || week > 5) fail('week', 'week must be 1 … 5 or -1 (last)');
      needDay(1, 7, '1 (Monday) … 7 (Sunday) when week is set');
    }
  }
  if (entry.repeats === 'yearly' && (month === null || !Number.isInteger(month) || month < 1 || month > 12))
    fail('month', 'month must be 1 … 12 for a yearly entry');
  return {
    id: entry.id ?? index + 1,
    index,
    name: entry.name ?? `#${entry.id ?? index + 1}`,
    repeats: entry.repeats,
    startsOn,
    endsOn: repeating ? startsOn : endsOn,
    startSec,
    endSec,
    endsAtMidnight,
    stopsOnOrdinal: stops ? stops.ordinal : Number.POSITIVE_INFINITY,
    stopsOnLocal: stops ? stops.local : null,
    day,
    week,
    month,
  };
}

/** A `stopsOn` with a UTC designator or offset (the connector sends UTC) as a local datetime in `zone`. */
function stopsInZone(value: string, zone: string): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) return value;
  const dt = DateTime.fromISO(value.trim(), { zone: 'UTC' });
  return dt.isValid && isValidZone(zone) ? dt.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss") : value;
}

/** Rules in osTicket's order (by id), validated. `zone` places a UTC `stopsOn` on the local calendar. */
export function validateEntries(schedule: ScheduleInput, field: string, zone = 'UTC'): EntryRule[] {
  if (!Array.isArray(schedule.entries)) throw new ScheduleError(schedule.name, 'entries must be a list', field);
  return schedule.entries
    .map((e, i) => toRule(schedule.name, e, i, `${field}[${i}]`, zone))
    .sort((a, b) => a.id - b.id || a.index - b.index);
}

function checkOverlaps(name: string, rules: EntryRule[], honorStartsOn: boolean): void {
  if (rules.length < 2) return;
  const first = Math.min(...rules.map((r) => r.startsOn));
  const dates = new Set<number>();
  for (let o = first; o < first + OVERLAP_SCAN_DAYS; o++) dates.add(o);
  for (const r of rules) if (r.repeats === 'never') for (let o = r.startsOn; o <= r.endsOn; o++) dates.add(o);
  for (const o of dates) {
    const date = localDate(o);
    const today = rules.filter((r) => occursOn(r, o, date, honorStartsOn));
    for (let i = 0; i < today.length; i++)
      for (let j = i + 1; j < today.length; j++) {
        const a = today[i]!;
        const b = today[j]!;
        const [as, ae] = entrySecondsOn(a, o);
        const [bs, be] = entrySecondsOn(b, o);
        if (as < be && bs < ae)
          throw new ScheduleError(
            name,
            `entries ${a.name} (${entryLabel(a)}) and ${b.name} (${entryLabel(b)}) overlap on ${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`,
          );
      }
  }
}

/** A compiled schedule: validated rules plus caches. Create with compileSchedule() or twentyFourSeven(). */
export class CompiledSchedule {
  readonly id: number | string;
  readonly name: string;
  readonly zone: string;
  readonly floating: boolean;
  readonly horizonDays: number;
  readonly honorStartsOn: boolean;
  readonly entries: readonly EntryRule[];
  /** Holiday rules of all linked holiday schedules, in link order then id order. */
  readonly holidays: readonly { schedule: string; rule: EntryRule }[];
  /** No business time before / after these day ordinals (±Infinity when unbounded). */
  readonly firstActiveOrdinal: number;
  readonly lastActiveOrdinal: number;
  private readonly zoneObj: IANAZone;
  private readonly utc: boolean;
  // Dense caches over DENSE_DAYS dates around the first date used; Maps beyond them.
  private base: number | undefined;
  private readonly midArr = new Float64Array(DENSE_DAYS).fill(Number.NaN);
  private readonly dayArr: (DayIntervals | undefined)[] = new Array<DayIntervals | undefined>(DENSE_DAYS);
  private readonly midnights = new Map<number, number>();
  private readonly days = new Map<number, DayIntervals>();
  private readonly weeks = new Map<number, number>();

  constructor(
    readonly input: ScheduleInput,
    zone: string,
    entries: EntryRule[],
    holidays: { schedule: string; rule: EntryRule }[],
    options: { horizonDays: number; honorStartsOn: boolean },
  ) {
    this.id = input.id;
    this.name = input.name;
    this.zone = zone;
    this.floating = input.timezone === null || input.timezone === undefined || input.timezone === '';
    this.horizonDays = options.horizonDays;
    this.honorStartsOn = options.honorStartsOn;
    this.entries = entries;
    this.holidays = holidays;
    this.zoneObj = IANAZone.create(zone);
    this.utc = /^(Etc\/)?(UTC|GMT)$/i.test(zone);
    this.firstActiveOrdinal = Math.min(
      ...entries.map((r) => (r.repeats === 'never' || options.honorStartsOn ? r.startsOn : Number.NEGATIVE_INFINITY)),
    );
    this.lastActiveOrdinal = Math.max(...entries.map((r) => (r.repeats === 'never' ? r.endsOn : r.stopsOnOrdinal)));
  }

  /** Epoch ms of local midnight starting the date `ordinal` (the first instant of the date, across DST gaps). */
  midnight(ordinal: number): number {
    const i = this.slot(ordinal);
    if (i >= 0) {
      const v = this.midArr[i]!;
      if (v === v) return v; // not NaN: cached
    } else {
      const v = this.midnights.get(ordinal);
      if (v !== undefined) return v;
    }
    this.fillMidnights(ordinal);
    return i >= 0 ? this.midArr[i]! : this.midnights.get(ordinal)!;
  }

  /** Index of `ordinal` in the dense caches (centred on the first date used), or -1 outside them. */
  private slot(ordinal: number): number {
    if (this.base === undefined) this.base = ordinal - (DENSE_DAYS >> 1);
    const i = ordinal - this.base;
    return i >= 0 && i < DENSE_DAYS ? i : -1;
  }

  private setMidnight(ordinal: number, value: number): void {
    const i = this.slot(ordinal);
    if (i >= 0) this.midArr[i] = value;
    else this.midnights.set(ordinal, value);
  }

  /**
   * Fills the midnights of the 16-day block holding `ordinal` with two luxon look-ups when the UTC offset is the
   * same at both ends (no DST change inside), else day by day (about two blocks a year).
   */
  private fillMidnights(ordinal: number): void {
    const first = Math.floor(ordinal / MIDNIGHT_BLOCK) * MIDNIGHT_BLOCK;
    if (this.utc) {
      for (let o = first; o < first + MIDNIGHT_BLOCK; o++) this.setMidnight(o, o * DAY_MS);
      return;
    }
    const offsetAt = (o: number) => o * DAY_MS - this.luxonMidnight(o);
    const a = offsetAt(first);
    const b = offsetAt(first + MIDNIGHT_BLOCK);
    for (let o = first; o < first + MIDNIGHT_BLOCK; o++)
      this.setMidnight(o, a === b ? o * DAY_MS - a : this.luxonMidnight(o));
  }

  private luxonMidnight(ordinal: number): number {
    const d = localDate(ordinal);
    return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: this.zoneObj }).toMillis();
  }

  /** Epoch ms of a local wall-clock time (seconds of the day; 86_400 = next midnight) on a date. */
  instant(ordinal: number, seconds: number): number {
    if (seconds <= 0) return this.midnight(ordinal);
    if (seconds >= DAY_SECONDS) return this.midnight(ordinal + 1);
    const m0 = this.midnight(ordinal);
    const m1 = this.midnight(ordinal + 1);
    // A 24-hour local day has no offset change (the fast path); DST change days go through luxon.
    if (m1 - m0 === DAY_MS) return m0 + seconds * 1000;
    const d = localDate(ordinal);
    const h = Math.floor(seconds / 3600);
    const mi = Math.floor((seconds % 3600) / 60);
    return DateTime.fromObject(
      { year: d.year, month: d.month, day: d.day, hour: h, minute: mi, second: seconds % 60 },
      { zone: this.zoneObj },
    ).toMillis();
  }

  /** The local date (day ordinal) containing the instant `t`. */
  ordinalOf(t: number): number {
    const o = Math.floor(t / DAY_MS);
    if (t < this.midnight(o)) return o - 1;
    if (t >= this.midnight(o + 1)) return o + 1;
    return o;
  }

  day(ordinal: number): DayIntervals {
    const i = this.slot(ordinal);
    let d = i >= 0 ? this.dayArr[i] : this.days.get(ordinal);
    if (d === undefined) {
      d = this.buildDay(ordinal);
      if (i >= 0) this.dayArr[i] = d;
      else this.days.set(ordinal, d);
    }
    return d;
  }

  /** Business ms in the Monday-based week `week` (see weekOf()). */
  weekTotal(week: number): number {
    let v = this.weeks.get(week);
    if (v === undefined) {
      v = 0;
      const first = firstDayOfWeek(week);
      for (let o = first; o < first + 7; o++) v += this.day(o).total;
      this.weeks.set(week, v);
    }
    return v;
  }

  private buildDay(ordinal: number): DayIntervals {
    const start = this.midnight(ordinal);
    const end = this.midnight(ordinal + 1);
    const empty = { ordinal, start, end, intervals: [], total: 0 };
    if (ordinal < this.firstActiveOrdinal || ordinal > this.lastActiveOrdinal) return empty;
    const date = localDate(ordinal);
    const secs: [number, number][] = [];
    for (const r of this.entries)
      if (occursOn(r, ordinal, date, this.honorStartsOn)) secs.push(entrySecondsOn(r, ordinal));
    if (secs.length === 0) return empty;
    secs.sort((a, b) => a[0] - b[0]);
    let merged: [number, number][] = [];
    for (const [a, b] of secs) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    for (const { rule } of this.holidays) {
      if (!occursOn(rule, ordinal, date, this.honorStartsOn)) continue;
      const [hs, he] = entrySecondsOn(rule, ordinal);
      const next: [number, number][] = [];
      for (const [a, b] of merged) {
        if (he <= a || hs >= b) next.push([a, b]);
        else {
          if (hs > a) next.push([a, hs]);
          if (he < b) next.push([he, b]);
        }
      }
      merged = next;
    }
    const intervals: number[] = [];
    let total = 0;
    for (const [a, b] of merged) {
      const s = this.instant(ordinal, a);
      const e = this.instant(ordinal, b);
      if (e <= s) continue;
      const prev = intervals.length;
      if (prev > 0 && intervals[prev - 1] === s) intervals[prev - 1] = e;
      else intervals.push(s, e);
      total += e - s;
    }
    return { ordinal, start, end, intervals, total };
  }
}

/** Validates and compiles a business-hours schedule with its linked holiday schedules. Throws ScheduleError. */
export function compileSchedule(input: ScheduleInput, options: CompileOptions = {}): CompiledSchedule {
  const name = typeof input?.name === 'string' && input.name !== '' ? input.name : `#${String(input?.id)}`;
  const schedule: ScheduleInput = { ...input, name };
  const zone = schedule.timezone || options.defaultTimezone || 'UTC';
  if (!isValidZone(zone))
    throw new ScheduleError(name, `unknown time zone "${zone}"`, schedule.timezone ? 'timezone' : 'defaultTimezone');
  if (!Array.isArray(schedule.entries) || schedule.entries.length === 0)
    throw new ScheduleError(name, 'has no entries, so no business hours can be counted');
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 36_600)
    throw new ScheduleError(name, 'horizonDays must be a whole number from 1 to 36600', 'horizonDays');
  const honorStartsOn = options.honorStartsOn ?? false;
  const entries = validateEntries(schedule, 'entries', zone);
  checkOverlaps(name, entries, honorStartsOn);
  const holidays: { schedule: string; rule: EntryRule }[] = [];
  (schedule.holidays ?? []).forEach((h, i) => {
    const hname = h.name || `#${String(h.id)}`;
    if (h.timezone && !isValidZone(h.timezone))
      throw new ScheduleError(
        name,
        `holiday schedule ${hname} has unknown time zone "${h.timezone}"`,
        `holidays[${i}].timezone`,
      );
    for (const rule of validateEntries({ ...h, name: `${name} / ${hname}` }, `holidays[${i}].entries`, zone))
      holidays.push({ schedule: hname, rule });
  });
  return new CompiledSchedule(schedule, zone, entries, holidays, { horizonDays, honorStartsOn });
}

/** A 24/7 schedule (osTicket's default id 2 shape: one daily 00:00:00–23:59:59 entry). */
export function twentyFourSeven(timezone = 'UTC'): CompiledSchedule {
  return compileSchedule({
    id: '24/7',
    name: '24/7',
    timezone,
    entries: [
      {
        id: 1,
        name: 'Daily',
        repeats: 'daily',
        startsOn: '2019-01-01',
        startsAt: '00:00:00',
        endsOn: '2019-01-01',
        endsAt: '23:59:59',
      },
    ],
    holidays: [],
  });
}
