// The `osticket-ops` CLI dispatcher: `osticket-ops roster …` and `osticket-ops sla audit …`.
import { ensureErrorType } from '../errors';
import { redact } from '../logging/redact';
import { runRosterCommand, type CliIo } from './roster-command';
import { runSlaAuditCommand } from './sla-audit-command';

export const USAGE = `Usage: osticket-ops <command> [options]

Commands:
  roster plan|apply|validate   Roster as code (see osticket-ops roster --help)
  sla audit                    Compare osTicket's SLA due dates with the correct ones

Run osticket-ops <command> --help for the options of a command.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'roster') return await runRosterCommand(rest, io);
    if (command === 'sla' && rest[0] === 'audit') {
      // The audit's io is stream-shaped; adapt this CLI's line writers to it.
      const streams = {
        stdout: { write: (t: string) => io.stdout(t) },
        stderr: { write: (t: string) => io.stderr(t) },
      };
      return await runSlaAuditCommand(rest.slice(1), streams);
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout)(USAGE);
      return command === undefined ? 2 : 0;
    }
    io.stderr(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (err) {
    io.stderr(`osticket-ops failed: ${String(redact(ensureErrorType(err).message))}\n`);
    return 1;
  }
}

/** Entry point used by bin/osticket-ops.js. */
export function runCli(): void {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`osticket-ops failed: ${String(redact(ensureErrorType(err).message))}\n`);
      process.exitCode = 1;
    },
  );
}
