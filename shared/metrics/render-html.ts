// A small standalone HTML page: the metrics table and an inline SVG grouped bar chart (one bar per metric per
// window, linear or log scale). No scripts, no external resources; every piece of text is escaped.
import { escapeHtml } from '../http/html-escape';
import { sourceNotes } from './source-notes';
import type { ComparisonReport } from './comparison';
import type { ChartScale } from './metrics-request';
import { displayChange, displayValue, tutorialTime } from './render-markdown';
import type { MetricValue, WindowCounts } from './window-counts';

/** The page forbids everything but its own inline styles. */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

interface Series {
  key: string;
  label: string;
  color: string;
}

interface ChartRow {
  id: string;
  label: string;
  values: MetricValue[];
}

const COLORS = ['#7c8594', '#1f6feb'];

function countOf(value: MetricValue): number | undefined {
  return value.status === 'ok' || value.status === 'partial' ? value.count : undefined;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Splits a label into lines of about 14 characters for the x axis. */
function wrap(label: string, width = 14): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of label.split(/\s+/)) {
    if (current && (current + ' ' + word).length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.slice(0, 3);
}

export function barChartSvg(series: Series[], rows: ChartRow[], scale: ChartScale): string {
  const [left, right, top, bottom] = [64, 16, 28, 64];
  const groupWidth = Math.max(92, series.length * 30 + 32);
  const width = left + right + Math.max(1, rows.length) * groupWidth;
  const height = 320;
  const plotH = height - top - bottom;
  const counts = rows.flatMap((r) => r.values.map(countOf)).filter((c): c is number => c !== undefined);
  const max = Math.max(0, ...counts);
  const logTop = Math.max(1, Math.ceil(Math.log10(max + 1)));
  const linTop = niceMax(max);
  const y = (v: number) => (scale === 'log' ? (plotH * Math.log10(v + 1)) / logTop : (plotH * v) / linTop);
  const ticks =
    scale === 'log'
      ? Array.from({ length: logTop + 1 }, (_, i) => (i === 0 ? 0 : 10 ** i - 1)).map((v, i) => ({
          v,
          label: i === 0 ? '0' : `${10 ** i}`,
          at: i === 0 ? 0 : (plotH * i) / logTop,
        }))
      : [0, 1, 2, 3, 4].map((i) => ({ v: (linTop * i) / 4, label: `${(linTop * i) / 4}`, at: (plotH * i) / 4 }));
  const barWidth = (groupWidth - 24) / series.length;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-scale="${scale}">`,
    `<title>Security metrics, ${scale === 'log' ? 'log' : 'linear'} scale</title>`,
  );
  for (const tick of ticks) {
    const ty = (top + plotH - tick.at).toFixed(1);
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="#e3e6ea" />`,
      `<text class="tick" x="${left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="11">${escapeHtml(tick.label)}</text>`,
    );
  }
  rows.forEach((row, gi) => {
    const gx = left + gi * groupWidth + 12;
    parts.push(`<g class="group" data-metric="${escapeHtml(row.id)}">`);
    series.forEach((s, si) => {
      const value = row.values[si];
      const count = value ? countOf(value) : undefined;
      const h = count === undefined ? 0 : y(count);
      const x = (gx + si * barWidth).toFixed(1);
      const text = `${row.label}, ${s.label}: ${value ? displayValue(value) : 'n/a'}`;
      parts.push(
        `<rect class="bar bar-${escapeHtml(s.key)}${count === undefined ? ' missing' : ''}" data-metric="${escapeHtml(row.id)}" data-window="${escapeHtml(s.key)}" data-value="${count ?? ''}" x="${x}" y="${(top + plotH - h).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${escapeHtml(text)}</title></rect>`,
      );
      if (count === undefined) {
        parts.push(
          `<text class="na" x="${(gx + si * barWidth + barWidth / 2).toFixed(1)}" y="${top + plotH - 4}" text-anchor="middle" font-size="9">n/a</text>`,
        );
      }
    });
    const lines = wrap(row.label);
    const cx = (gx + (series.length * barWidth) / 2).toFixed(1);
    parts.push(
      `<text class="label" x="${cx}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${lines
        .map((l, i) => `<tspan x="${cx}" dy="${i === 0 ? 0 : 13}">${escapeHtml(l)}</tspan>`)
        .join('')}</text>`,
      '</g>',
    );
  });
  parts.push(
    `<line class="axis" x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#444" />`,
  );
  series.forEach((s, i) => {
    const lx = left + i * 120;
    parts.push(
      `<rect class="legend" x="${lx}" y="6" width="12" height="12" fill="${s.color}" />`,
      `<text x="${lx + 16}" y="16" font-size="12">${escapeHtml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function page(title: string, intro: string[], tableHtml: string, svg: string, scale: ChartScale): string {
  const other = scale === 'log' ? 'linear' : 'log';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HTML_CSP)}" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.meta { color: #57606a; }
svg.chart { display: block; margin-top: 1rem; font-family: system-ui, sans-serif; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${intro.map((l) => `<p class="meta">${escapeHtml(l)}</p>`).join('\n')}
${tableHtml}
<p class="meta">Scale: ${scale}. Add <code>scale=${other}</code> to the query string for a ${other} scale.</p>
${svg}
</body>
</html>
`;
}

function htmlTable(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function comparisonHtml(report: ComparisonReport, scale: ChartScale): string {
  const series: Series[] = [
    { key: 'before', label: 'Before', color: COLORS[0]! },
    { key: 'after', label: 'After', color: COLORS[1]! },
  ];
  const rows = report.metrics.map((m) => ({ id: m.id, label: m.label, values: [m.before, m.after] }));
  const tableHtml = htmlTable(
    ['Metric', 'Before', 'After', 'Change'],
    report.metrics.map((m) => [
      m.label,
      displayValue(m.before),
      displayValue(m.after),
      displayChange(m.change, m.percentChange),
    ]),
  );
  const intro = [
    `Workspace ${report.workspace}.`,
    `Hardening at ${tutorialTime(report.hardening.at)} UTC${report.hardening.note ? `: ${report.hardening.note}` : ''}.`,
    `Before: Start Time ${tutorialTime(report.before.start)}, Stop Time ${tutorialTime(report.before.end)}. ` +
      `After: Start Time ${tutorialTime(report.after.start)}, Stop Time ${tutorialTime(report.after.end)} (UTC; window ${report.window}, settle ${report.settle}).`,
    ...sourceNotes([
      ...report.metrics.map((m) => ({ label: m.label, when: 'before', value: m.before })),
      ...report.metrics.map((m) => ({ label: m.label, when: 'after', value: m.after })),
    ]),
  ];
  return page('Security metrics before / after hardening', intro, tableHtml, barChartSvg(series, rows, scale), scale);
}

export function windowHtml(counts: WindowCounts, scale: ChartScale): string {
  const series: Series[] = [{ key: 'window', label: 'Count', color: COLORS[1]! }];
  const rows = counts.metrics.map((m) => ({ id: m.id, label: m.label, values: [m.value] }));
  const tableHtml = htmlTable(
    ['Metric', 'Count'],
    counts.metrics.map((m) => [m.label, displayValue(m.value)]),
  );
  const intro = [
    `Workspace ${counts.workspace}.`,
    `Start Time ${tutorialTime(counts.window.start)}, Stop Time ${tutorialTime(counts.window.end)} (UTC).`,
    ...sourceNotes(counts.metrics.map((m) => ({ label: m.label, when: '', value: m.value }))),
  ];
  return page('Security metrics', intro, tableHtml, barChartSvg(series, rows, scale), scale);
}
