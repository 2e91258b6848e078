// Every plan or apply run, in Table storage (`rosterruns`): one summary row per run (newest first) plus its
// per-item results in chunks, since one table property holds at most 32K characters.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import type { TableClientFactory } from '../storage/table-client-factory';
import { TableRepository, reverseTimeKey } from '../storage/table-repository';

export const ROSTER_RUNS_TABLE = 'rosterruns';
const SUMMARY_PARTITION = 'run';
/** Characters of item JSON per chunk row: under the 32K-character limit of one property, with room to spare. */
const CHUNK_CHARS = 24_000;
/** Failed and skipped items copied into the summary, so the run list shows problems without a second read. */
const PROBLEMS_IN_SUMMARY = 20;

const counts = z.record(z.string(), z.number());
const itemRecord = z.looseObject({ kind: z.string(), name: z.string() });

export const runSummarySchema = z.object({
  runId: z.string(),
  mode: z.enum(['plan', 'apply']),
  target: z.string(),
  trigger: z.object({ source: z.enum(['http', 'timer', 'queue', 'cli']), ref: z.string().optional() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['ok', 'changes', 'problems', 'failed']),
  planCounts: counts.optional(),
  resultCounts: counts.optional(),
  /** The error that stopped the run for this target (e.g. osTicket unreachable). */
  error: z.string().optional(),
  itemCount: z.number(),
  problems: z.array(itemRecord),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
export type RunItem = z.infer<typeof itemRecord>;

const chunkSchema = z.object({ items: z.array(itemRecord) });

export interface RunStore {
  /** Stores a run; `items` are the per-item plan entries or results (unchanged ones left out by the caller). */
  save(summary: Omit<RunSummary, 'runId' | 'itemCount' | 'problems'>, items: RunItem[]): Promise<RunSummary>;
  list(limit: number): Promise<RunSummary[]>;
  get(runId: string): Promise<{ summary: RunSummary; items: RunItem[] }>;
}

export function createTableRunStore(tables: TableClientFactory): RunStore {
  const summaries = new TableRepository(tables, ROSTER_RUNS_TABLE, runSummarySchema, (s) => ({
    target: s.target,
    mode: s.mode,
    status: s.status,
  }));
  const chunks = new TableRepository(tables, ROSTER_RUNS_TABLE, chunkSchema);
  return {
    async save(input, items) {
      const runId = reverseTimeKey(new Date(input.startedAt), randomBytes(4).toString('hex'));
      const problems = items
        .filter((i) => i['status'] === 'failed' || i['status'] === 'skipped')
        .slice(0, PROBLEMS_IN_SUMMARY);
      let n = 0;
      for (const chunk of chunked(items))
        await chunks.upsert(`items-${runId}`, String(n++).padStart(5, '0'), { items: chunk });
      const summary: RunSummary = { ...input, runId, itemCount: items.length, problems };
      await summaries.upsert(SUMMARY_PARTITION, runId, summary);
      return summary;
    },
    async list(limit) {
      return (await summaries.list({ partitionKey: SUMMARY_PARTITION, limit })).map((s) => s.value);
    },
    async get(runId) {
      if (!/^[0-9a-f-]{1,64}$/i.test(runId)) throw new NotFoundError(`roster run ${runId} not found`);
      const summary = await summaries.get(SUMMARY_PARTITION, runId);
      if (!summary) throw new NotFoundError(`roster run ${runId} not found`);
      const items = (await chunks.list({ partitionKey: `items-${runId}` })).flatMap((c) => c.value.items);
      return { summary: summary.value, items };
    },
  };
}

/** Splits items into chunks whose JSON stays under CHUNK_CHARS; an oversized single item is cut to its identity. */
function* chunked(items: RunItem[]): Generator<RunItem[]> {
  let chunk: RunItem[] = [];
  let size = 0;
  for (const item of items) {
    let json = JSON.stringify(item).length;
    let value = item;
    if (json > CHUNK_CHARS) {
      value = { kind: item.kind, name: item.name, truncated: true };
      json = JSON.stringify(value).length;
    }
    if (size + json > CHUNK_CHARS && chunk.length > 0) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(value);
    size += json + 1;
  }
  if (chunk.length > 0) yield chunk;
}
