// Composition root of the roster capability inside the Functions app: settings, storage, targets, service.
import { readSettings, type Env } from '../config/settings';
import type { Logger } from '../logging/logger';
import { resolveTargets } from '../osticket/targets';
import { createTableClientFactory, type TableClientFactory } from '../storage/table-client-factory';
import { createCommandLedger, type CommandDeps } from './roster-commands';
import { createRosterService, type RosterService } from './roster-service';
import { loadConfiguredRoster } from './roster-source';
import { createTableRunStore } from './run-store';

let tables: TableClientFactory | undefined;

/** One table factory per process (clients are created lazily on first use). */
function processTables(): TableClientFactory {
  return (tables ??= createTableClientFactory());
}

export interface RosterAppOptions {
  logger: Logger;
  env?: Env;
  tables?: TableClientFactory;
}

export function rosterServiceFromSettings(options: RosterAppOptions): RosterService {
  const env = options.env ?? process.env;
  const t = options.tables ?? processTables();
  return createRosterService({
    resolveTargets: () => resolveTargets({ tables: t, logger: options.logger, env }),
    loadConfiguredRoster: () => loadConfiguredRoster({ env }),
    runs: createTableRunStore(t),
    clock: () => new Date(),
    logger: options.logger,
    prune: readSettings('roster', env).ROSTER_PRUNE,
  });
}

export function rosterCommandDepsFromSettings(options: RosterAppOptions): CommandDeps {
  const t = options.tables ?? processTables();
  return {
    service: rosterServiceFromSettings({ ...options, tables: t }),
    ledger: createCommandLedger(t),
    clock: () => new Date(),
    logger: options.logger,
  };
}
