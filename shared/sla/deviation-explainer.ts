// Compares osTicket's stored due date with the correct one and names the documented deviation (SLA-QUIRKS.md) that
// explains it: the faithful osTicket model is re-run with one quirk switched off at a time.
import { addBusinessHours, type DueResult } from './business-hours';
import { type EntryRule, entryLabel, localDate, occursOn } from './schedule-calendar';
import { type CompiledSchedule, compileSchedule } from './schedule-compiler';
import { OSTICKET_QUIRKS, type OsTicketQuirk, osTicketDueDate } from './osticket-algorithm';
import type { ScheduleInput } from './schedule-model';
import { validateEntries } from './schedule-compiler';

export type DeviationCode = OsTicketQuirk | 'floating_timezone' | 'unexplained';

export const DEVIATION_CODES: readonly DeviationCode[] = [...OSTICKET_QUIRKS, 'floating_timezone', 'unexplained'];

export interface TicketDueInput {
  number: string;
  /** Creation time, or the reopen time when the ticket was reopened. */
  start: Date;
  graceHours: number;
  /** osTicket's stored due date (`duedate` if set, else `est_duedate`). */
  storedDue: Date;
  /** Whether `storedDue` is a manual `duedate` (never explained by a schedule quirk). */
  manual?: boolean;
}

export interface ExplainOptions {
  /** osTicket's `core.default_timezone`. */
  defaultTimezone: string;
  /** Agent time zones to try for a floating schedule (who may have recomputed the due date). */
  agentTimezones?: readonly string[];
  /** The schedule already compiled with the same default zone (saves compiling it per ticket). */
  compiled?: CompiledSchedule;
}

export interface DeviationExplanation {
  /** `none` when osTicket's stored due date agrees with the correct one. */
  deviation: DeviationCode | 'none';
  /** Every quirk that changes osTicket's answer here (the first is `deviation`). */
  contributing: DeviationCode[];
  message: string;
  osTicketDue: Date;
  correct: DueResult;
  /** osTicket's due minus the correct due, in seconds (null when the correct due is unreachable). */
  differenceSeconds: number | null;
}

const sameSecond = (a: Date, b: Date) => Math.round(a.getTime() / 1000) === Math.round(b.getTime() / 1000);

/** Entries osTicket never uses on some date because another entry (lower id) occurs that date (first-per-date). */
export function shadowedEntries(schedule: ScheduleInput, around: Date): EntryRule[] {
  const rules = validateEntries(schedule, 'entries', schedule.timezone || 'UTC');
  const shadowed = new Map<number, EntryRule>();
  const o0 = Math.floor(around.getTime() / 86_400_000);
  for (let o = o0 - 7; o < o0 + 35; o++) {
    const date = localDate(o);
    const today = rules.filter((r) => (r.repeats === 'never' ? o === r.startsOn : occursOn(r, o, date, false)));
    for (const r of today.slice(1)) shadowed.set(r.id, r);
  }
  return [...shadowed.values()];
}

/** The human message for a deviation on a schedule, e.g. the Berlin lunch-break advice. */
export function deviationMessage(
  code: DeviationCode | 'none',
  schedule: ScheduleInput,
  context: { around?: Date; zone?: string; defaultTimezone?: string } = {},
): string {
  const name = schedule.name;
  switch (code) {
    case 'none':
      return `${name}: osTicket agrees with the correct due date`;
    case 'one_entry_per_date': {
      const labels = [...new Set(shadowedEntries(schedule, context.around ?? new Date()).map(entryLabel))];
      const which = labels.length ? `the ${labels.join(', ')} entries are` : 'the second entry of a day is';
      return `${name}: ${which} never used by osTicket (it keeps one entry per date); model the lunch break as a partial holiday`;
    }
    case 'exact_fit':
      return `${name}: the grace ends exactly at a closing time; osTicket's "greater than" rule moves the due date to the next opening (or to a following holiday's 23:59:59)`;
    case 'midnight_2359':
      return `${name}: all-day entries end at 23:59:59, so osTicket adds one second for each business midnight crossed`;
    case 'gap_stop':
      return `${name}: 4 or more days without business hours stop osTicket's computation (due = start, or the grace is cut at the end of the first business days)`;
    case 'partial_holiday':
      return `${name}: osTicket counts a partial holiday as (entry end − holiday end) + (holiday start − entry start) whatever the start time, and ignores a one-off holiday that already ended`;
    case 'dst':
      return `${name}: osTicket counts wall-clock seconds per day, so a DST change inside business hours is off by an hour`;
    case 'floating_timezone':
      return `${name}: the schedule has no time zone, so osTicket used ${context.zone ? `the agent's zone ${context.zone}` : "an agent's zone"} instead of ${context.defaultTimezone ?? 'the default zone'}; set the schedule's time zone`;
    case 'starts_on':
      return `${name}: an entry produces no dates before its starts_on, so osTicket counted no business time before it`;
    case 'unexplained':
      return `${name}: osTicket's stored due date matches none of the documented deviations (a manual due date, an SLA change or an edit?)`;
  }
}

