// Renders plans and apply results as a readable text table or markdown (JSON is the objects themselves).
// Unchanged objects are counted, not listed, unless `verbose` is set.
import type { ApplyResult, FieldChange, ItemResult, Plan, PlanItem } from './plan-model';

export type RenderFormat = 'text' | 'markdown' | 'json';

export interface RenderOptions {
  verbose?: boolean;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `[${value.join(', ')}]`;
  const json = JSON.stringify(value);
  return json.length <= 60 ? json : Array.isArray(value) ? `(${value.length} items)` : '(changed)';
}

export function describeChanges(item: PlanItem): string {
  if (item.action === 'create') return item.changes.map((c) => `${c.field}=${show(c.to)}`).join('; ');
  if (item.note) return item.note;
  return item.changes.map((c: FieldChange) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('; ');
}

function summary(plan: Plan): string {
  const c = plan.counts;
  return (
    `${c.create} to create, ${c.update} to update, ${c.disable} to disable, ${c.unchanged} unchanged, ` +
    `${c.unmanaged} unmanaged${plan.prune ? '' : ' (left alone: prune is off)'}`
  );
}

function visible(plan: Plan, options: RenderOptions): PlanItem[] {
  return plan.items.filter((i) => options.verbose || i.action !== 'unchanged');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderPlanText(plan: Plan, options: RenderOptions = {}): string {
  const rows = visible(plan, options).map((i) => [i.action.toUpperCase(), i.kind, i.name, describeChanges(i)]);
  const head = `Roster plan for ${plan.target}: ${plan.changeCount === 0 ? 'no changes' : `${plan.changeCount} changes`}`;
  const body = rows.length ? table(['ACTION', 'KIND', 'NAME', 'DETAILS'], rows) : '(nothing to change)';
  return `${head}\n${body}\n${summary(plan)}\n`;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderPlanMarkdown(plan: Plan, options: RenderOptions = {}): string {
  const rows = visible(plan, options).map(
    (i) => `| ${i.action} | ${i.kind} | ${md(i.name)} | ${md(describeChanges(i))} |`,
  );
  const table = rows.length
    ? ['| Action | Kind | Name | Details |', '| --- | --- | --- | --- |', ...rows].join('\n')
    : '_Nothing to change._';
  return `### Roster plan for ${md(plan.target)}\n\n${table}\n\n${summary(plan)}\n`;
}

function resultDetail(r: ItemResult): string {
  return [r.fields?.length ? r.fields.join(', ') : '', r.reason ?? '', r.error ?? '']
    .concat((r.problems ?? []).map((p) => `${p.field}: ${p.message}`))
    .filter(Boolean)
    .join('; ');
}

export function renderResultText(result: ApplyResult, options: RenderOptions = {}): string {
  const rows = result.results
    .filter((r) => options.verbose || r.status !== 'unchanged')
    .map((r) => [r.status.toUpperCase(), r.action, r.kind, r.name, resultDetail(r)]);
  const c = result.counts;
  const head = `Roster apply on ${result.target}: ${result.ok ? 'ok' : 'completed with problems'}`;
  const body = rows.length ? table(['STATUS', 'ACTION', 'KIND', 'NAME', 'DETAILS'], rows) : '(nothing changed)';
  return `${head}\n${body}\n${c.applied} applied, ${c.failed} failed, ${c.skipped} skipped, ${c.unchanged} unchanged\n`;
}

export function renderResultMarkdown(result: ApplyResult, options: RenderOptions = {}): string {
  const rows = result.results
    .filter((r) => options.verbose || r.status !== 'unchanged')
    .map((r) => `| ${r.status} | ${r.action} | ${r.kind} | ${md(r.name)} | ${md(resultDetail(r))} |`);
  const c = result.counts;
  const table = rows.length
    ? ['| Status | Action | Kind | Name | Details |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
    : '_Nothing changed._';
  return (
    `### Roster apply on ${md(result.target)}\n\n${table}\n\n` +
    `${c.applied} applied, ${c.failed} failed, ${c.skipped} skipped, ${c.unchanged} unchanged\n`
  );
}
