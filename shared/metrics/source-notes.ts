// Notes under the metrics tables: which table a count came from when it is not the metric's own (grouped, so
// four flow counts from one table make one line), and why a value is missing or partial.
import type { MetricValue } from './window-counts';

export interface NoteEntry {
  label: string;
  /** 'before', 'after', or '' for a single window. */
  when: string;
  value: MetricValue;
}

/** Plain-text note lines; `escape` adapts user-visible names to the output format (Markdown, or none). */
export function sourceNotes(entries: readonly NoteEntry[], escape: (text: string) => string = (t) => t): string[] {
  const windowsBySourceAndLabel = new Map<string, { source: string; label: string; whens: string[] }>();
  const problems: string[] = [];
  for (const { label, when, value } of entries) {
    const where = when ? ` (${when})` : '';
    if (value.status === 'ok') {
      if (value.source === label) continue;
      const key = `${value.source}\u0000${label}`;
      const entry = windowsBySourceAndLabel.get(key) ?? { source: value.source, label, whens: [] };
      if (when) entry.whens.push(when);
      windowsBySourceAndLabel.set(key, entry);
    } else if (value.status === 'partial')
      problems.push(`${escape(label)}${where}: partial result from ${escape(value.source)}: ${escape(value.reason)}`);
    else problems.push(`${escape(label)}${where}: ${value.status.replace('_', ' ')}: ${escape(value.reason)}`);
  }
  // Metrics counted from the same table in the same windows share one line.
  const groups = new Map<string, { source: string; whens: string[]; labels: string[] }>();
  for (const { source, label, whens } of windowsBySourceAndLabel.values()) {
    const key = `${source}\u0000${whens.join(',')}`;
    const group = groups.get(key) ?? { source, whens, labels: [] };
    group.labels.push(label);
    groups.set(key, group);
  }
  const sources = [...groups.values()].map(({ source, whens, labels }) => {
    const windows = whens.length ? ` (${whens.join(' and ')})` : '';
    return `${labels.map(escape).join(', ')}${windows}: counted from ${escape(source)}`;
  });
  return [...sources, ...problems];
}