/**
 * Explains a ticket's stored osTicket due date against the correct one. Throws ScheduleError when the schedule
 * itself is invalid (the audit reports that per schedule).
 */
export function explainOsTicketDeviation(
  ticket: TicketDueInput,
  schedule: ScheduleInput,
  options: ExplainOptions = { defaultTimezone: 'UTC' },
): DeviationExplanation {
  const compiled = options.compiled ?? compileSchedule(schedule, { defaultTimezone: options.defaultTimezone });
  const correct = addBusinessHours(ticket.start, ticket.graceHours, compiled);
  const stored = ticket.storedDue;
  const result = (
    deviation: DeviationCode | 'none',
    contributing: DeviationCode[],
    zone?: string,
  ): DeviationExplanation => ({
    deviation,
    contributing,
    message:
      deviation === 'unexplained' && correct.kind === 'unreachable'
        ? `${schedule.name}: the correct due date cannot be reached (${correct.reason})`
        : deviationMessage(deviation, schedule, {
            around: ticket.start,
            zone,
            defaultTimezone: options.defaultTimezone,
          }),
    osTicketDue: stored,
    correct,
    differenceSeconds: correct.kind === 'due' ? Math.round((stored.getTime() - correct.at.getTime()) / 1000) : null,
  });
  if (correct.kind === 'due' && sameSecond(stored, correct.at)) return result('none', []);
  if (ticket.manual) return result('unexplained', []);

  const run = (fixed: readonly OsTicketQuirk[], agentTimezone?: string) =>
    osTicketDueDate(ticket.start, ticket.graceHours, schedule, {
      defaultTimezone: options.defaultTimezone,
      agentTimezone,
      fixed,
    });
  let agentZone: string | undefined;
  if (!sameSecond(run([]), stored)) {
    const floating = !schedule.timezone;
    agentZone = floating
      ? options.agentTimezones?.find((z) => z !== options.defaultTimezone && sameSecond(run([], z), stored))
      : undefined;
    if (!agentZone) return result('unexplained', []);
    // The agent's zone alone explains it when osTicket in the default zone agrees with the correct due date.
    if (correct.kind === 'due' && sameSecond(run([]), correct.at))
      return result('floating_timezone', ['floating_timezone'], agentZone);
  }
  const base = run([], agentZone);
  const changing = OSTICKET_QUIRKS.filter((q) => !sameSecond(run([q], agentZone), base));
  const contributing: DeviationCode[] = agentZone ? ['floating_timezone', ...changing] : [...changing];
  const target = correct.kind === 'due' ? correct.at : null;
  const fixes = (fixed: OsTicketQuirk[]) => target !== null && sameSecond(run(fixed), target);
  for (const q of changing)
    if (fixes([q]))
      return result(
        agentZone ? 'floating_timezone' : q,
        agentZone ? contributing : [q, ...changing.filter((c) => c !== q)],
        agentZone,
      );
  for (let i = 0; i < changing.length; i++)
    for (let j = i + 1; j < changing.length; j++)
      if (fixes([changing[i]!, changing[j]!]))
        return result(agentZone ? 'floating_timezone' : changing[i]!, contributing, agentZone);
  if (changing.length > 0 && fixes(changing))
    return result(agentZone ? 'floating_timezone' : changing[0]!, contributing, agentZone);
  if (agentZone) return result('floating_timezone', contributing, agentZone);
  return result(changing[0] ?? 'unexplained', contributing);
}
