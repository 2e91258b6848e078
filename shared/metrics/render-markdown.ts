// Markdown in the tutorial's "Metrics Before / After Hardening" layout: "Start Time …", "Stop Time …" and a
// `| Metric | Count |` table per window, then a combined `| Metric | Before | After | Change |` table.
import type { Change, ComparisonReport } from './comparison';
import type { MetricCount, MetricValue, WindowCounts } from './window-counts';
import { sourceNotes, type NoteEntry } from './source-notes';

/** Escapes text for a Markdown table cell or line: no raw HTML, no pipes, no emphasis or links. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\|*_`[\]#~!])/g, '\\$1');
}

/** `2026-03-18 15:37`, as in the tutorial (UTC). */
export function tutorialTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function displayValue(value: MetricValue): string {
  switch (value.status) {
    case 'ok':
      return String(value.count);
    case 'partial':
      return `${value.count} (partial)`;
    case 'not_available':
      return 'not available';
    case 'failed':
      return 'failed';
  }
}

export function displayChange(change: Change, percent: Change): string {
  if (change === 'n/a') return 'n/a';
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return `${sign(change)} (${percent === 'n/a' ? 'n/a' : `${sign(percent)}%`})`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function windowSection(title: string, window: { start: string; end: string }, metrics: MetricCount[]): string[] {
  return [
    `## ${title}`,
    '',
    `Start Time ${tutorialTime(window.start)}`,
    `Stop Time ${tutorialTime(window.end)}`,
    '',
    ...table(
      ['Metric', 'Count'],
      metrics.map((m) => [escapeMarkdown(m.label), displayValue(m.value)]),
    ),
    '',
  ];
}

/** Footnotes: where network counts came from, and why a value is missing or partial. */
function notes(entries: NoteEntry[]): string[] {
  const lines = sourceNotes(entries, escapeMarkdown).map((l) => `- ${l}`);
  return lines.length ? ['Notes:', '', ...lines, ''] : [];
}

export function comparisonMarkdown(report: ComparisonReport): string {
  const before = report.metrics.map((m) => ({ id: m.id, label: m.label, value: m.before }));
  const after = report.metrics.map((m) => ({ id: m.id, label: m.label, value: m.after }));
  const hardening = [
    `Hardening at ${tutorialTime(report.hardening.at)}`,
    report.hardening.note ? ` - ${escapeMarkdown(report.hardening.note)}` : '',
    report.hardening.id ? ` (event ${escapeMarkdown(report.hardening.id)})` : '',
  ].join('');
  const lines = [
    '# Security metrics before / after hardening',
    '',
    `Workspace: ${escapeMarkdown(report.workspace)}`,
    `${hardening}; window ${report.window}, settle ${report.settle}; all times UTC.`,
    '',
    ...windowSection('Metrics Before Hardening / Security Controls', report.before, before),
    ...windowSection('Metrics After Hardening / Security Controls', report.after, after),
    '## Change',
    '',
    ...table(
      ['Metric', 'Before', 'After', 'Change'],
      report.metrics.map((m) => [
        escapeMarkdown(m.label),
        displayValue(m.before),
        displayValue(m.after),
        displayChange(m.change, m.percentChange),
      ]),
    ),
    '',
    ...notes([
      ...before.map((m) => ({ label: m.label, when: 'before', value: m.value })),
      ...after.map((m) => ({ label: m.label, when: 'after', value: m.value })),
    ]),
  ];
  return lines.join('\n');
}

export function windowMarkdown(counts: WindowCounts): string {
  return [
    '# Security metrics',
    '',
    `Workspace: ${escapeMarkdown(counts.workspace)}; all times UTC.`,
    '',
    ...windowSection('Metrics', counts.window, counts.metrics),
    ...notes(counts.metrics.map((m) => ({ label: m.label, when: '', value: m.value }))),
  ].join('\n');
}
