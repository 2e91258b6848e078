// The schedule input model (osTicket's ost_schedule / ost_schedule_entry, camelCase) and the schedule error.
import { ValidationError } from '../errors';

export type Repeats = 'never' | 'daily' | 'weekdays' | 'weekends' | 'weekly' | 'monthly' | 'yearly';

export const REPEATS: readonly Repeats[] = ['never', 'daily', 'weekdays', 'weekends', 'weekly', 'monthly', 'yearly'];

/** One `ost_schedule_entry` row. Dates are local dates in the schedule's time zone. */
export interface ScheduleEntryInput {
  id?: number;
  name?: string;
  repeats: Repeats;
  /** YYYY-MM-DD: first date the entry occurs (for `never`, the date it occurs). */
  startsOn: string;
  /** HH:MM:SS local opening time. */
  startsAt: string;
  /** YYYY-MM-DD: last date of a one-off (`never`) entry; ignored for repeating entries. */
  endsOn: string;
  /** HH:MM:SS local closing time; `23:59:59` means midnight (24:00) in the correct model. */
  endsAt: string;
  /** ISO datetime or date: end of the recurrence (no occurrence after it). */
  stopsOn?: string | null;
  /** weekly: 1 = Mon … 7 = Sun; monthly/yearly: day of month (with `week`: weekday 1..7). */
  day?: number | null;
  /** monthly/yearly: 1..5, -1 = last (with `day` as weekday). */
  week?: number | null;
  /** yearly: 1..12. */
  month?: number | null;
  sort?: number;
}

/** A business-hours schedule with its linked holiday schedules. `timezone: null` floats to the default zone. */
export interface ScheduleInput {
  id: number | string;
  name: string;
  timezone: string | null;
  entries: ScheduleEntryInput[];
  /** Linked holiday schedules (osTicket `schedule.<id>` configuration `holidays`). */
  holidays: ScheduleInput[];
}

/** A schedule that cannot be compiled. Always names the schedule (and the field) that is wrong. */
export class ScheduleError extends ValidationError {
  constructor(
    readonly scheduleName: string,
    problem: string,
    field = 'entries',
  ) {
    super(`Schedule "${scheduleName}": ${problem}`, [{ field, message: problem }]);
  }
}
