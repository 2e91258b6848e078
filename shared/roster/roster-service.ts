// The roster service: plan or apply a roster on every target osTicket (or one), each independently, and record
// every run. Used by the HTTP triggers, the sync timer, the command queue and the CLI.
import { ConfigError, NotFoundError, ensureErrorType } from '../errors';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import type { ClientOverrides, OsTicketTarget, ResolvedTargets, TargetError } from '../osticket/targets';
import { createClientGateway } from './client-gateway';
import type { ApplyResult, Plan } from './plan-model';
import { applyOn, planOn } from './roster-engine';
import type { Roster } from './roster-schema';
import type { LoadedRoster } from './roster-source';
import type { RunItem, RunStore, RunSummary } from './run-store';

export type RunMode = 'plan' | 'apply';
export type TriggerSource = RunSummary['trigger']['source'];

export interface RosterServiceDeps {
  resolveTargets: () => Promise<ResolvedTargets>;
  loadConfiguredRoster: () => Promise<LoadedRoster>;
  /** Where runs are recorded; the CLI may run without one. */
  runs?: RunStore;
  clock: () => Date;
  logger: Logger;
  /** ROSTER_PRUNE: prune even when the roster does not ask for it. */
  prune?: boolean;
  client?: Omit<ClientOverrides, 'logger'>;
}

export interface RunRequest {
  mode: RunMode;
  /** A roster given by the caller; absent = the configured one. */
  roster?: LoadedRoster;
  /** Only this target (by name). */
  target?: string;
  /** false: having no osTicket at all is "nothing to do" (the timer), not a ConfigError (the HTTP endpoints). */
  requireTargets?: boolean;
  trigger: RunSummary['trigger'];
}

export interface TargetReport {
  target: string;
  ok: boolean;
  runId?: string;
  plan?: Plan;
  result?: ApplyResult;
  error?: string;
}

export interface RunReport {
  mode: RunMode;
  rosterSource: string;
  ok: boolean;
  targets: TargetReport[];
  /** Targets that could not even be resolved (e.g. keys missing from Key Vault). */
  unresolved: TargetError[];
}

export interface RosterService {
  run(request: RunRequest): Promise<RunReport>;
  listRuns(limit: number): Promise<RunSummary[]>;
  getRun(runId: string): Promise<{ summary: RunSummary; items: RunItem[] }>;
}

export function createRosterService(deps: RosterServiceDeps): RosterService {
  const { logger } = deps;

  async function runTarget(target: OsTicketTarget, roster: Roster, request: RunRequest): Promise<TargetReport> {
    const startedAt = deps.clock().toISOString();
    const client = target.createClient({ ...deps.client, logger });
    const gateway = createClientGateway(client);
    const options = { target: target.name, prune: deps.prune, logger };
    let report: TargetReport;
    let items: RunItem[] = [];
    let status: RunSummary['status'];
    try {
      if (request.mode === 'plan') {
        const { plan } = await planOn(gateway, roster, options);
        report = { target: target.name, ok: true, plan };
        items = plan.items.filter((i) => i.action !== 'unchanged') as unknown as RunItem[];
        status = plan.changeCount === 0 ? 'ok' : 'changes';
      } else {
        const result = await applyOn(gateway, roster, options);
        report = { target: target.name, ok: result.ok, result };
        items = result.results.filter((r) => r.status !== 'unchanged') as unknown as RunItem[];
        status = result.ok ? 'ok' : 'problems';
      }
    } catch (err) {
      const message = String(redact(ensureErrorType(err).message));
      logger.warn(`roster ${request.mode} on ${target.name} failed: ${message}`);
      report = { target: target.name, ok: false, error: message };
      status = 'failed';
    }
    if (deps.runs) {
      try {
        const saved = await deps.runs.save(
          {
            mode: request.mode,
            target: target.name,
            trigger: request.trigger,
            startedAt,
            finishedAt: deps.clock().toISOString(),
            status,
            ...(report.plan ? { planCounts: { ...report.plan.counts } } : {}),
            ...(report.result
              ? { planCounts: { ...report.result.plan.counts }, resultCounts: { ...report.result.counts } }
              : {}),
            ...(report.error ? { error: report.error } : {}),
          },
          items,
        );
        report.runId = saved.runId;
      } catch (err) {
        // The run itself happened; failing to record it must be visible but not undo the report.
        logger.error(`roster run on ${target.name} could not be recorded: ${String(redact(ensureErrorType(err)))}`);
        report.ok = false;
        report.error = report.error ?? 'the run could not be recorded';
      }
    }
    logger.info(
      `roster ${request.mode} on ${target.name} (${request.trigger.source}): ${status}` +
        (report.result
          ? `, ${JSON.stringify(report.result.counts)}`
          : report.plan
            ? `, ${report.plan.changeCount} changes`
            : ''),
    );
    return report;
  }

  return {
    async run(request) {
      const loaded = request.roster ?? (await deps.loadConfiguredRoster());
      const resolved = await deps.resolveTargets();
      let targets = resolved.targets;
      let unresolved = resolved.errors;
      if (request.target !== undefined) {
        const name = request.target.toLowerCase();
        targets = targets.filter((t) => t.name.toLowerCase() === name);
        unresolved = unresolved.filter((e) => e.target.toLowerCase() === name);
        if (targets.length === 0 && unresolved.length === 0)
          throw new NotFoundError(
            `osTicket target "${request.target}" is not a Ready environment or the configured one`,
          );
      } else if (targets.length === 0 && unresolved.length === 0) {
        if (request.requireTargets === false)
          return { mode: request.mode, rosterSource: loaded.source, ok: true, targets: [], unresolved: [] };
        throw new ConfigError('OSTICKET_URL', 'or a Ready environment is required: there is no osTicket to work on');
      }
      const reports = await Promise.all(targets.map((t) => runTarget(t, loaded.roster, request)));
      return {
        mode: request.mode,
        rosterSource: loaded.source,
        ok: unresolved.length === 0 && reports.every((r) => r.ok),
        targets: reports,
        unresolved,
      };
    },
    listRuns(limit) {
      if (!deps.runs) return Promise.resolve([]);
      return deps.runs.list(limit);
    },
    getRun(runId) {
      if (!deps.runs) throw new NotFoundError(`roster run ${runId} not found`);
      return deps.runs.get(runId);
    },
  };
}
