// The security-metrics service: counts for any window, before/after comparisons around hardening events, and
// daily snapshots. Each window costs exactly one Log Analytics round trip (a batch of the catalog's queries).
import type { Logger } from '../logging/logger';
import type { MetricId } from './catalog';
import { compareCounts, type ComparisonReport } from './comparison';
import type { HardeningEvent, HardeningLog } from './hardening-log';
import type { Snapshot, SnapshotLog } from './snapshot-log';
import { checkWindow, formatDuration, hardeningWindows, type TimeWindow } from './time-window';
import type { WindowCounter, WindowCounts } from './window-counts';

export const SNAPSHOT_WINDOW_MS = 24 * 3600_000;

export interface CompareInput {
  /** Either the hardening time, or the id of a recorded hardening event. */
  hardeningAt?: Date;
  hardeningId?: string;
  windowMs: number;
  settleMs: number;
  metricIds?: readonly MetricId[];
}

export interface MetricsService {
  counts(window: TimeWindow, metricIds?: readonly MetricId[]): Promise<WindowCounts>;
  compare(input: CompareInput): Promise<ComparisonReport>;
  recordHardening(input: { at: Date; note: string }): Promise<HardeningEvent>;
  listHardening(limit?: number): Promise<HardeningEvent[]>;
  /** Counts the last 24 hours (ending at the current minute) and stores them. */
  takeSnapshot(): Promise<Snapshot>;
  listSnapshots(window: TimeWindow): Promise<Snapshot[]>;
}

export interface MetricsServiceDeps {
  /** Built on first use, so recording a hardening event never needs Log Analytics settings. */
  counter: () => Promise<WindowCounter>;
  hardening: HardeningLog;
  snapshots: SnapshotLog;
  clock: () => Date;
  logger: Logger;
}

export function createMetricsService(deps: MetricsServiceDeps): MetricsService {
  const { clock, logger } = deps;
  return {
    async counts(window, metricIds) {
      checkWindow(window, { start: 'start', end: 'end' });
      return (await deps.counter()).count(window, metricIds);
    },

    async compare(input) {
      const event = input.hardeningId ? await deps.hardening.get(input.hardeningId) : undefined;
      const at = event ? new Date(event.at) : input.hardeningAt;
      if (!at) throw new Error('compare needs hardeningAt or hardeningId');
      const field = event ? 'hardeningId' : 'hardeningAt';
      const windows = hardeningWindows(at, input.windowMs, input.settleMs, clock(), field);
      const counter = await deps.counter();
      // Two windows, two batches, in parallel: the whole comparison costs two round trips.
      const [before, after] = await Promise.all([
        counter.count(windows.before, input.metricIds),
        counter.count(windows.after, input.metricIds),
      ]);
      logger.info(`metrics: compared around ${at.toISOString()}${event ? ` (hardening ${event.id})` : ''}`);
      return compareCounts(before, after, {
        hardening: event ? { id: event.id, at: event.at, note: event.note } : { at: at.toISOString() },
        window: formatDuration(input.windowMs),
        settle: formatDuration(input.settleMs),
      });
    },

    async recordHardening(input) {
      const event = await deps.hardening.record(input);
      logger.info(`metrics: recorded hardening ${event.id} at ${event.at}`);
      return event;
    },

    listHardening: (limit) => deps.hardening.list(limit),

    async takeSnapshot() {
      const now = clock();
      const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      const window = { start: new Date(end.getTime() - SNAPSHOT_WINDOW_MS), end };
      const counts = await (await deps.counter()).count(window);
      const snapshot = await deps.snapshots.save(counts, now);
      const failed = counts.metrics.filter((m) => m.value.status === 'failed').map((m) => m.id);
      logger.info(
        `metrics: snapshot ${window.start.toISOString()}/${window.end.toISOString()} stored` +
          (failed.length ? `; failed metrics: ${failed.join(', ')}` : ''),
      );
      return snapshot;
    },

    listSnapshots: (window) => deps.snapshots.list(window.start, window.end),
  };
}
