// Reads one target completely (all open-ticket pages, schedules, departments, settings) and evaluates every
// ticket. Nothing is written before the read finished, so an osTicket failure leaves no partial state behind.
import {
  addBusinessHours,
  businessHoursBetween,
  compileSchedule,
  subtractBusinessHours,
  twentyFourSeven,
  type ScheduleInput,
} from '../business-hours';
import type { Logger } from '../../logging/logger';
import type { Department, Schedule, Ticket } from '../../osticket/contract';
import { evaluateTicket, type BusinessTimeEngine, type ScheduleRef, type TicketEvaluation } from './evaluator';
import type { WatchPolicy } from './policy';
import type { InvalidTicket, WatchTarget } from './watch-source';

export const defaultEngine: BusinessTimeEngine = { addBusinessHours, subtractBusinessHours, businessHoursBetween };

export interface TargetSnapshot {
  target: WatchTarget;
  evaluations: TicketEvaluation[];
  invalid: InvalidTicket[];
  /** Ids of every open ticket seen (valid or not): a breached ticket missing here may have been closed. */
  openIds: Set<number>;
  schedules: ScheduleResolver;
}

export interface SnapshotOptions {
  policy: WatchPolicy;
  now: Date;
  defaultTimezone: string;
  logger: Logger;
  engine?: BusinessTimeEngine;
}

/** Compiles schedules on demand (once each) and picks a ticket's: department's, else the SLA's, else the default. */
export class ScheduleResolver {
  private readonly compiled = new Map<number, ScheduleRef | string>();
  private readonly byId: Map<number, Schedule>;
  private readonly deptSchedule: Map<number, number | null>;
  private wallClock: ScheduleRef | undefined;

  constructor(
    schedules: Schedule[],
    departments: Department[],
    private readonly defaultScheduleId: number | null,
    private readonly zone: string,
  ) {
    this.byId = new Map(schedules.map((s) => [s.id, s]));
    this.deptSchedule = new Map(departments.map((d) => [d.id, d.scheduleId]));
  }

  /** The schedule ref for a ticket, or an error string naming the schedule that cannot be used. */
  forTicket(ticket: Pick<Ticket, 'department' | 'sla'>): ScheduleRef | string {
    const id = this.deptSchedule.get(ticket.department.id) ?? ticket.sla?.scheduleId ?? this.defaultScheduleId;
    if (id === null || id === undefined || !this.byId.has(id)) return this.wall();
    let ref = this.compiled.get(id);
    if (!ref) {
      ref = this.compile(this.byId.get(id)!);
      this.compiled.set(id, ref);
    }
    return ref;
  }

  /** osTicket counts plain wall-clock hours when there is no schedule. */
  private wall(): ScheduleRef {
    this.wallClock ??= { schedule: twentyFourSeven(this.zone), timeZone: this.zone, name: 'wall clock' };
    return this.wallClock;
  }

  private compile(s: Schedule): ScheduleRef | string {
    const toInput = (x: Schedule): ScheduleInput => ({
      id: x.id,
      name: x.name,
      timezone: x.timezone,
      entries: x.entries.map((e) => ({ ...e, stopsOn: e.stopsOn })),
      holidays: [],
    });
    const input = toInput(s);
    input.holidays = s.holidayScheduleIds.flatMap((h) => {
      const hs = this.byId.get(h);
      return hs ? [toInput(hs)] : [];
    });
    try {
      const schedule = compileSchedule(input, { defaultTimezone: this.zone });
      return { schedule, timeZone: schedule.zone, name: s.name };
    } catch (err) {
      return err instanceof Error ? err.message : `schedule "${s.name}" cannot be compiled`;
    }
  }
}

/** Reads every page first (throws on any osTicket failure), then evaluates. Invalid tickets are logged by name. */
export async function snapshotTarget(target: WatchTarget, options: SnapshotOptions): Promise<TargetSnapshot> {
  const tickets: Ticket[] = [];
  const invalid: InvalidTicket[] = [];
  const openIds = new Set<number>();
  for await (const batch of target.source.openTickets()) {
    for (const t of batch.tickets) {
      tickets.push(t);
      openIds.add(t.id);
    }
    for (const bad of batch.invalid) {
      invalid.push(bad);
      if (bad.id !== undefined) openIds.add(bad.id);
    }
  }
  const [schedules, departments, settings] = await Promise.all([
    target.source.schedules(),
    target.source.departments(),
    target.source.settings(),
  ]);
  const zone = settings.defaultTimezone || options.defaultTimezone;
  const resolver = new ScheduleResolver(schedules, departments, settings.scheduleId, zone);
  for (const bad of invalid)
    options.logger.warn(`sla-watch ${target.name}: skipped ticket ${bad.ref}: fails the contract (${bad.problem})`);
  const engine = options.engine ?? defaultEngine;
  const evaluations: TicketEvaluation[] = [];
  for (const t of tickets) {
    if (t.status.state !== 'open') continue;
    const ref = resolver.forTicket(t);
    if (typeof ref === 'string') {
      options.logger.warn(`sla-watch ${target.name}: skipped ticket #${t.number}: ${ref}`);
      invalid.push({ ref: `#${t.number}`, id: t.id, problem: ref });
      continue;
    }
    const evaluation = evaluateTicket(t, options.policy.planFor(t.sla?.name), ref, options.now, engine);
    for (const p of evaluation.problems) options.logger.warn(`sla-watch ${target.name}: ${p}`);
    evaluations.push(evaluation);
  }
  return { target, evaluations, invalid, openIds, schedules: resolver };
}
