// One SLA sweep over every target: evaluate open tickets, send warning / breach / escalation alerts once each
// (claimed in the alert ledger), and the "resolved after breach" note. Targets are independent: a failing
// osTicket is reported and the sweep throws at the end, after the other targets were processed.
import { UpstreamError } from '../../errors';
import type { Env } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import type { SlaAlertMessage, AlertKind } from '../../notify/alert-message';
import { describeFailure, type Channel, type Notifier } from '../../notify/notifier';
import { RetriesExhaustedError } from '../../notify/retry-policy';
import { OsTicketContractError } from '../../osticket/errors';
import { createAckToken } from './ack-token';
import { ackRowKey, alertRowKey, type AlertLedger } from './alert-ledger';
import {
  worstClock,
  type BusinessTimeEngine,
  type ClockResult,
  type SlaState,
  type TicketEvaluation,
} from './evaluator';
import { channelRefsForEscalation, channelRefsForTicket, resolveChannels, type WatchPolicy } from './policy';
import { defaultEngine, snapshotTarget, type TargetSnapshot } from './target-snapshot';
import { ticketUrl, type ResolvedWatchTargets, type WatchTarget } from './watch-source';

export interface AckLinkOptions {
  secret: string;
  ttlHours: number;
  /** Public base URL of the function app, e.g. https://ops.example.com (the route is /api/sla/ack). */
  baseUrl: string;
}

export interface SlaWatcherDeps {
  targets: () => Promise<ResolvedWatchTargets>;
  ledger: AlertLedger;
  notifier: Notifier;
  policy: WatchPolicy;
  /** App settings: channel references (teamsWebhookSetting, emailsSetting) resolve against these. */
  env: Env;
  clock: () => Date;
  logger: Logger;
  defaultTimezone: string;
  notifyResolved: boolean;
  /** Without it, alerts carry no acknowledge link. */
  ack?: AckLinkOptions;
  engine?: BusinessTimeEngine;
}

export type StateCounts = Record<SlaState, number>;

export interface TargetSweepReport {
  target: string;
  ok: boolean;
  error?: string;
  evaluated: number;
  byState: StateCounts;
  skipped: number;
  alertsSent: number;
  alertsFailed: number;
  /** Left for the next sweep because their channel already failed in this one. */
  alertsDeferred: number;
  alertsAlreadySent: number;
}

export interface SweepReport {
  at: string;
  targets: TargetSweepReport[];
}

interface PlannedAlert {
  evaluation: TicketEvaluation;
  clock: ClockResult;
  kind: AlertKind;
  level: number;
  channels: Channel[];
}

/** Per-target delivery counts of one sweep. */
interface Counts {
  sent: number;
  failed: number;
  already: number;
  /** Not attempted: the channel already failed after its retries in this sweep (left for the next sweep). */
  deferred: number;
}

/** A channel whose retries ran out is not tried again in the same sweep, so a dead webhook cannot stall it. */
function exhausted(err: unknown): boolean {
  return err instanceof RetriesExhaustedError || (err as { cause?: unknown }).cause instanceof RetriesExhaustedError;
}

const emptyCounts = (): StateCounts => ({ ok: 0, warning: 0, breached: 0, escalated: 0 });

export interface SlaWatcher {
  sweep(): Promise<SweepReport>;
}

