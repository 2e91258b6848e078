// The schedule audit: per osTicket target, the open tickets whose stored due date differs from the correct one,
// with the documented deviation that explains each, and a per-schedule summary. One failing target is an error
// entry; the others go on.
import type { Env } from '../config/settings';
import { NotFoundError, ensureErrorType } from '../errors';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import type { OsTicketClient } from '../osticket/client';
import type { TableClientFactory } from '../storage/table-client-factory';
import type { Department, OsTicketSettings, Schedule, Ticket } from '../osticket/contract';
import { type DeviationCode, deviationMessage, explainOsTicketDeviation } from './deviation-explainer';
import { type CompiledSchedule, compileSchedule } from './schedule-compiler';
import type { ScheduleInput } from './schedule-model';

/** What the audit reads from osTicket (a narrow view of OsTicketClient). */
export type AuditSource = Pick<OsTicketClient, 'listOpenTickets' | 'listSchedules' | 'listDepartments' | 'getSettings'>;

/** A target to audit; `OsTicketTarget` from shared/osticket/targets.ts fits. */
export interface AuditTarget {
  name: string;
  createClient(overrides: { logger: Logger }): AuditSource;
}

export interface AuditedTicket {
  number: string;
  ticketId: number;
  slaPlan: string;
  schedule: string;
  scheduleId: number | null;
  /** The due date osTicket stores (`dueDate` if set, else `estDueDate`), ISO UTC. */
  osTicketDue: string;
  /** The correct ("textbook") due date, or null when it is out of the engine's horizon. */
  correctDue: string | null;
  /** osTicket minus correct, in seconds (positive: osTicket is later). */
  differenceSeconds: number | null;
  manualDueDate: boolean;
  deviation: DeviationCode;
  contributing: DeviationCode[];
  message: string;
}

export interface ScheduleAuditSummary {
  scheduleId: number | null;
  schedule: string;
  ticketsChecked: number;
  ticketsDeviating: number;
  deviations: { code: DeviationCode; tickets: number; message: string }[];
  /** Set when the schedule itself is invalid (a ScheduleError); its tickets are skipped. */
  error?: string;
}

export type TargetAudit =
  | {
      target: string;
      ok: true;
      ticketsChecked: number;
      skipped: { number: string; reason: string }[];
      deviating: AuditedTicket[];
      schedules: ScheduleAuditSummary[];
    }
  | { target: string; ok: false; error: string };

export interface ScheduleAuditReport {
  generatedAt: string;
  targets: TargetAudit[];
}

export interface AuditOptions {
  logger: Logger;
  clock: () => Date;
  /** Agent zones to try for floating schedules (the deviation `floating_timezone`). */
  agentTimezones?: readonly string[];
}

const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');

function toInput(s: Schedule, byId: Map<number, Schedule>): ScheduleInput {
  const bare = (x: Schedule): ScheduleInput => ({
    id: x.id,
    name: x.name,
    timezone: x.timezone,
    entries: x.entries.map((e) => ({ ...e })),
    holidays: [],
  });
  return {
    ...bare(s),
    holidays: s.holidayScheduleIds.flatMap((id) => {
      const h = byId.get(id);
      return h ? [bare(h)] : [];
    }),
  };
}

interface ScheduleSlot {
  id: number | null;
  name: string;
  input: ScheduleInput | null;
  compiled: CompiledSchedule | null;
  error?: string;
  summary: ScheduleAuditSummary;
  counts: Map<DeviationCode, number>;
  /** Unexplained tickets whose correct due date was out of reach, and why (the explainer's messages). */
  unreachable: { tickets: number; messages: Set<string> };
}

