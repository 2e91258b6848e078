// The `roster.apply` command (from provisioning, over Service Bus): apply the configured roster to one
// environment, at most once per commandId. A failure is rethrown so the message is redelivered, then dead-lettered.
import { z } from 'zod';
import { parseOrThrow } from '../http/validation';
import type { Logger } from '../logging/logger';
import type { TableClientFactory } from '../storage/table-client-factory';
import { TableRepository, safeKey } from '../storage/table-repository';
import type { RosterService, RunReport } from './roster-service';

export const ROSTER_COMMANDS_TABLE = 'rostercommands';

export const rosterApplyCommand = z.strictObject({
  type: z.literal('roster.apply', { error: 'must be "roster.apply"' }),
  commandId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, { error: 'must be 1-128 letters, digits, dots, dashes, colons or underscores' }),
  environment: z.string().trim().min(1, { error: 'must name an environment' }).max(128),
});
export type RosterApplyCommand = z.infer<typeof rosterApplyCommand>;

const commandRecord = z.object({
  commandId: z.string(),
  environment: z.string(),
  status: z.enum(['processing', 'done', 'failed']),
  attempts: z.number(),
  updatedAt: z.string(),
  runIds: z.array(z.string()).default([]),
  error: z.string().optional(),
});
export type CommandRecord = z.infer<typeof commandRecord>;

export function createCommandLedger(tables: TableClientFactory) {
  return new TableRepository(tables, ROSTER_COMMANDS_TABLE, commandRecord, (r) => ({ status: r.status }));
}
export type CommandLedger = ReturnType<typeof createCommandLedger>;

export interface CommandDeps {
  service: RosterService;
  ledger: CommandLedger;
  clock: () => Date;
  logger: Logger;
}

export type CommandOutcome = { status: 'duplicate'; commandId: string } | { status: 'done'; report: RunReport };

/** Parses a queue message (object or JSON text); throws ValidationError naming the bad field. */
export function parseRosterCommand(message: unknown): RosterApplyCommand {
  let value = message;
  if (typeof message === 'string' || Buffer.isBuffer(message)) {
    try {
      value = JSON.parse(message.toString()) as unknown;
    } catch {
      value = undefined;
    }
  }
  return parseOrThrow(rosterApplyCommand, value, 'roster command', 'message');
}

export async function handleRosterCommand(command: RosterApplyCommand, deps: CommandDeps): Promise<CommandOutcome> {
  const key = safeKey(command.commandId);
  const existing = await deps.ledger.get(command.type, key);
  if (existing?.value.status === 'done') {
    deps.logger.info(`roster command ${command.commandId} was already processed; ignoring the duplicate`);
    return { status: 'duplicate', commandId: command.commandId };
  }
  const now = () => deps.clock().toISOString();
  const mark = (change: Partial<CommandRecord>) =>
    deps.ledger.update(command.type, key, (current) => ({
      commandId: command.commandId,
      environment: command.environment,
      attempts: current?.attempts ?? 0,
      runIds: current?.runIds ?? [],
      status: 'processing',
      ...change,
      updatedAt: now(),
    }));
  await mark({ status: 'processing', attempts: (existing?.value.attempts ?? 0) + 1 });
  let report: RunReport;
  try {
    report = await deps.service.run({
      mode: 'apply',
      target: command.environment,
      trigger: { source: 'queue', ref: command.commandId },
    });
  } catch (err) {
    await mark({ status: 'failed', error: (err as Error).message?.slice(0, 500) ?? 'failed' });
    throw err;
  }
  const runIds = report.targets.flatMap((t) => (t.runId ? [t.runId] : []));
  if (!report.ok) {
    const why =
      report.unresolved.map((u) => `${u.target}: ${u.message}`).join('; ') ||
      report.targets
        .filter((t) => !t.ok)
        .map(
          (t) =>
            `${t.target}: ${t.error ?? `${t.result?.counts.failed ?? 0} failed, ${t.result?.counts.skipped ?? 0} skipped`}`,
        )
        .join('; ');
    await mark({ status: 'failed', runIds, error: why.slice(0, 500) });
    throw new Error(`roster.apply ${command.commandId} on ${command.environment} did not complete: ${why}`);
  }
  await mark({ status: 'done', runIds, error: undefined });
  deps.logger.info(`roster command ${command.commandId} applied to ${command.environment}`);
  return { status: 'done', report };
}