export function createSlaWatcher(deps: SlaWatcherDeps): SlaWatcher {
  const capabilities = () => ({ teams: deps.notifier.canTeams, email: deps.notifier.canEmail });
  const warnedMissing = new Set<string>();
  const engine = deps.engine ?? defaultEngine;

  const channelsFor = (refs: Parameters<typeof resolveChannels>[0]) => {
    const missing = new Set<string>();
    const channels = resolveChannels(refs, deps.env, capabilities(), missing);
    for (const m of missing)
      if (!warnedMissing.has(m)) {
        warnedMissing.add(m);
        deps.logger.warn(`sla-watch: channel setting ${m} is not set; that channel is skipped`);
      }
    return channels;
  };

  const ackUrl = (target: string, evaluation: TicketEvaluation, clock: ClockResult, channel: Channel, now: Date) => {
    if (!deps.ack) return undefined;
    const token = createAckToken(deps.ack.secret, {
      t: target,
      i: evaluation.ticket.id,
      n: evaluation.ticket.number,
      c: clock.clock,
      d: clock.dueAt.getTime(),
      via: channel.id,
      exp: Math.floor(now.getTime() / 1000) + deps.ack.ttlHours * 3600,
    });
    return `${deps.ack.baseUrl.replace(/\/+$/, '')}/api/sla/ack?token=${token}`;
  };

  const message = (
    target: WatchTarget,
    p: Pick<PlannedAlert, 'evaluation' | 'clock' | 'kind' | 'level'>,
    channel: Channel,
    now: Date,
  ): SlaAlertMessage => {
    const t = p.evaluation.ticket;
    return {
      kind: p.kind,
      level: p.level,
      clock: p.clock.clock,
      target: target.name,
      ticket: {
        id: t.id,
        number: t.number,
        subject: t.subject,
        department: t.department.name,
        slaPlan: t.sla?.name ?? '',
        assignee: t.assignee.staff?.name ?? t.assignee.team?.name,
      },
      dueAt: p.clock.dueAt,
      timeZone: p.evaluation.timeZone,
      businessMinutesLeft: p.clock.businessMinutesLeft,
      ticketUrl: ticketUrl(target, t.id),
      ackUrl: p.kind === 'resolved' ? undefined : ackUrl(target.name, p.evaluation, p.clock, channel, now),
    };
  };

  async function plan(snapshot: TargetSnapshot): Promise<PlannedAlert[]> {
    const out: PlannedAlert[] = [];
    const acks = await deps.ledger.acksByRowKey(snapshot.target.name);
    for (const evaluation of snapshot.evaluations) {
      for (const clock of evaluation.clocks) {
        if (clock.state === 'ok') continue;
        const routed = channelsFor(channelRefsForTicket(deps.policy, evaluation.ticket));
        if (clock.state === 'warning') {
          out.push({ evaluation, clock, kind: 'warning', level: 0, channels: routed });
          continue;
        }
        out.push({ evaluation, clock, kind: 'breached', level: 1, channels: routed });
        if (clock.state === 'escalated') {
          if (acks.has(ackRowKey(evaluation.ticket.id, clock.clock, clock.dueAt))) continue;
          const channels = channelsFor(channelRefsForEscalation(deps.policy, evaluation.ticket, clock.escalation));
          out.push({ evaluation, clock, kind: 'escalated', level: clock.level, channels });
        }
      }
    }
    return out;
  }

  /** Claim, send, record: per channel, independently. Returns counts. */
  async function deliver(
    target: WatchTarget,
    p: PlannedAlert,
    now: Date,
    counts: Counts,
    sent: Set<string>,
    broken: Set<string>,
  ): Promise<boolean> {
    let anySent = false;
    await Promise.all(
      p.channels.map(async (channel) => {
        const key = {
          target: target.name,
          ticketId: p.evaluation.ticket.id,
          clock: p.clock.clock,
          level: p.kind === 'resolved' ? -1 : p.level,
          dueAt: p.clock.dueAt,
          channelId: channel.id,
        };
        if (sent.has(alertRowKey(key))) {
          counts.already++;
          return;
        }
        if (broken.has(channel.id)) {
          counts.deferred++;
          return;
        }
        const outcome = await deps.ledger.claim(key, p.evaluation.ticket.number);
        if (outcome.kind !== 'claimed') {
          if (outcome.kind === 'sent') counts.already++;
          return;
        }
        try {
          await deps.notifier.sendAlert(channel, message(target, p, channel, now));
        } catch (err) {
          counts.failed++;
          if (exhausted(err)) broken.add(channel.id);
          const reason = describeFailure(err);
          deps.logger.warn(
            `sla-watch ${target.name}: ${p.kind} alert for #${p.evaluation.ticket.number} via ${channel.id} failed, pending for the next sweep: ${reason}`,
          );
          await deps.ledger.markFailed(outcome.claim, reason);
          return;
        }
        await deps.ledger.markSent(outcome.claim);
        counts.sent++;
        anySent = true;
        deps.logger.info(
          `sla-watch ${target.name}: sent ${p.kind} alert for #${p.evaluation.ticket.number} via ${channel.id}`,
        );
      }),
    );
    return anySent;
  }

  async function resolvedNotes(
    snapshot: TargetSnapshot,
    now: Date,
    counts: Counts,
    sent: Set<string>,
    broken: Set<string>,
  ) {
    const target = snapshot.target;
    for (const marker of await deps.ledger.listBreached(target.name)) {
      if (snapshot.openIds.has(marker.ticketId)) continue;
      let ticket;
      try {
        ticket = await target.source.ticket(marker.ticketId);
      } catch (err) {
        if (!(err instanceof OsTicketContractError)) throw err;
        deps.logger.warn(
          `sla-watch ${target.name}: skipped ticket #${marker.ticketNumber}: fails the contract (${err.message})`,
        );
        continue;
      }
      if (ticket && ticket.status.state === 'open') continue;
      if (!ticket || !deps.notifyResolved) {
        await deps.ledger.clearBreached(target.name, marker.ticketId);
        continue;
      }
      const ref = snapshot.schedules.forTicket(ticket);
      const dueAt = new Date(marker.dueAt);
      const evaluation: TicketEvaluation = {
        ticket,
        clocks: [],
        timeZone: typeof ref === 'string' ? deps.defaultTimezone : ref.timeZone,
        scheduleName: typeof ref === 'string' ? '' : ref.name,
        problems: [],
      };
      const closedAt = ticket.closedAt ? new Date(ticket.closedAt) : now;
      const clock: ClockResult = {
        clock: 'resolution',
        state: 'breached',
        level: 1,
        label: 'breached',
        dueAt,
        warnAt: dueAt,
        dueSource: 'osticket',
        businessMinutesLeft:
          typeof ref === 'string'
            ? Math.round((dueAt.getTime() - closedAt.getTime()) / 60_000)
            : Math.round(engine.businessHoursBetween(closedAt, dueAt, ref.schedule) * 60),
      };
      const channels = channelsFor(channelRefsForTicket(deps.policy, ticket));
      const before = counts.failed;
      await deliver(target, { evaluation, clock, kind: 'resolved', level: -1, channels }, now, counts, sent, broken);
      if (counts.failed === before) await deps.ledger.clearBreached(target.name, marker.ticketId);
    }
  }

  async function sweepTarget(target: WatchTarget, now: Date): Promise<TargetSweepReport> {
    const snapshot = await snapshotTarget(target, {
      policy: deps.policy,
      now,
      defaultTimezone: deps.defaultTimezone,
      logger: deps.logger,
      engine: deps.engine,
    });
    const byState = emptyCounts();
    for (const e of snapshot.evaluations) byState[worstClock(e)?.state ?? 'ok']++;
    const counts: Counts = { sent: 0, failed: 0, already: 0, deferred: 0 };
    const broken = new Set<string>();
    const sentKeys = await deps.ledger.sentRowKeys(target.name);
    for (const p of await plan(snapshot)) {
      const sent = await deliver(target, p, now, counts, sentKeys, broken);
      if (sent && p.kind === 'breached' && p.clock.clock === 'resolution')
        await deps.ledger.markBreached({
          target: target.name,
          ticketId: p.evaluation.ticket.id,
          ticketNumber: p.evaluation.ticket.number,
          dueAt: p.clock.dueAt.toISOString(),
          breachedAt: now.toISOString(),
        });
    }
    await resolvedNotes(snapshot, now, counts, sentKeys, broken);
    return {
      target: target.name,
      ok: true,
      evaluated: snapshot.evaluations.length,
      byState,
      skipped: snapshot.invalid.length,
      alertsSent: counts.sent,
      alertsFailed: counts.failed,
      alertsDeferred: counts.deferred,
      alertsAlreadySent: counts.already,
    };
  }

  return {
    async sweep() {
      const now = deps.clock();
      const resolved = await deps.targets();
      const reports: TargetSweepReport[] = resolved.errors.map((e) => failed(e.target, e.error));
      for (const target of resolved.targets) {
        try {
          reports.push(await sweepTarget(target, now));
        } catch (err) {
          reports.push(failed(target.name, describeFailure(err)));
        }
      }
      for (const r of reports) {
        if (r.ok)
          deps.logger.info(
            `sla-watch ${r.target}: evaluated=${r.evaluated} ok=${r.byState.ok} warning=${r.byState.warning} ` +
              `breached=${r.byState.breached} escalated=${r.byState.escalated} skipped=${r.skipped} ` +
              `alertsSent=${r.alertsSent} alertsFailed=${r.alertsFailed} alertsDeferred=${r.alertsDeferred}`,
          );
        else deps.logger.error(`sla-watch ${r.target}: sweep failed: ${r.error}`);
      }
      const failures = reports.filter((r) => !r.ok);
      if (failures.length)
        throw new UpstreamError(
          `SLA sweep failed for ${failures.map((f) => f.target).join(', ')}; the other targets were processed`,
          'osTicket',
        );
      return { at: now.toISOString(), targets: reports };
    },
  };
}

function failed(target: string, error: string): TargetSweepReport {
  return {
    target,
    ok: false,
    error,
    evaluated: 0,
    byState: emptyCounts(),
    skipped: 0,
    alertsSent: 0,
    alertsFailed: 0,
    alertsDeferred: 0,
    alertsAlreadySent: 0,
  };
}