/** Audits one osTicket: reads everything first, then compares each open ticket. Throws when osTicket fails. */
export async function auditTarget(name: string, source: AuditSource, options: AuditOptions): Promise<TargetAudit> {
  const tickets: Ticket[] = [];
  const skipped: { number: string; reason: string }[] = [];
  for await (const r of source.listOpenTickets()) {
    if (r.ok) tickets.push(r.ticket);
    else skipped.push({ number: r.number ?? `id ${r.id ?? '?'}`, reason: 'fails the osTicket contract' });
  }
  const [schedules, departments, settings]: [Schedule[], Department[], OsTicketSettings] = await Promise.all([
    source.listSchedules(),
    source.listDepartments(),
    source.getSettings(),
  ]);
  const zone = settings.defaultTimezone || 'UTC';
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const deptSchedule = new Map(departments.map((d) => [d.id, d.scheduleId]));
  const slots = new Map<string, ScheduleSlot>();
  const slotFor = (id: number | null): ScheduleSlot => {
    const key = id === null || !byId.has(id) ? 'none' : String(id);
    let slot = slots.get(key);
    if (slot) return slot;
    const s = key === 'none' ? undefined : byId.get(id!);
    const label = s ? s.name : 'wall clock (no schedule)';
    slot = {
      id: s ? s.id : null,
      name: label,
      input: null,
      compiled: null,
      summary: { scheduleId: s ? s.id : null, schedule: label, ticketsChecked: 0, ticketsDeviating: 0, deviations: [] },
      counts: new Map(),
      unreachable: { tickets: 0, messages: new Set() },
    };
    if (s) {
      slot.input = toInput(s, byId);
      try {
        // A schedule without entries is a schedule error too (osTicket silently counts wall-clock hours on it).
        slot.compiled = compileSchedule(slot.input, { defaultTimezone: zone });
      } catch (err) {
        slot.error = ensureErrorType(err).message;
        slot.summary.error = slot.error;
      }
    }
    slots.set(key, slot);
    return slot;
  };

  const deviating: AuditedTicket[] = [];
  for (const t of tickets) {
    if (t.status.state !== 'open') continue;
    const storedRaw = t.dueDate ?? t.estDueDate;
    if (!t.sla || !storedRaw) {
      skipped.push({ number: t.number, reason: t.sla ? 'no due date (inactive SLA)' : 'no SLA plan' });
      continue;
    }
    const slot = slotFor(deptSchedule.get(t.department.id) ?? t.sla.scheduleId ?? settings.scheduleId ?? null);
    if (slot.error) {
      skipped.push({ number: t.number, reason: `schedule ${slot.name} is invalid` });
      continue;
    }
    const start = new Date(t.reopenedAt ?? t.createdAt);
    const storedDue = new Date(storedRaw);
    const ticketInput = {
      number: t.number,
      start,
      graceHours: t.sla.graceHours,
      storedDue,
      manual: t.dueDate !== null,
    };
    slot.summary.ticketsChecked++;
    let result: Omit<
      AuditedTicket,
      'number' | 'ticketId' | 'slaPlan' | 'schedule' | 'scheduleId' | 'osTicketDue' | 'manualDueDate'
    > | null;
    if (slot.input && slot.compiled) {
      const e = explainOsTicketDeviation(ticketInput, slot.input, {
        defaultTimezone: zone,
        agentTimezones: options.agentTimezones,
        compiled: slot.compiled,
      });
      if (e.deviation === 'unexplained' && e.correct.kind === 'unreachable') {
        slot.unreachable.tickets++;
        slot.unreachable.messages.add(e.message);
      }
      result =
        e.deviation === 'none'
          ? null
          : {
              correctDue: e.correct.kind === 'due' ? iso(e.correct.at) : null,
              differenceSeconds: e.differenceSeconds,
              deviation: e.deviation,
              contributing: e.contributing,
              message: e.message,
            };
    } else {
      // No schedule: osTicket and the correct model both count wall-clock hours.
      const correct = new Date(start.getTime() + Math.round(t.sla.graceHours * 3600) * 1000);
      const diff = Math.round((storedDue.getTime() - correct.getTime()) / 1000);
      result =
        diff === 0
          ? null
          : {
              correctDue: iso(correct),
              differenceSeconds: diff,
              deviation: 'unexplained',
              contributing: [],
              message: `${slot.name}: osTicket's stored due date is not start + grace (a manual due date, an SLA change or an edit?)`,
            };
    }
    if (!result) continue;
    slot.summary.ticketsDeviating++;
    slot.counts.set(result.deviation, (slot.counts.get(result.deviation) ?? 0) + 1);
    deviating.push({
      number: t.number,
      ticketId: t.id,
      slaPlan: t.sla.name,
      schedule: slot.name,
      scheduleId: slot.id,
      osTicketDue: iso(storedDue),
      manualDueDate: t.dueDate !== null,
      ...result,
    });
  }

  const now = options.clock();
  const summaries = [...slots.values()].map((slot) => {
    slot.summary.deviations = [...slot.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => {
        const generic = slot.input
          ? deviationMessage(code, slot.input, { around: now, defaultTimezone: zone })
          : `${slot.name}: ${code}`;
        // Unexplained because the correct due date is out of reach: say so rather than "matches none".
        const { tickets, messages } = slot.unreachable;
        const message =
          code === 'unexplained' && tickets > 0
            ? [...messages, ...(tickets < count ? [generic] : [])].join('; ')
            : generic;
        return { code, tickets: count, message };
      });
    return slot.summary;
  });
  options.logger.info(`sla-audit ${name}: ${deviating.length} of ${tickets.length} open tickets deviate`);
  const ticketsChecked = summaries.reduce((n, s) => n + s.ticketsChecked, 0);
  return { target: name, ok: true, ticketsChecked, skipped, deviating, schedules: summaries };
}

