// Hardening events ("NSG locked down at 15:37") in Table storage: the anchors of before/after comparisons.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import type { TableClientFactory } from '../storage/table-client-factory';
import { TableRepository, reverseTimeKey } from '../storage/table-repository';

export const HARDENING_TABLE = 'MetricsHardening';
const PARTITION = 'hardening';

export const hardeningEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  note: z.string(),
  recordedAt: z.string(),
});

export type HardeningEvent = z.infer<typeof hardeningEventSchema>;

export interface HardeningLog {
  record(input: { at: Date; note: string }): Promise<HardeningEvent>;
  get(id: string): Promise<HardeningEvent>;
  /** Newest first. */
  list(limit?: number): Promise<HardeningEvent[]>;
}

export function createHardeningLog(deps: { tables: TableClientFactory; clock: () => Date }): HardeningLog {
  const repo = new TableRepository(deps.tables, HARDENING_TABLE, hardeningEventSchema, (e) => ({ at: e.at }));
  return {
    async record({ at, note }) {
      const event: HardeningEvent = {
        id: randomUUID(),
        at: at.toISOString(),
        note,
        recordedAt: deps.clock().toISOString(),
      };
      // One row keyed by id (lookups), one keyed by time (newest-first listing).
      await repo.upsert(`${PARTITION}-id`, event.id, event);
      await repo.upsert(PARTITION, reverseTimeKey(at, event.id), event);
      return event;
    },
    async get(id) {
      const found = await repo.get(`${PARTITION}-id`, id);
      if (!found) throw new NotFoundError(`Hardening event ${id} not found`);
      return found.value;
    },
    async list(limit = 100) {
      return (await repo.list({ partitionKey: PARTITION, limit })).map((s) => s.value);
    },
  };
}
