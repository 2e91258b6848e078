// The current at-risk and breached tickets of every target, as JSON for GET /api/sla/status. Read-only: nothing
// is sent or written. A failing target is listed under `errors`; the others are still reported.
import type { Logger } from '../../logging/logger';
import { describeFailure } from '../../notify/notifier';
import { ackRowKey, type AckRecord, type AlertLedger } from './alert-ledger';
import { stateRank, type BusinessTimeEngine, type TicketEvaluation } from './evaluator';
import type { WatchPolicy } from './policy';
import { snapshotTarget } from './target-snapshot';
import { ticketUrl, type ResolvedWatchTargets, type WatchTarget } from './watch-source';

export interface StatusItem {
  target: string;
  ticketId: number;
  number: string;
  subject: string;
  department: string;
  slaPlan: string | null;
  assignee: string | null;
  clock: 'resolution' | 'firstResponse';
  state: string;
  dueAt: string;
  dueSource: string;
  timeZone: string;
  businessMinutesLeft: number;
  acknowledged: { at: string; by?: string } | null;
  ticketUrl: string | null;
}

export interface StatusReport {
  at: string;
  counts: { atRisk: number; breached: number };
  items: StatusItem[];
  errors: { target: string; error: string }[];
}

export interface StatusDeps {
  targets: () => Promise<ResolvedWatchTargets>;
  ledger?: AlertLedger;
  policy: WatchPolicy;
  clock: () => Date;
  logger: Logger;
  defaultTimezone: string;
  engine?: BusinessTimeEngine;
}

/** Non-ok clocks of the evaluations, most urgent first (most overdue / least time left). */
export function urgentItems(target: WatchTarget, evaluations: TicketEvaluation[]): Omit<StatusItem, 'acknowledged'>[] {
  const items: Omit<StatusItem, 'acknowledged'>[] = [];
  for (const e of evaluations)
    for (const c of e.clocks) {
      if (c.state === 'ok') continue;
      const t = e.ticket;
      items.push({
        target: target.name,
        ticketId: t.id,
        number: t.number,
        subject: t.subject,
        department: t.department.name,
        slaPlan: t.sla?.name ?? null,
        assignee: t.assignee.staff?.name ?? t.assignee.team?.name ?? null,
        clock: c.clock,
        state: c.label,
        dueAt: c.dueAt.toISOString(),
        dueSource: c.dueSource,
        timeZone: e.timeZone,
        businessMinutesLeft: c.businessMinutesLeft,
        ticketUrl: ticketUrl(target, t.id) ?? null,
      });
    }
  return items.sort(
    (a, b) =>
      a.businessMinutesLeft - b.businessMinutesLeft ||
      stateRank[b.state.split(':')[0] as keyof typeof stateRank] -
        stateRank[a.state.split(':')[0] as keyof typeof stateRank],
  );
}

export async function slaStatus(deps: StatusDeps): Promise<StatusReport> {
  const now = deps.clock();
  const resolved = await deps.targets();
  const errors = [...resolved.errors];
  const items: StatusItem[] = [];
  for (const target of resolved.targets) {
    try {
      const snap = await snapshotTarget(target, {
        policy: deps.policy,
        now,
        defaultTimezone: deps.defaultTimezone,
        logger: deps.logger,
        engine: deps.engine,
      });
      const acks = deps.ledger ? await deps.ledger.acksByRowKey(target.name) : new Map<string, AckRecord>();
      for (const item of urgentItems(target, snap.evaluations)) {
        const ack = acks.get(ackRowKey(item.ticketId, item.clock, new Date(item.dueAt)));
        items.push({
          ...item,
          acknowledged: ack ? { at: ack.acknowledgedAt, ...(ack.by ? { by: ack.by } : {}) } : null,
        });
      }
    } catch (err) {
      errors.push({ target: target.name, error: describeFailure(err) });
    }
  }
  return {
    at: now.toISOString(),
    counts: {
      atRisk: items.filter((i) => i.state === 'warning').length,
      breached: items.filter((i) => i.state !== 'warning').length,
    },
    items,
    errors,
  };
}