/** Audits every target independently: a target that fails (or could not be resolved) becomes an error entry. */
export async function auditTargets(
  targets: readonly AuditTarget[],
  targetErrors: readonly { target: string; message: string }[],
  options: AuditOptions,
): Promise<ScheduleAuditReport> {
  const settled = await Promise.allSettled(
    targets.map((t) => auditTarget(t.name, t.createClient({ logger: options.logger }), options)),
  );
  const results: TargetAudit[] = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const target = targets[i]!.name;
    const error = String(redact(ensureErrorType(s.reason).message));
    options.logger.warn(`sla-audit ${target}: failed: ${error}`);
    return { target, ok: false, error };
  });
  for (const e of targetErrors) results.push({ target: e.target, ok: false, error: String(redact(e.message)) });
  return { generatedAt: iso(options.clock()), targets: results };
}

export interface AuditRuntimeOverrides {
  /** Resolves the targets; defaults to shared/osticket/targets.ts resolveTargets (settings + Ready environments). */
  resolve?: (logger: Logger) => Promise<{ targets: AuditTarget[]; errors: { target: string; message: string }[] }>;
  clock?: () => Date;
  agentTimezones?: readonly string[];
  /** For the default resolver: the table factory (environments) and the settings source. */
  tables?: TableClientFactory;
  env?: Env;
}

/** The composition used by the HTTP trigger and the CLI: resolve targets, optionally keep one, audit. */
export async function auditAllTargets(
  logger: Logger,
  options: AuditRuntimeOverrides & { target?: string } = {},
): Promise<ScheduleAuditReport> {
  const resolve =
    options.resolve ??
    (async (log: Logger) => {
      const [{ resolveTargets }, { createTableClientFactory }] = await Promise.all([
        import('../osticket/targets'),
        import('../storage/table-client-factory'),
      ]);
      const tables = options.tables ?? createTableClientFactory({ env: options.env });
      return resolveTargets({ tables, logger: log, env: options.env });
    });
  let { targets, errors } = await resolve(logger);
  if (options.target !== undefined) {
    targets = targets.filter((t) => t.name === options.target);
    errors = errors.filter((e) => e.target === options.target);
    if (targets.length === 0 && errors.length === 0)
      throw new NotFoundError(`No osTicket target named ${options.target}`);
  }
  return auditTargets(targets, errors, {
    logger,
    clock: options.clock ?? (() => new Date()),
    agentTimezones: options.agentTimezones,
  });
}
