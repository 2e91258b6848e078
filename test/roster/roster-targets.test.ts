// The roster on every target: Ready environments (keys from the secret store) plus the configured osTicket, each
// independently; the roster.apply command touches its environment only.
import { environmentRepository, type EnvironmentRecord } from '../../shared/environments/environment-record';
import { silentLogger } from '../../shared/logging/logger';
import { resolveTargets } from '../../shared/osticket/targets';
import { createCommandLedger, handleRosterCommand } from '../../shared/roster/roster-commands';
import { createRosterService, type RosterService } from '../../shared/roster/roster-service';
import { loadSampleRoster } from '../../shared/roster/roster-source';
import { createTableRunStore } from '../../shared/roster/run-store';
import type { TableClientFactory } from '../../shared/storage/table-client-factory';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { testTables } from '../helpers/tables';
import { startEmptyFake } from './roster-fixtures';

function environment(
  name: string,
  osTicketUrl: string | null,
  status: EnvironmentRecord['status'] = 'Ready',
): EnvironmentRecord {
  return {
    name,
    status,
    osTicketUrl,
    apiStyle: 'rewrite',
    keyVaultSecretNames: { opsKey: `${name}-ops-key` },
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
}

let alpha: FakeOsTicketServer;
let provisioning: FakeOsTicketServer;
let configured: FakeOsTicketServer;
let tables: TableClientFactory;
let service: RosterService;

beforeEach(async () => {
  [alpha, provisioning, configured] = await Promise.all([startEmptyFake(), startEmptyFake(), startEmptyFake()]);
  tables = testTables();
  const repo = environmentRepository(tables);
  await repo.upsert('environment', 'alpha', environment('alpha', alpha.url));
  await repo.upsert('environment', 'beta', environment('beta', 'http://127.0.0.1:9/'));
  await repo.upsert('environment', 'gamma', environment('gamma', provisioning.url, 'Provisioning'));
  // beta's key is missing from the secret store; gamma is not Ready yet
  const secrets = new Map([
    ['alpha-ops-key', alpha.opsKey],
    ['gamma-ops-key', provisioning.opsKey],
  ]);
  const env = { OSTICKET_URL: configured.url, OSTICKET_OPS_KEY: configured.opsKey, OSTICKET_TARGET_NAME: 'main' };
  service = createRosterService({
    resolveTargets: () =>
      resolveTargets({ tables, env, logger: silentLogger, secrets: (name) => Promise.resolve(secrets.get(name)) }),
    loadConfiguredRoster: loadSampleRoster,
    runs: createTableRunStore(tables),
    clock: () => new Date(),
    logger: silentLogger,
    client: { retry: { retries: 0 } },
  });
});
afterEach(async () => {
  await Promise.all([alpha.stop(), provisioning.stop(), configured.stop()]);
});

it('applies to every Ready environment and the configured osTicket; a target without keys blocks no other', async () => {
  const report = await service.run({ mode: 'apply', trigger: { source: 'timer', ref: 'tick' } });
  expect(report.targets.map((t) => [t.target, t.ok, t.result?.counts.applied]).sort()).toEqual([
    ['alpha', true, 18],
    ['main', true, 18],
  ]);
  expect(report.unresolved).toEqual([{ target: 'beta', message: 'Key Vault secret beta-ops-key (ops key) not found' }]);
  expect(report.ok).toBe(false);
  expect(alpha.state.agents.size).toBe(2);
  expect(configured.state.agents.size).toBe(2);
  expect(provisioning.requestCount()).toBe(0);
  const runs = await service.listRuns(10);
  expect(runs.map((r) => [r.target, r.status, r.trigger.source]).sort()).toEqual([
    ['alpha', 'ok', 'timer'],
    ['main', 'ok', 'timer'],
  ]);
});

it('roster.apply for one environment applies there only', async () => {
  const outcome = await handleRosterCommand(
    { type: 'roster.apply', commandId: 'provision-alpha-1', environment: 'alpha' },
    { service, ledger: createCommandLedger(tables), clock: () => new Date(), logger: silentLogger },
  );
  expect(outcome.status).toBe('done');
  expect(alpha.state.teams.size).toBe(2);
  expect(configured.requestCount()).toBe(0);
  const [run] = await service.listRuns(1);
  expect(run).toMatchObject({ target: 'alpha', mode: 'apply', trigger: { source: 'queue', ref: 'provision-alpha-1' } });
});
