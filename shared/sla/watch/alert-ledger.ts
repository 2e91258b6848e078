// The alert ledger (Table storage): one row per (target, ticket, clock, level, due instant, channel).
// A sweep claims a row with a conditional insert before sending, so two overlapping sweeps cannot both send;
// the row becomes `sent` only after the channel accepted the alert, `failed` rows are re-claimed next sweep,
// and a `pending` claim older than `staleClaimMinutes` (a crashed sweep) is re-claimed with an ETag replace.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import { safeKey, TableRepository } from '../../storage/table-repository';
import type { TableClientFactory } from '../../storage/table-client-factory';

export const ALERTS_TABLE = 'slaalerts';
export const ACKS_TABLE = 'slaacks';
export const BREACHES_TABLE = 'slabreaches';

export const clockSchema = z.enum(['resolution', 'firstResponse']);

export const alertRecordSchema = z.object({
  target: z.string(),
  ticketId: z.number().int(),
  ticketNumber: z.string(),
  clock: clockSchema,
  /** 0 warning, 1 breach, 2.. escalation levels, -1 "resolved after breach" note. */
  level: z.number().int(),
  dueAt: z.string(),
  channelId: z.string(),
  state: z.enum(['pending', 'sent', 'failed', 'abandoned']),
  claimId: z.string(),
  claimedAt: z.string(),
  attempts: z.number().int(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export const ackRecordSchema = z.object({
  target: z.string(),
  ticketId: z.number().int(),
  clock: clockSchema,
  dueAt: z.string(),
  acknowledgedAt: z.string(),
  /** The recipient the acknowledged alert went to (channel id) and an optional name typed by the person. */
  via: z.string(),
  by: z.string().optional(),
});
export type AckRecord = z.infer<typeof ackRecordSchema>;

/** Marks a ticket whose resolution breach alert was sent, so its closing can be noticed ("resolved after breach"). */
export const breachMarkerSchema = z.object({
  target: z.string(),
  ticketId: z.number().int(),
  ticketNumber: z.string(),
  dueAt: z.string(),
  breachedAt: z.string(),
});
export type BreachMarker = z.infer<typeof breachMarkerSchema>;

export interface AlertKey {
  target: string;
  ticketId: number;
  clock: AlertRecord['clock'];
  level: number;
  dueAt: Date;
  channelId: string;
}

export interface Claim {
  partitionKey: string;
  rowKey: string;
  etag: string;
  record: AlertRecord;
}

export interface AlertLedgerOptions {
  tables: TableClientFactory;
  clock: () => Date;
  staleClaimMinutes?: number;
  /** After this many failed sends the alert is abandoned (kept for the record, never retried). */
  maxAttempts?: number;
}

const SENT_LOOKBACK_DAYS = 45;

const ticketPart = (ticketId: number) => String(ticketId).padStart(12, '0');

export function alertRowKey(key: Omit<AlertKey, 'target'>): string {
  return safeKey(`${ticketPart(key.ticketId)}|${key.clock}|L${key.level}|${key.dueAt.getTime()}|${key.channelId}`);
}

export function ackRowKey(ticketId: number, clock: string, dueAt: Date): string {
  return safeKey(`${ticketPart(ticketId)}|${clock}|${dueAt.getTime()}`);
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'sent' }
  | { kind: 'busy' }
  | { kind: 'abandoned' };

export interface AlertLedger {
  claim(key: AlertKey, ticketNumber: string): Promise<ClaimOutcome>;
  markSent(claim: Claim): Promise<void>;
  markFailed(claim: Claim, error: string): Promise<void>;
  get(key: AlertKey): Promise<AlertRecord | undefined>;
  /** Row keys of every alert of a target already sent: one query per sweep instead of one claim per alert. */
  sentRowKeys(target: string): Promise<Set<string>>;
  /** Acknowledgements of a target by ack row key (see ackRowKey): one query per sweep. */
  acksByRowKey(target: string): Promise<Map<string, AckRecord>>;
  listForTarget(target: string): Promise<AlertRecord[]>;
  acknowledge(ack: AckRecord): Promise<{ created: boolean; record: AckRecord }>;
  findAck(target: string, ticketId: number, clock: string, dueAt: Date): Promise<AckRecord | undefined>;
  markBreached(marker: BreachMarker): Promise<void>;
  listBreached(target: string): Promise<BreachMarker[]>;
  clearBreached(target: string, ticketId: number): Promise<void>;
}

export function createAlertLedger(options: AlertLedgerOptions): AlertLedger {
  const alerts = new TableRepository(options.tables, ALERTS_TABLE, alertRecordSchema, (v) => ({
    state: v.state,
    level: v.level,
    dueAt: new Date(v.dueAt),
  }));
  const acks = new TableRepository(options.tables, ACKS_TABLE, ackRecordSchema);
  const breaches = new TableRepository(options.tables, BREACHES_TABLE, breachMarkerSchema);
  const staleMs = (options.staleClaimMinutes ?? 10) * 60_000;
  const maxAttempts = options.maxAttempts ?? 50;

  const claimed = (pk: string, rk: string, record: AlertRecord, etag: string): ClaimOutcome => ({
    kind: 'claimed',
    claim: { partitionKey: pk, rowKey: rk, etag, record },
  });

  return {
    async claim(key, ticketNumber) {
      const pk = safeKey(key.target);
      const rk = alertRowKey(key);
      const now = options.clock();
      const fresh: AlertRecord = {
        target: key.target,
        ticketId: key.ticketId,
        ticketNumber,
        clock: key.clock,
        level: key.level,
        dueAt: key.dueAt.toISOString(),
        channelId: key.channelId,
        state: 'pending',
        claimId: randomUUID(),
        claimedAt: now.toISOString(),
        attempts: 1,
      };
      const etag = await alerts.insertIfAbsent(pk, rk, fresh);
      if (etag) return claimed(pk, rk, fresh, etag);
      const existing = await alerts.get(pk, rk);
      if (!existing) return { kind: 'busy' };
      const v = existing.value;
      if (v.state === 'sent') return { kind: 'sent' };
      if (v.state === 'abandoned') return { kind: 'abandoned' };
      if (v.state === 'pending' && now.getTime() - Date.parse(v.claimedAt) < staleMs) return { kind: 'busy' };
      if (v.attempts >= maxAttempts) {
        await alerts.replace(pk, rk, { ...v, state: 'abandoned' }, existing.etag).catch(() => undefined);
        return { kind: 'abandoned' };
      }
      const next: AlertRecord = {
        ...v,
        state: 'pending',
        claimId: randomUUID(),
        claimedAt: now.toISOString(),
        attempts: v.attempts + 1,
      };
      try {
        return claimed(pk, rk, next, await alerts.replace(pk, rk, next, existing.etag));
      } catch (err) {
        if (err instanceof ConflictError) return { kind: 'busy' };
        throw err;
      }
    },

    async markSent(claim) {
      const sent: AlertRecord = { ...claim.record, state: 'sent', sentAt: options.clock().toISOString() };
      delete sent.lastError;
      try {
        await alerts.replace(claim.partitionKey, claim.rowKey, sent, claim.etag);
      } catch (err) {
        // Our claim went stale and someone re-claimed it: the alert was still delivered, so record that.
        if (!(err instanceof ConflictError)) throw err;
        await alerts.upsert(claim.partitionKey, claim.rowKey, sent);
      }
    },

    async markFailed(claim, error) {
      const failed: AlertRecord = { ...claim.record, state: 'failed', lastError: error.slice(0, 300) };
      try {
        await alerts.replace(claim.partitionKey, claim.rowKey, failed, claim.etag);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
    },

    async get(key) {
      return (await alerts.get(safeKey(key.target), alertRowKey(key)))?.value;
    },

    async sentRowKeys(target) {
      // Only recent due instants: the query stays small as the table grows. An older alert missing here is
      // still deduplicated by the conditional insert, at the cost of two requests.
      const { odata } = await import('@azure/data-tables');
      const since = new Date(options.clock().getTime() - SENT_LOOKBACK_DAYS * 86_400_000);
      const filter = odata`state eq ${'sent'} and dueAt ge ${since}`;
      const rows = await alerts.list({ partitionKey: safeKey(target), filter });
      return new Set(rows.map((r) => r.rowKey));
    },

    async acksByRowKey(target) {
      return new Map((await acks.list({ partitionKey: safeKey(target) })).map((r) => [r.rowKey, r.value]));
    },

    async listForTarget(target) {
      return (await alerts.list({ partitionKey: safeKey(target) })).map((s) => s.value);
    },

    async acknowledge(ack) {
      const pk = safeKey(ack.target);
      const rk = ackRowKey(ack.ticketId, ack.clock, new Date(ack.dueAt));
      const etag = await acks.insertIfAbsent(pk, rk, ack);
      if (etag) return { created: true, record: ack };
      const existing = await acks.get(pk, rk);
      return { created: false, record: existing?.value ?? ack };
    },

    async findAck(target, ticketId, clock, dueAt) {
      return (await acks.get(safeKey(target), ackRowKey(ticketId, clock, dueAt)))?.value;
    },

    async markBreached(marker) {
      await breaches.insertIfAbsent(safeKey(marker.target), ticketPart(marker.ticketId), marker);
    },

    async listBreached(target) {
      return (await breaches.list({ partitionKey: safeKey(target) })).map((s) => s.value);
    },

    async clearBreached(target, ticketId) {
      await breaches.delete(safeKey(target), ticketPart(ticketId));
    },
  };
}
