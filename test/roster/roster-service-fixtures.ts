// A roster service wired as in Azure (real resolveTargets over Azurite tables, Table run store), pointed at a
// fake osTicket configured as the settings target.
import type { Env } from '../../shared/config/settings';
import { silentLogger } from '../../shared/logging/logger';
import { resolveTargets } from '../../shared/osticket/targets';
import { createCommandLedger } from '../../shared/roster/roster-commands';
import { createRosterService, type RosterService } from '../../shared/roster/roster-service';
import { loadSampleRoster } from '../../shared/roster/roster-source';
import { createTableRunStore } from '../../shared/roster/run-store';
import type { TableClientFactory } from '../../shared/storage/table-client-factory';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { testTables } from '../helpers/tables';

export function fakeTargetEnv(fake: FakeOsTicketServer, name = 'helpdesk'): Env {
  return { OSTICKET_URL: fake.url, OSTICKET_OPS_KEY: fake.opsKey, OSTICKET_TARGET_NAME: name };
}

export interface ServiceFixture {
  service: RosterService;
  tables: TableClientFactory;
  ledger: ReturnType<typeof createCommandLedger>;
}

export function serviceFor(env: Env, tables: TableClientFactory = testTables()): ServiceFixture {
  const service = createRosterService({
    resolveTargets: () => resolveTargets({ tables, logger: silentLogger, env }),
    loadConfiguredRoster: loadSampleRoster,
    runs: createTableRunStore(tables),
    clock: () => new Date(),
    logger: silentLogger,
    client: { retry: { retries: 0 } },
  });
  return { service, tables, ledger: createCommandLedger(tables) };
}
