// A faithful model of osTicket 1.18.1's BusinessHours::addWorkingHours() (include/class.businesshours.php) as
// documented in SLA-QUIRKS.md "What osTicket actually does". Each documented quirk can be switched off (`fixed`),
// which is how the deviation explainer finds the quirk behind a stored due date.
import { DateTime, IANAZone } from 'luxon';
import { ScheduleError, type ScheduleInput } from './schedule-model';
import { DAY_SECONDS, type EntryRule, localDate, occursOn } from './schedule-calendar';
import { isValidZone, validateEntries } from './schedule-compiler';

/** The documented osTicket quirks that the model can switch off, one by one. */
export type OsTicketQuirk =
  | 'exact_fit'
  | 'one_entry_per_date'
  | 'midnight_2359'
  | 'gap_stop'
  | 'partial_holiday'
  | 'dst'
  | 'starts_on';

export const OSTICKET_QUIRKS: readonly OsTicketQuirk[] = [
  'one_entry_per_date',
  'partial_holiday',
  'gap_stop',
  'starts_on',
  'midnight_2359',
  'dst',
  'exact_fit',
];

export interface OsTicketOptions {
  /** osTicket's `core.default_timezone`: the zone of a floating schedule for cron, API and CLI. */
  defaultTimezone: string;
  /** The zone of the agent whose action recomputed the due date (only used by floating schedules). */
  agentTimezone?: string | null;
  /** Quirks to switch off (to test which one explains a deviation). Default none: faithful osTicket. */
  fixed?: readonly OsTicketQuirk[];
  /** Safety bound on 4-date buckets walked (only reachable with `gap_stop` fixed). Default 400 (~4 years). */
  maxBuckets?: number;
}

/** The zone osTicket uses for a schedule: its own, else the agent's, else the default (Schedule::getTimezone). */
export function osTicketZone(schedule: Pick<ScheduleInput, 'timezone'>, options: OsTicketOptions): string {
  return schedule.timezone || options.agentTimezone || options.defaultTimezone;
}

interface HolidayRule {
  rule: EntryRule;
}

class Clock {
  private readonly zone: IANAZone;
  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }
  /** Local wall time (PHP `modify("Y-m-d H:i:s")`: a time in a DST gap moves forward). */
  at(ordinal: number, seconds: number): number {
    if (seconds >= DAY_SECONDS) return this.at(ordinal + 1, seconds - DAY_SECONDS);
    const d = localDate(ordinal);
    return DateTime.fromObject(
      {
        year: d.year,
        month: d.month,
        day: d.day,
        hour: Math.floor(seconds / 3600),
        minute: Math.floor((seconds % 3600) / 60),
        second: seconds % 60,
      },
      { zone: this.zone },
    ).toMillis();
  }
  local(t: number): { ordinal: number; tod: number } {
    const dt = DateTime.fromMillis(t, { zone: this.zone });
    const ordinal = Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000);
    return { ordinal, tod: dt.hour * 3600 + dt.minute * 60 + dt.second };
  }
  fromLocalIso(iso: string): number {
    return DateTime.fromISO(iso, { zone: this.zone }).toMillis();
  }
  plusDays(t: number, days: number): number {
    return DateTime.fromMillis(t, { zone: this.zone }).plus({ days }).toMillis();
  }
}

/**
 * The due date osTicket 1.18.1 stores for `start` + `graceHours` on `schedule` (null = no schedule: wall-clock hours).
 * Mirrors the PHP walk: 4-date buckets, first entry per date by id, strictly-greater rule, wall-clock seconds per
 * day, 23:59:59 days, gap stop, holiday handling, starts_on and the floating time zone.
 */
