// The daily digest: per target and department, one message listing the at-risk and breached tickets (most urgent
// first) and yesterday's SLA-met percentage. Sent once per department, channel and day (claimed in the ledger).
//
// SLA met, yesterday: among tickets closed yesterday (local date in SLA_DIGEST_TIMEZONE) that have a resolution
// due date, the share closed at or before it. osTicket nulls a past due date when it closes a ticket, so a closed
// ticket without a stored due date gets the engine's (start + grace on its schedule).
import { DateTime } from 'luxon';
import { UpstreamError } from '../../errors';
import type { Env } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import type { DigestItem, SlaDigestMessage } from '../../notify/alert-message';
import { describeFailure, type Notifier } from '../../notify/notifier';
import type { AlertLedger } from './alert-ledger';
import { resolutionDue, type BusinessTimeEngine } from './evaluator';
import { resolveChannels, sameName, type WatchPolicy } from './policy';
import { urgentItems } from './status';
import { defaultEngine, snapshotTarget, type TargetSnapshot } from './target-snapshot';
import type { ResolvedWatchTargets, WatchTarget } from './watch-source';

export interface DigestDeps {
  targets: () => Promise<ResolvedWatchTargets>;
  ledger: AlertLedger;
  notifier: Notifier;
  policy: WatchPolicy;
  env: Env;
  clock: () => Date;
  logger: Logger;
  defaultTimezone: string;
  /** SLA_DIGEST_TIMEZONE: defines "today" and "yesterday", and the zone of `digestAt`. */
  digestTimezone: string;
  /**
   * SLA_DIGEST_AT ("08:00"): the digest goes out only in the hour starting at this local time, so an hourly timer
   * gives a daily digest at 08:00 local whatever the host's time zone (Linux Consumption is always UTC) and DST.
   * Absent: every firing of the timer sends.
   */
  digestAt?: string;
  engine?: BusinessTimeEngine;
}

export interface DepartmentMet {
  met: number;
  total: number;
}

export interface DigestReport {
  date: string;
  messages: { target: string; department: string; channels: number; sent: number; failed: number }[];
  errors: { target: string; error: string }[];
  /** Set when this firing was outside the SLA_DIGEST_AT hour and nothing was done. */
  notDue?: string;
}

/** Whether `now` falls in the hour that starts at local time `at` (HH:MM) in `zone`. */
export function isDigestHour(now: Date, zone: string, at: string): boolean {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  const start = local.set({ hour, minute, second: 0, millisecond: 0 });
  const diff = local.toMillis() - start.toMillis();
  return diff >= 0 && diff < 3_600_000;
}

/** Yesterday's [start, end) in the digest zone, and today's local date. */
export function digestDay(now: Date, zone: string): { today: string; start: Date; end: Date } {
  const local = DateTime.fromJSDate(now, { zone }).startOf('day');
  return { today: local.toISODate()!, start: local.minus({ days: 1 }).toJSDate(), end: local.toJSDate() };
}

/** Met / total per department for tickets closed in [start, end). */
export async function metByDepartment(
  snapshot: TargetSnapshot,
  start: Date,
  end: Date,
  engine: BusinessTimeEngine,
): Promise<Map<string, DepartmentMet>> {
  const out = new Map<string, DepartmentMet>();
  for await (const batch of snapshot.target.source.closedTicketsSince(start)) {
    for (const t of batch.tickets) {
      if (!t.closedAt) continue;
      const closed = Date.parse(t.closedAt);
      if (closed < start.getTime() || closed >= end.getTime()) continue;
      const ref = snapshot.schedules.forTicket(t);
      if (typeof ref === 'string') continue;
      const due = resolutionDue(t, ref, engine);
      if (!due || 'problem' in due) continue;
      const m = out.get(t.department.name) ?? { met: 0, total: 0 };
      m.total++;
      if (closed <= due.dueAt.getTime()) m.met++;
      out.set(t.department.name, m);
    }
  }
  return out;
}

