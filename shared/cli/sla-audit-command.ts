// `osticket-ops sla audit [--target NAME] [--format text|markdown|json]`: the schedule audit on the command line.
// Exit codes: 0 done, 1 done but a target failed, 2 bad arguments or settings.
import { AppError, ensureErrorType } from '../errors';
import { redactingLogger, silentLogger, type Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import type { AuditFormat } from '../sla/audit-report';
import type { AuditRuntimeOverrides } from '../sla/schedule-audit';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export const SLA_AUDIT_USAGE = `Usage: osticket-ops sla audit [--target NAME] [--format text|markdown|json] [--verbose]

Lists, per osTicket target, the open tickets whose stored due date differs from the correct business-hours due
date, with the documented osTicket deviation that explains each, and a per-schedule summary.
Targets: OSTICKET_URL / OSTICKET_OPS_KEY (named by OSTICKET_TARGET_NAME) and every Ready environment.
`;

interface ParsedArgs {
  target?: string;
  format: AuditFormat;
  verbose: boolean;
  help: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { format: 'text', verbose: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--')))
        throw new CliUsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') parsed.help = true;
    else if (flag === '--verbose' || flag === '-v') parsed.verbose = true;
    else if (flag === '--target') parsed.target = value();
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'markdown' && f !== 'json')
        throw new CliUsageError('--format must be text, markdown or json');
      parsed.format = f;
    } else throw new CliUsageError(`unknown argument ${arg}`);
  }
  return parsed;
}

class CliUsageError extends AppError {}

/**
 * Runs `sla audit` with the arguments after `sla audit`; returns the exit code, as `roster` does:
 * 0 done, 1 a target failed, 2 bad usage or settings.
 */
export async function runSlaAuditCommand(
  args: readonly string[],
  io: CliIo,
  overrides: AuditRuntimeOverrides = {},
): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    io.stderr.write(`${ensureErrorType(err).message}\n\n${SLA_AUDIT_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(SLA_AUDIT_USAGE);
    return 0;
  }
  const logger: Logger = parsed.verbose
    ? redactingLogger({
        debug: (...a: unknown[]) => io.stderr.write(`${a.map(String).join(' ')}\n`),
        info: (...a: unknown[]) => io.stderr.write(`${a.map(String).join(' ')}\n`),
        warn: (...a: unknown[]) => io.stderr.write(`warning: ${a.map(String).join(' ')}\n`),
        error: (...a: unknown[]) => io.stderr.write(`error: ${a.map(String).join(' ')}\n`),
      })
    : silentLogger;
  try {
    const [{ auditAllTargets }, { renderAuditReport }] = await Promise.all([
      import('../sla/schedule-audit'),
      import('../sla/audit-report'),
    ]);
    const report = await auditAllTargets(logger, { ...overrides, target: parsed.target });
    io.stdout.write(renderAuditReport(report, parsed.format));
    return report.targets.some((t) => !t.ok) ? 1 : 0;
  } catch (err) {
    // Bad settings (ConfigError), an unknown target (NotFoundError) or storage being unreachable.
    io.stderr.write(`sla audit failed: ${String(redact(ensureErrorType(err).message))}\n`);
    return 2;
  }
}
