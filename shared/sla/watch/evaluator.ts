// Evaluates one open ticket's SLA clocks: ok / warning / breached / escalated:N, with business time left.
// Resolution uses osTicket's stored due date (manual duedate, else est_duedate) and the engine only where none is
// stored; the first-response clock always uses the engine (osTicket has none).
import type { CompiledSchedule, DueResult } from '../business-hours';
import type { Ticket } from '../../osticket/contract';
import type { SlaClock } from '../../notify/alert-message';
import type { Escalation, PlanPolicy } from './policy';

export type SlaState = 'ok' | 'warning' | 'breached' | 'escalated';

/** The three engine operations the evaluator needs; injectable so the benchmark can swap in a naive reference. */
export interface BusinessTimeEngine {
  addBusinessHours(start: Date, hours: number, schedule: CompiledSchedule): DueResult;
  subtractBusinessHours(due: Date, hours: number, schedule: CompiledSchedule): DueResult;
  businessHoursBetween(a: Date, b: Date, schedule: CompiledSchedule): number;
}

export interface ScheduleRef {
  schedule: CompiledSchedule;
  /** IANA zone the due time is shown in. */
  timeZone: string;
  name: string;
}

export type DueSource = 'manual' | 'osticket' | 'engine';

export interface ClockResult {
  clock: SlaClock;
  state: SlaState;
  /** 0 warning/ok, 1 breached, N escalated:N. */
  level: number;
  /** `ok`, `warning`, `breached` or `escalated:N`. */
  label: string;
  dueAt: Date;
  warnAt: Date;
  dueSource: DueSource;
  /** Business minutes until due; negative when overdue. */
  businessMinutesLeft: number;
  escalation?: Escalation;
}

export interface TicketEvaluation {
  ticket: Ticket;
  clocks: ClockResult[];
  timeZone: string;
  scheduleName: string;
  /** Problems that stopped a clock from being evaluated (e.g. a schedule with no business time). */
  problems: string[];
}

export const stateRank: Record<SlaState, number> = { ok: 0, warning: 1, breached: 2, escalated: 3 };

function labelOf(state: SlaState, level: number): string {
  return state === 'escalated' ? `escalated:${level}` : state;
}

/** The worst clock of a ticket (escalated beats breached beats warning), or undefined when all are ok. */
export function worstClock(evaluation: TicketEvaluation): ClockResult | undefined {
  let worst: ClockResult | undefined;
  for (const c of evaluation.clocks) {
    if (c.state === 'ok') continue;
    if (
      !worst ||
      stateRank[c.state] > stateRank[worst.state] ||
      (c.state === worst.state && (c.level > worst.level || c.businessMinutesLeft < worst.businessMinutesLeft))
    )
      worst = c;
  }
  return worst;
}

interface ClockInput {
  clock: SlaClock;
  dueAt: Date;
  dueSource: DueSource;
  /** Business hours of the whole clock (for the warning point). */
  graceHours: number;
}

function evaluateClock(
  input: ClockInput,
  policy: PlanPolicy,
  ref: ScheduleRef,
  now: Date,
  engine: BusinessTimeEngine,
): ClockResult {
  const { dueAt } = input;
  const nowMs = now.getTime();
  const dueMs = dueAt.getTime();
  let warnAt = dueAt;
  const lead = Math.max(0, (1 - policy.warnAt) * input.graceHours);
  if (lead > 0) {
    const w = engine.subtractBusinessHours(dueAt, lead, ref.schedule);
    warnAt = w.kind === 'due' ? w.at : new Date(dueMs - lead * 3_600_000);
  }
  const minutesLeft = engine.businessHoursBetween(now, dueAt, ref.schedule) * 60;

  let state: SlaState;
  let level = 0;
  let escalation: Escalation | undefined;
  if (nowMs < warnAt.getTime()) state = 'ok';
  else if (nowMs < dueMs) state = 'warning';
  else {
    state = 'breached';
    level = 1;
    const overdue = -minutesLeft;
    for (const e of policy.escalations) {
      if (overdue >= e.afterBreachMinutes && e.level > level) {
        state = 'escalated';
        level = e.level;
        escalation = e;
      }
    }
  }
  return {
    clock: input.clock,
    state,
    level,
    label: labelOf(state, level),
    dueAt,
    warnAt,
    dueSource: input.dueSource,
    businessMinutesLeft: Math.round(minutesLeft * 100) / 100,
    ...(escalation ? { escalation } : {}),
  };
}

const parse = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);

/** The resolution due date: osTicket's manual duedate, else est_duedate, else the engine's (start + grace). */
export function resolutionDue(
  ticket: Ticket,
  ref: ScheduleRef,
  engine: BusinessTimeEngine,
): { dueAt: Date; source: DueSource } | { problem: string } | undefined {
  const manual = parse(ticket.dueDate);
  if (manual) return { dueAt: manual, source: 'manual' };
  const stored = parse(ticket.estDueDate);
  if (stored) return { dueAt: stored, source: 'osticket' };
  if (!ticket.sla || ticket.sla.graceHours <= 0) return undefined;
  const start = parse(ticket.reopenedAt) ?? new Date(ticket.createdAt);
  const r = engine.addBusinessHours(start, ticket.sla.graceHours, ref.schedule);
  if (r.kind === 'due') return { dueAt: r.at, source: 'engine' };
  return {
    problem: `ticket #${ticket.number}: resolution due date unreachable on schedule "${ref.name}": ${r.reason}`,
  };
}

/** Evaluates every clock of one open ticket. Pure: no I/O, `now` and the engine are passed in. */
export function evaluateTicket(
  ticket: Ticket,
  policy: PlanPolicy,
  ref: ScheduleRef,
  now: Date,
  engine: BusinessTimeEngine,
): TicketEvaluation {
  const clocks: ClockResult[] = [];
  const problems: string[] = [];
  const due = resolutionDue(ticket, ref, engine);
  if (due && 'problem' in due) problems.push(due.problem);
  else if (due) {
    const start = parse(ticket.reopenedAt) ?? new Date(ticket.createdAt);
    const grace =
      due.source === 'manual' || !ticket.sla?.graceHours
        ? Math.max(0, engine.businessHoursBetween(start, due.dueAt, ref.schedule))
        : ticket.sla.graceHours;
    clocks.push(
      evaluateClock(
        { clock: 'resolution', dueAt: due.dueAt, dueSource: due.source, graceHours: grace },
        policy,
        ref,
        now,
        engine,
      ),
    );
  }
  if (policy.firstResponseHours !== undefined && !ticket.firstResponseAt) {
    const r = engine.addBusinessHours(new Date(ticket.createdAt), policy.firstResponseHours, ref.schedule);
    if (r.kind === 'due')
      clocks.push(
        evaluateClock(
          { clock: 'firstResponse', dueAt: r.at, dueSource: 'engine', graceHours: policy.firstResponseHours },
          policy,
          ref,
          now,
          engine,
        ),
      );
    else
      problems.push(`ticket #${ticket.number}: first-response due unreachable on schedule "${ref.name}": ${r.reason}`);
  }
  return { ticket, clocks, timeZone: ref.timeZone, scheduleName: ref.name, problems };
}
