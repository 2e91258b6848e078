// HTTP plumbing shared by the roster triggers: the roster from the request body (YAML or JSON by content type,
// empty = the configured one), the query, and the report as JSON, text or markdown.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { readQuery, readText } from '../http/request';
import { json, text } from '../http/responses';
import { renderPlanMarkdown, renderPlanText, renderResultMarkdown, renderResultText } from './plan-render';
import { parseRosterText, type RosterFormat } from './roster-parser';
import type { LoadedRoster } from './roster-source';
import type { RosterService, RunMode, RunReport } from './roster-service';

export const rosterQuerySchema = z.strictObject({
  target: z.string().trim().min(1).max(128).optional(),
  format: z.enum(['json', 'text', 'markdown'], { error: 'must be json, text or markdown' }).optional(),
  verbose: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});
export type RosterQuery = z.infer<typeof rosterQuerySchema>;

const YAML_TYPES = /^(application|text)\/(x-)?yaml$/;

/** Reads the roster in the body; undefined when the body is empty (use the configured roster). */
export async function readRosterBody(req: HttpRequest): Promise<LoadedRoster | undefined> {
  const body = await readText(req);
  if (body.trim() === '') return undefined;
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let format: RosterFormat = 'auto';
  if (type === 'application/json' || type.endsWith('+json')) format = 'json';
  else if (YAML_TYPES.test(type)) format = 'yaml';
  // An invalid roster throws ValidationError listing every problem: 400 through httpHandler.
  return { roster: await parseRosterText(body, format), source: 'request body' };
}

export function readRosterQuery(req: HttpRequest): RosterQuery & { render: 'json' | 'text' | 'markdown' } {
  const query = readQuery(req, rosterQuerySchema);
  const accept = req.headers.get('accept') ?? '';
  const render =
    query.format ?? (/text\/markdown/.test(accept) ? 'markdown' : /text\/plain/.test(accept) ? 'text' : 'json');
  return { ...query, render };
}

/** The report as JSON (complete), or as text/markdown tables (one per target). */
export function reportResponse(
  report: RunReport,
  render: 'json' | 'text' | 'markdown',
  verbose = false,
): HttpResponseInit {
  if (render === 'json') return json(200, report);
  const md = render === 'markdown';
  const parts = report.targets.map((t) => {
    if (t.result) return md ? renderResultMarkdown(t.result, { verbose }) : renderResultText(t.result, { verbose });
    if (t.plan) return md ? renderPlanMarkdown(t.plan, { verbose }) : renderPlanText(t.plan, { verbose });
    return `${md ? '### ' : ''}${t.target}: failed: ${t.error ?? 'unknown error'}\n`;
  });
  for (const u of report.unresolved) parts.push(`${md ? '### ' : ''}${u.target}: not reachable: ${u.message}\n`);
  const body = `Roster ${report.mode} (${report.rosterSource}): ${report.ok ? 'ok' : 'with problems'}\n\n${parts.join('\n')}`;
  return text(200, body, md ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8');
}

/** The body of POST /api/roster/plan and /api/roster/apply, over a service built per invocation. */
export function rosterRunHttp(mode: RunMode, service: (context: InvocationContext) => RosterService) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const query = readRosterQuery(req);
    const roster = await readRosterBody(req);
    const report = await service(context).run({
      mode,
      ...(roster ? { roster } : {}),
      ...(query.target ? { target: query.target } : {}),
      trigger: { source: 'http', ref: context.invocationId },
    });
    return reportResponse(report, query.render, query.verbose === 'true');
  };
}

const runsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** GET /api/roster/runs?limit=N (summaries, newest first) and /api/roster/runs/{runId} (one run with its items). */
export function rosterRunsHttp(service: (context: InvocationContext) => RosterService) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const runId = req.params['runId'];
    if (runId) return json(200, await service(context).getRun(runId));
    const { limit } = readQuery(req, runsQuery);
    return json(200, { runs: await service(context).listRuns(limit) });
  };
}
