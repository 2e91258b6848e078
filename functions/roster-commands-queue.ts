// Service Bus queue %ROSTER_COMMANDS_QUEUE%: `{ type: 'roster.apply', commandId, environment }` applies the
// configured roster to that environment, once per commandId. Failures are rethrown: redelivery, then dead-letter.
import { app, type InvocationContext } from '@azure/functions';
import { redactingLogger } from '../shared/logging/logger';
import type { CommandDeps } from '../shared/roster/roster-commands';

export function rosterCommands(deps: (context: InvocationContext) => Promise<CommandDeps> | CommandDeps) {
  return async (message: unknown, context: InvocationContext): Promise<void> => {
    const { handleRosterCommand, parseRosterCommand } = await import('../shared/roster/roster-commands');
    const command = parseRosterCommand(message);
    const delivery = Number(context.triggerMetadata?.['deliveryCount'] ?? 1);
    context.info(`roster command ${command.commandId} for ${command.environment} (delivery ${delivery})`);
    await handleRosterCommand(command, await deps(context));
  };
}

export const rosterCommandsHandler = rosterCommands(async (context) =>
  (await import('../shared/roster/roster-app')).rosterCommandDepsFromSettings({ logger: redactingLogger(context) }),
);

app.serviceBusQueue('roster-commands', {
  queueName: '%ROSTER_COMMANDS_QUEUE%',
  connection: 'ServiceBusConnection',
  handler: rosterCommandsHandler,
});