export function osTicketDueDate(
  start: Date,
  graceHours: number,
  schedule: ScheduleInput | null,
  options: OsTicketOptions,
): Date {
  const t0 = start.getTime();
  if (!Number.isFinite(t0)) throw new ScheduleError(schedule?.name ?? 'none', 'start must be a valid date', 'start');
  if (!graceHours || !Number.isFinite(graceHours)) return new Date(t0);
  // SLA::addGracePeriod falls back to wall-clock hours when there is no schedule or it cannot place the hours.
  if (!schedule || !Array.isArray(schedule.entries) || schedule.entries.length === 0)
    return new Date(t0 + Math.round(graceHours * 3600) * 1000);
  const zoneName = osTicketZone(schedule, options);
  if (!isValidZone(zoneName)) throw new ScheduleError(schedule.name, `unknown time zone "${zoneName}"`, 'timezone');
  const fixed = new Set(options.fixed ?? []);
  const clock = new Clock(zoneName);
  const entries = validateEntries(schedule, 'entries', zoneName);
  const holidayRules: HolidayRule[] = [];
  (schedule.holidays ?? []).forEach((h, i) => {
    for (const rule of validateEntries(
      { ...h, name: `${schedule.name} / ${h.name}` },
      `holidays[${i}].entries`,
      zoneName,
    ))
      holidayRules.push({ rule });
  });
  const endOf = (r: EntryRule) => (fixed.has('midnight_2359') && r.endsAtMidnight ? DAY_SECONDS : r.endSec);
  /** Seconds from `from` to `to` (seconds of day) of entry `e` on date `d`: wall clock on the entry's own date. */
  const measure = (e: EntryRule, d: number, from: number, to: number, fromInstant?: number): number => {
    if (fixed.has('dst')) return (clock.at(d, to) - (fromInstant ?? clock.at(d, from))) / 1000;
    return (clock.at(e.endsOn, to) - clock.at(e.startsOn, from)) / 1000;
  };

  /** ScheduleEntry::getOccurrences($dt, $end) per entry: the dates in [dtOrd, endOrd] it produces. */
  const occurrences = (r: EntryRule, dt: number, dtOrd: number, endOrd: number, holiday: boolean): number[] => {
    const honorStartsOn = !fixed.has('starts_on') || r.repeats === 'never';
    const startDt = clock.at(r.startsOn, r.startSec);
    const from = honorStartsOn && startDt > dt ? startDt : dt;
    const stops = r.stopsOnLocal
      ? clock.fromLocalIso(r.stopsOnLocal)
      : r.repeats === 'never'
        ? clock.at(r.endsOn, r.endSec)
        : null;
    if (stops !== null && stops < from && !(holiday && fixed.has('partial_holiday'))) return [];
    const out: number[] = [];
    const first = Math.max(dtOrd, clock.local(from).ordinal);
    for (let o = first; o <= endOrd; o++) {
      if (r.repeats === 'never' ? o === r.startsOn : occursOn(r, o, localDate(o), false)) out.push(o);
    }
    return out;
  };

  const seconds = graceHours * 3600;
  let acc = 0;
  let cursor = t0;
  let prevDates = new Set<number>();
  let nextBucket: number | null = null;
  const maxBuckets = options.maxBuckets ?? 400;
  for (let bucket = 0; acc < seconds && bucket < maxBuckets; bucket++) {
    // initOccurrences(): start the next day if the cursor's date was already processed; 72 h covers 4 dates.
    let dt = nextBucket ?? cursor;
    if (nextBucket === null && prevDates.has(clock.local(cursor).ordinal)) dt = clock.plusDays(cursor, 1);
    nextBucket = null;
    const dtOrd = clock.local(dt).ordinal;
    const endOrd = clock.local(dt + 72 * 3_600_000).ordinal;
    const work = new Map<number, EntryRule[]>();
    for (const e of entries)
      for (const o of occurrences(e, dt, dtOrd, endOrd, false)) {
        const list = work.get(o);
        if (!list) work.set(o, [e]);
        else if (fixed.has('one_entry_per_date')) list.push(e);
      }
    if (work.size === 0) {
      if (!fixed.has('gap_stop')) break;
      nextBucket = clock.plusDays(dt, endOrd - dtOrd + 1);
      continue;
    }
    const dates = [...work.keys()].sort((a, b) => a - b);
    const lastDate = dates[dates.length - 1]!;
    const holidays = new Map<number, EntryRule>();
    for (const { rule } of holidayRules)
      for (const o of occurrences(rule, dt, dtOrd, lastDate, true)) if (!holidays.has(o)) holidays.set(o, rule);
    prevDates = new Set(dates);

    let done = false;
    const apply = (time: number, d: number, endSec: number): boolean => {
      acc += time;
      cursor = clock.at(d, endSec);
      if (fixed.has('exact_fit') ? acc >= seconds : acc > seconds) {
        cursor -= Math.round(acc - seconds) * 1000;
        return true;
      }
      return false;
    };
    for (const d of dates) {
      const list = [...work.get(d)!].sort((a, b) => a.startSec - b.startSec);
      for (const e of list) {
        const cur = clock.local(cursor);
        const endSec = endOf(e);
        if (d === cur.ordinal) {
          if (cur.tod > endSec) continue; // after hours on the start date
        } else if (d < cur.ordinal) continue;
        const h = holidays.get(d);
        if (h) {
          const hEnd = endOf(h);
          if (h.endSec - h.startSec + 1 >= DAY_SECONDS) {
            cursor = clock.at(d, hEnd); // a full-day holiday: the day is a goner, the cursor moves to its end
            continue;
          }
          if (!fixed.has('partial_holiday')) {
            // (entry end − holiday end) + max(0, holiday start − entry start), regardless of the start time.
            cursor = clock.at(d, hEnd);
            const lead = h.startSec > e.startSec ? h.startSec - e.startSec : 0;
            if ((done = apply(measure(e, d, hEnd, endSec) + lead, d, endSec))) break;
            continue;
          }
        }
        // Units: the entry, minus a partial holiday's interval when that quirk is fixed.
        let units: [number, number][] = [[e.startSec, endSec]];
        if (h) {
          const [hs, he] = [h.startSec, endOf(h)];
          units = [];
          if (hs > e.startSec) units.push([e.startSec, Math.min(hs, endSec)]);
          if (he < endSec) units.push([Math.max(he, e.startSec), endSec]);
        }
        for (const [a, b] of units) {
          const now = clock.local(cursor);
          let from = a;
          let fromInstant: number | undefined;
          if (d === now.ordinal) {
            if (now.tod > b) continue;
            if (now.tod >= a) [from, fromInstant] = [now.tod, cursor];
          }
          if ((done = apply(measure(e, d, from, b, fromInstant), d, b))) break;
        }
        if (done) break;
      }
      if (done) break;
    }
  }
  return new Date(cursor);
}
