// Renders the schedule audit as JSON, plain text or markdown, and negotiates the format (?format= wins over Accept).
import { ValidationError } from '../errors';
import type { AuditedTicket, ScheduleAuditReport, TargetAudit } from './schedule-audit';

export const AUDIT_FORMATS = ['json', 'text', 'markdown'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const AUDIT_CONTENT_TYPES: Record<AuditFormat, string> = {
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

/** `?format=` when given (400 naming `format` if unknown), else the first Accept type we can produce, else JSON. */
export function negotiateAuditFormat(format: string | undefined, accept: string | null | undefined): AuditFormat {
  if (format !== undefined && format !== '') {
    if ((AUDIT_FORMATS as readonly string[]).includes(format)) return format as AuditFormat;
    throw new ValidationError('Unknown audit format', [
      { field: 'format', message: `must be one of ${AUDIT_FORMATS.join(', ')}` },
    ]);
  }
  const ranked = (accept ?? '')
    .split(',')
    .map((part, i) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .map((p) => p.trim())
          .find((p) => p.startsWith('q='))
          ?.slice(2) ?? '1',
      );
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((a) => a.type !== '' && a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { type } of ranked) {
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
    if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
    if (type === 'text/plain' || type === 'text/*') return 'text';
  }
  return 'json';
}

/** `+15h 00m`, `-1s`, `+2d 03h 00m`. */
export function formatDifference(seconds: number | null): string {
  if (seconds === null) return 'n/a';
  const sign = seconds < 0 ? '-' : '+';
  let rest = Math.abs(seconds);
  if (rest < 60) return `${sign}${rest}s`;
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  const hm = `${String(h).padStart(2, '0')}h ${String(m).padStart(2, '0')}m${s ? ` ${String(s).padStart(2, '0')}s` : ''}`;
  return `${sign}${d ? `${d}d ` : ''}${hm}`;
}

const when = (iso: string | null) => (iso === null ? 'unreachable' : iso.replace('T', ' ').replace('Z', ' UTC'));

function row(t: AuditedTicket): string[] {
  return [
    `#${t.number}`,
    t.slaPlan,
    t.schedule,
    `${when(t.osTicketDue)}${t.manualDueDate ? ' (manual)' : ''}`,
    when(t.correctDue),
    formatDifference(t.differenceSeconds),
    t.deviation,
  ];
}

const HEADERS = ['Ticket', 'SLA plan', 'Schedule', 'osTicket due', 'Correct due', 'Difference', 'Deviation'];

function counts(t: Extract<TargetAudit, { ok: true }>): string {
  return `${t.ticketsChecked} open tickets checked, ${t.deviating.length} deviate, ${t.skipped.length} skipped`;
}

/** Said when there is nothing to audit, so an empty report is never mistaken for "no deviations". */
export const NO_TARGETS =
  'No osTicket to audit: set OSTICKET_URL and OSTICKET_OPS_KEY, or provision an environment until it is Ready.';

export function renderText(report: ScheduleAuditReport): string {
  const out = [`osTicket schedule audit, ${when(report.generatedAt)}`];
  if (report.targets.length === 0) out.push('', NO_TARGETS);
  for (const t of report.targets) {
    out.push('');
    if (!t.ok) {
      out.push(`Target ${t.target}: ERROR ${t.error}`);
      continue;
    }
    out.push(`Target ${t.target}: ${counts(t)}`);
    const rows = [HEADERS, ...t.deviating.map(row)];
    const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    if (t.deviating.length > 0)
      for (const r of rows)
        out.push(
          `  ${r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}`,
        );
    const schedules = t.schedules.filter((s) => s.error || s.deviations.length > 0);
    if (schedules.length > 0) out.push('  Schedules:');
    for (const s of schedules) {
      if (s.error) out.push(`  - ${s.schedule}: INVALID ${s.error}`);
      for (const d of s.deviations)
        out.push(`  - ${d.message} (${d.code}, ${d.tickets} ticket${d.tickets === 1 ? '' : 's'})`);
    }
    for (const k of t.skipped) out.push(`  skipped #${k.number}: ${k.reason}`);
  }
  return `${out.join('\n')}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: ScheduleAuditReport): string {
  const out = ['# osTicket schedule audit', '', `Generated ${when(report.generatedAt)}.`];
  if (report.targets.length === 0) out.push('', NO_TARGETS);
  for (const t of report.targets) {
    out.push('', `## ${cell(t.target)}`, '');
    if (!t.ok) {
      out.push(`**Error:** ${cell(t.error)}`);
      continue;
    }
    out.push(`${counts(t)}.`);
    if (t.deviating.length > 0) {
      out.push('', `| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`);
      for (const r of t.deviating.map(row)) out.push(`| ${r.map(cell).join(' | ')} |`);
    }
    const schedules = t.schedules.filter((s) => s.error || s.deviations.length > 0);
    if (schedules.length > 0) out.push('', '### Schedules', '');
    for (const s of schedules) {
      if (s.error) out.push(`- **${cell(s.schedule)}**: invalid: ${cell(s.error)}`);
      for (const d of s.deviations)
        out.push(`- ${cell(d.message)} (\`${d.code}\`, ${d.tickets} ticket${d.tickets === 1 ? '' : 's'})`);
    }
    if (t.skipped.length > 0) {
      out.push('', '### Skipped', '');
      for (const k of t.skipped) out.push(`- #${cell(k.number)}: ${cell(k.reason)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderAuditReport(report: ScheduleAuditReport, format: AuditFormat): string {
  if (format === 'text') return renderText(report);
  if (format === 'markdown') return renderMarkdown(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}
