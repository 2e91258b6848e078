// `osticket-ops roster plan|apply|validate [--file roster.yaml] [--dry-run] …`: the roster service for operators
// outside Functions, on the osTicket configured by OSTICKET_URL + OSTICKET_OPS_KEY (environment variables).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readSettings, type Env } from '../config/settings';
import { ConfigError, ValidationError, ensureErrorType } from '../errors';
import { redactingLogger, silentLogger, type Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import { createOsTicketClient } from '../osticket/client';
import type { OsTicketTarget } from '../osticket/targets';
import { parseRosterText } from '../roster/roster-parser';
import { reportResponse } from '../roster/roster-http';
import { createRosterService, type RunReport } from '../roster/roster-service';
import { formatOf, loadConfiguredRoster, type LoadedRoster } from '../roster/roster-source';
import { createTableRunStore } from '../roster/run-store';
import { createTableClientFactory } from '../storage/table-client-factory';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Env;
  /** Logs of the run (default: quiet unless --verbose). */
  logger?: Logger;
}

export const ROSTER_USAGE = `Usage: osticket-ops roster <plan|apply|validate> [options]

  plan       Show what would change in osTicket (create / update / unchanged / unmanaged).
  apply      Apply the roster in dependency order and print each item's result.
  validate   Check the roster file only (schema and references); no osTicket needed.

Options:
  -f, --file <path>     Roster file (.yaml, .yml or .json). Default: ROSTER_SOURCE, else roster.sample.yaml.
      --dry-run         With apply: plan only, change nothing.
      --format <fmt>    text (default), markdown or json.
      --verbose         List unchanged objects too, and log progress (to stderr).
  -h, --help            Show this help.

The osTicket is read from OSTICKET_URL and OSTICKET_OPS_KEY (plus OSTICKET_API_STYLE, OSTICKET_TIMEOUT_MS).
When AzureWebJobsStorage is set, the run is recorded in the rosterruns table like the Functions app's runs.
Exit codes: 0 done (a plan may list changes), 1 some items or targets failed, 2 bad usage or invalid roster.
`;

/** Runs the roster subcommand; returns the process exit code. */
export async function runRosterCommand(args: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        file: { type: 'string', short: 'f' },
        'dry-run': { type: 'boolean' },
        format: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr(`${ensureErrorType(err).message}\n\n${ROSTER_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const action = positionals[0];
  if (values.help || action === undefined) {
    (values.help ? io.stdout : io.stderr)(ROSTER_USAGE);
    return values.help ? 0 : 2;
  }
  if (!['plan', 'apply', 'validate'].includes(action) || positionals.length > 1) {
    io.stderr(`Unknown roster command: ${positionals.join(' ')}\n\n${ROSTER_USAGE}`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    io.stderr(`--format must be text, markdown or json\n`);
    return 2;
  }
  const logger = io.logger ?? (values.verbose ? stderrLogger(io) : silentLogger);

  try {
    const loaded = values.file ? await loadFile(values.file) : await loadConfiguredRoster({ env });
    if (action === 'validate') {
      const r = loaded.roster;
      io.stdout(
        `${loaded.source}: valid (${r.roles.length} roles, ${r.schedules.length} schedules, ${r.slaPlans.length} SLA plans, ` +
          `${r.departments.length} departments, ${r.agents.length} agents, ${r.teams.length} teams, ` +
          `${r.helpTopics.length} help topics, ${r.users.length} users)\n`,
      );
      return 0;
    }
    const mode = action === 'apply' && !values['dry-run'] ? 'apply' : 'plan';
    const report = await runOnConfiguredTarget(mode, loaded, env, logger);
    const res = reportResponse(report, format, values.verbose === true);
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : (res.body as string));
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof ValidationError) {
      io.stderr(`Invalid roster:\n${err.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n')}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    io.stderr(`roster ${action} failed: ${String(redact(ensureErrorType(err).message))}\n`);
    return 1;
  }
}

/** Progress logs go to stderr, so stdout carries the report alone (valid JSON with --format json). */
function stderrLogger(io: CliIo): Logger {
  const line =
    (prefix: string) =>
    (...args: unknown[]) =>
      io.stderr(`${prefix}${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
  return { debug: line(''), info: line(''), warn: line('warning: '), error: line('error: ') };
}

async function loadFile(path: string): Promise<LoadedRoster> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError('--file', `could not be read (${path}): ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const format = /\.ya?ml$/i.test(path) ? 'yaml' : formatOf(path) === 'json' ? 'json' : 'auto';
  return { roster: await parseRosterText(text, format), source: path };
}

async function runOnConfiguredTarget(
  mode: 'plan' | 'apply',
  loaded: LoadedRoster,
  env: Env,
  logger: Logger,
): Promise<RunReport> {
  const s = readSettings('osTicket', env);
  if (!s.OSTICKET_URL) throw new ConfigError('OSTICKET_URL', 'is required: the osTicket to plan or apply against');
  if (!s.OSTICKET_OPS_KEY) throw new ConfigError('OSTICKET_OPS_KEY', 'is required: the ops extension key');
  const baseUrl = s.OSTICKET_URL.replace(/\/+$/, '');
  const opsKey = s.OSTICKET_OPS_KEY;
  const target: OsTicketTarget = {
    name: s.OSTICKET_TARGET_NAME,
    source: 'settings',
    baseUrl,
    staffUrl: `${baseUrl}/scp`,
    apiStyle: s.OSTICKET_API_STYLE,
    createClient: (o) =>
      createOsTicketClient({ baseUrl, opsKey, apiStyle: s.OSTICKET_API_STYLE, timeoutMs: s.OSTICKET_TIMEOUT_MS, ...o }),
  };
  const storage = readSettings('storage', env);
  const recordRuns = Boolean(storage.AzureWebJobsStorage || storage.AzureWebJobsStorage__accountName);
  const service = createRosterService({
    resolveTargets: () => Promise.resolve({ targets: [target], errors: [] }),
    loadConfiguredRoster: () => Promise.resolve(loaded),
    ...(recordRuns ? { runs: createTableRunStore(createTableClientFactory({ env })) } : {}),
    clock: () => new Date(),
    logger: redactingLogger(logger, [opsKey]),
    prune: readSettings('roster', env).ROSTER_PRUNE,
  });
  return service.run({ mode, roster: loaded, trigger: { source: 'cli', ref: env['USER'] ?? 'cli' } });
}
