// Before/after comparison of two windows' counts: absolute and percentage change, with `n/a` wherever a number
// would be undefined (a missing side, or a zero baseline), never Infinity or NaN.
import type { MetricId } from './catalog';
import type { MetricValue, WindowCounts } from './window-counts';

export type Change = number | 'n/a';

export interface MetricComparison {
  id: MetricId;
  label: string;
  before: MetricValue;
  after: MetricValue;
  change: Change;
  percentChange: Change;
}

export interface HardeningRef {
  id?: string;
  at: string;
  note?: string;
}

export interface ComparisonReport {
  workspace: string;
  hardening: HardeningRef;
  window: string;
  settle: string;
  before: { start: string; end: string };
  after: { start: string; end: string };
  metrics: MetricComparison[];
}

/** The count a value contributes to arithmetic, or undefined when there is none to trust. */
export function countOf(value: MetricValue): number | undefined {
  return value.status === 'ok' ? value.count : undefined;
}

/** Percentage change rounded to one decimal; `n/a` when the baseline is zero or a side is missing. */
export function percentChange(before: number | undefined, after: number | undefined): Change {
  if (before === undefined || after === undefined || before === 0) return 'n/a';
  const pct = Math.round(((after - before) / before) * 1000) / 10;
  return Number.isFinite(pct) ? (Object.is(pct, -0) ? 0 : pct) : 'n/a';
}

export function absoluteChange(before: number | undefined, after: number | undefined): Change {
  if (before === undefined || after === undefined) return 'n/a';
  return after - before;
}

export function compareCounts(
  before: WindowCounts,
  after: WindowCounts,
  meta: { hardening: HardeningRef; window: string; settle: string },
): ComparisonReport {
  const metrics = before.metrics.map((b): MetricComparison => {
    const a = after.metrics.find((m) => m.id === b.id);
    const afterValue: MetricValue = a?.value ?? { status: 'failed', reason: 'no after value' };
    const [x, y] = [countOf(b.value), countOf(afterValue)];
    return {
      id: b.id,
      label: b.label,
      before: b.value,
      after: afterValue,
      change: absoluteChange(x, y),
      percentChange: percentChange(x, y),
    };
  });
  return {
    workspace: before.workspace,
    hardening: meta.hardening,
    window: meta.window,
    settle: meta.settle,
    before: before.window,
    after: after.window,
    metrics,
  };
}
