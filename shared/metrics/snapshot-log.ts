// Daily metric snapshots in Table storage, keyed by the window's end so a range of days is one key range.
import { z } from 'zod';
import type { TableClientFactory } from '../storage/table-client-factory';
import { TableRepository } from '../storage/table-repository';
import { METRIC_IDS } from './catalog';
import type { WindowCounts } from './window-counts';

export const SNAPSHOT_TABLE = 'MetricsSnapshots';
const PARTITION = 'daily';

const metricValueSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), count: z.number(), source: z.string() }),
  z.object({ status: z.literal('partial'), count: z.number(), source: z.string(), reason: z.string() }),
  z.object({ status: z.literal('not_available'), reason: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);

export const snapshotSchema = z.object({
  takenAt: z.string(),
  workspace: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  metrics: z.array(z.object({ id: z.enum(METRIC_IDS), label: z.string(), value: metricValueSchema })),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

export interface SnapshotLog {
  save(counts: WindowCounts, takenAt: Date): Promise<Snapshot>;
  /** Snapshots whose window ends in [from, to], oldest first. */
  list(from: Date, to: Date, limit?: number): Promise<Snapshot[]>;
}

export function createSnapshotLog(deps: { tables: TableClientFactory }): SnapshotLog {
  const repo = new TableRepository(deps.tables, SNAPSHOT_TABLE, snapshotSchema);
  return {
    async save(counts, takenAt) {
      const snapshot: Snapshot = { takenAt: takenAt.toISOString(), ...counts };
      // Keyed by window end: a retried timer run overwrites its own snapshot instead of adding a second one.
      await repo.upsert(PARTITION, counts.window.end, snapshot);
      return snapshot;
    },
    async list(from, to, limit = 1000) {
      const { odata } = await import('@azure/data-tables');
      const filter = odata`RowKey ge ${from.toISOString()} and RowKey le ${to.toISOString()}`;
      return (await repo.list({ partitionKey: PARTITION, filter, limit })).map((s) => s.value);
    },
  };
}