export async function sendDigest(deps: DigestDeps): Promise<DigestReport> {
  const now = deps.clock();
  const engine = deps.engine ?? defaultEngine;
  const day = digestDay(now, deps.digestTimezone);
  if (deps.digestAt && !isDigestHour(now, deps.digestTimezone, deps.digestAt)) {
    const notDue = `not digest time: it goes out at ${deps.digestAt} ${deps.digestTimezone}`;
    deps.logger.debug(`sla-digest: ${notDue}`);
    return { date: day.today, messages: [], errors: [], notDue };
  }
  const resolved = await deps.targets();
  const report: DigestReport = { date: day.today, messages: [], errors: [...resolved.errors] };
  for (const target of resolved.targets) {
    try {
      await digestTarget(deps, target, now, day, engine, report);
    } catch (err) {
      report.errors.push({ target: target.name, error: describeFailure(err) });
    }
  }
  for (const e of report.errors) deps.logger.error(`sla-digest ${e.target}: failed: ${e.error}`);
  const sent = report.messages.reduce((n, m) => n + m.sent, 0);
  const failed = report.messages.reduce((n, m) => n + m.failed, 0);
  deps.logger.info(`sla-digest ${day.today}: departments=${report.messages.length} sent=${sent} failed=${failed}`);
  if (report.errors.length || failed)
    throw new UpstreamError(
      `SLA digest incomplete (${report.errors.length} target(s) failed, ${failed} message(s) failed); a retry sends only what is missing`,
      'notify',
    );
  return report;
}

async function digestTarget(
  deps: DigestDeps,
  target: WatchTarget,
  now: Date,
  day: ReturnType<typeof digestDay>,
  engine: BusinessTimeEngine,
  report: DigestReport,
): Promise<void> {
  const snapshot = await snapshotTarget(target, {
    policy: deps.policy,
    now,
    defaultTimezone: deps.defaultTimezone,
    logger: deps.logger,
    engine,
  });
  const met = await metByDepartment(snapshot, day.start, day.end, engine);
  const items = urgentItems(target, snapshot.evaluations);
  const byDept = new Map<string, DigestItem[]>();
  for (const i of items) {
    const list = byDept.get(i.department) ?? [];
    list.push({
      ticket: {
        id: i.ticketId,
        number: i.number,
        subject: i.subject,
        department: i.department,
        slaPlan: i.slaPlan ?? '',
        assignee: i.assignee ?? undefined,
      },
      state: i.state,
      clock: i.clock,
      dueAt: new Date(i.dueAt),
      timeZone: i.timeZone,
      businessMinutesLeft: i.businessMinutesLeft,
      ticketUrl: i.ticketUrl ?? undefined,
    });
    byDept.set(i.department, list);
  }
  const departments = new Set([...byDept.keys(), ...met.keys()]);
  for (const department of [...departments].sort()) {
    const m = met.get(department);
    const message: SlaDigestMessage = {
      target: target.name,
      department,
      date: day.today,
      items: byDept.get(department) ?? [],
      closedYesterday: m?.total ?? 0,
      ...(m && m.total ? { metPercent: (100 * m.met) / m.total } : {}),
    };
    // Routes naming this department (or naming nothing), else the fallback.
    const routes = deps.policy.routes.filter(
      (r) => !r.team && !r.priority && !r.slaPlan && (!r.department || sameName(r.department, department)),
    );
    const channels = resolveChannels(routes.length ? routes : [deps.policy.fallback], deps.env, {
      teams: deps.notifier.canTeams,
      email: deps.notifier.canEmail,
    });
    const entry = { target: target.name, department, channels: channels.length, sent: 0, failed: 0 };
    await Promise.all(
      channels.map(async (channel) => {
        const outcome = await deps.ledger.claim(
          {
            target: target.name,
            ticketId: 0,
            clock: 'resolution',
            level: -2,
            dueAt: day.end,
            channelId: `digest:${department}:${channel.id}`,
          },
          'digest',
        );
        if (outcome.kind !== 'claimed') return;
        try {
          await deps.notifier.sendDigest(channel, message);
          await deps.ledger.markSent(outcome.claim);
          entry.sent++;
        } catch (err) {
          entry.failed++;
          await deps.ledger.markFailed(outcome.claim, describeFailure(err));
          deps.logger.warn(`sla-digest ${target.name}/${department} via ${channel.id} failed: ${describeFailure(err)}`);
        }
      }),
    );
    report.messages.push(entry);
  }
}
