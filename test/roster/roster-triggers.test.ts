// The roster timer and the roster.apply queue command, called directly; plus the configured roster read from a
// blob in Azurite (ROSTER_SOURCE = container/path).
import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { rosterCommands } from '../../functions/roster-commands-queue';
import { rosterSync } from '../../functions/roster-sync-timer';
import { ValidationError } from '../../shared/errors';
import { silentLogger } from '../../shared/logging/logger';
import { resolveTargets } from '../../shared/osticket/targets';
import { createCommandLedger, parseRosterCommand } from '../../shared/roster/roster-commands';
import { createRosterService } from '../../shared/roster/roster-service';
import { loadConfiguredRoster } from '../../shared/roster/roster-source';
import { createTableRunStore } from '../../shared/roster/run-store';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { testContext } from '../helpers/context';
import { testTables } from '../helpers/tables';
import { startEmptyFake } from './roster-fixtures';
import { fakeTargetEnv, serviceFor } from './roster-service-fixtures';

const timer = {
  isPastDue: false,
  schedule: { adjustForDST: true },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

let fake: FakeOsTicketServer;
beforeEach(async () => {
  fake = await startEmptyFake();
});
afterEach(async () => {
  await fake.stop();
});

describe('roster sync timer', () => {
  it('applies the configured roster to every target and records the run as timer-triggered', async () => {
    const fx = serviceFor(fakeTargetEnv(fake));
    const { context } = testContext('roster-sync');
    await rosterSync(() => fx.service)(timer, context);
    expect([...fake.state.teams.values()].map((t) => t.name)).toEqual(['Level I Support', 'Level II Support']);
    const [run] = await fx.service.listRuns(1);
    expect(run).toMatchObject({ mode: 'apply', status: 'ok', trigger: { source: 'timer', ref: context.invocationId } });
  });

  it('fails the invocation (so it is retried) when a target is unreachable, after the others ran', async () => {
    const other = await startEmptyFake();
    try {
      const tables = testTables();
      const env = fakeTargetEnv(fake);
      const service = createRosterService({
        resolveTargets: async () => {
          const a = await resolveTargets({ tables, logger: silentLogger, env });
          const b = await resolveTargets({ tables, logger: silentLogger, env: fakeTargetEnv(other, 'second') });
          return { targets: [...a.targets, ...b.targets], errors: [] };
        },
        loadConfiguredRoster: () => loadConfiguredRoster({ env: {} }),
        runs: createTableRunStore(tables),
        clock: () => new Date(),
        logger: silentLogger,
        client: { retry: { retries: 0 } },
      });
      await fake.stop();
      await expect(rosterSync(() => service)(timer, testContext().context)).rejects.toThrow(
        /1 target\(s\): helpdesk: /,
      );
      expect(other.state.agents.size).toBe(2);
    } finally {
      await other.stop();
    }
  });
});

describe('roster sync timer with nothing to sync', () => {
  it('succeeds quietly when there is no osTicket at all, while the HTTP endpoints still refuse with 503', async () => {
    const service = createRosterService({
      resolveTargets: () => Promise.resolve({ targets: [], errors: [] }),
      loadConfiguredRoster: () => loadConfiguredRoster({ env: {} }),
      clock: () => new Date(),
      logger: silentLogger,
    });
    const { context, text } = testContext('roster-sync');
    await expect(rosterSync(() => service)(timer, context)).resolves.toBeUndefined();
    expect(text()).toContain('no osTicket to sync');
    await expect(service.run({ mode: 'plan', trigger: { source: 'http', ref: 'x' } })).rejects.toThrow(
      /OSTICKET_URL or a Ready environment is required/,
    );
  });
});

describe('roster.apply command (Service Bus)', () => {
  it('applies once per commandId: a redelivered duplicate changes nothing', async () => {
    const fx = serviceFor(fakeTargetEnv(fake, 'env-one'));
    const handler = rosterCommands((context) => ({
      service: fx.service,
      ledger: fx.ledger,
      clock: () => new Date(),
      logger: context,
    }));
    const message = { type: 'roster.apply', commandId: 'cmd-1', environment: 'env-one' };
    await handler(message, testContext('roster-commands').context);
    expect(fake.state.agents.size).toBe(2);
    const writes = fake.requestCount((r) => r.method !== 'GET');
    const { context, text } = testContext('roster-commands');
    await handler(JSON.stringify(message), context);
    expect(fake.requestCount((r) => r.method !== 'GET')).toBe(writes);
    expect(text()).toMatch(/already processed/);
    const record = await fx.ledger.get('roster.apply', 'cmd-1');
    expect(record?.value).toMatchObject({ status: 'done', attempts: 1, environment: 'env-one' });
    expect(record?.value.runIds).toHaveLength(1);
  });

  it('rethrows when the apply fails, so the message is redelivered, and succeeds on the redelivery', async () => {
    const fx = serviceFor(fakeTargetEnv(fake, 'env-one'));
    const handler = rosterCommands(() => ({
      service: fx.service,
      ledger: fx.ledger,
      clock: () => new Date(),
      logger: silentLogger,
    }));
    const message = { type: 'roster.apply', commandId: 'cmd-2', environment: 'env-one' };
    fake.failNext({ method: 'POST', route: 'ops/roles' }, 500, { error: { code: 'internal', message: 'db down' } });
    await expect(handler(message, testContext().context)).rejects.toThrow(/cmd-2 on env-one did not complete/);
    expect((await fx.ledger.get('roster.apply', 'cmd-2'))?.value.status).toBe('failed');
    await handler(message, testContext().context);
    expect((await fx.ledger.get('roster.apply', 'cmd-2'))?.value).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('rethrows for an environment that is not a target, and rejects malformed commands naming the field', async () => {
    const fx = serviceFor(fakeTargetEnv(fake, 'env-one'));
    const handler = rosterCommands(() => ({
      service: fx.service,
      ledger: createCommandLedger(fx.tables),
      clock: () => new Date(),
      logger: silentLogger,
    }));
    await expect(
      handler({ type: 'roster.apply', commandId: 'c3', environment: 'elsewhere' }, testContext().context),
    ).rejects.toThrow(/"elsewhere" is not a Ready environment/);
    expect(() => parseRosterCommand({ type: 'environment.delete', commandId: 'x', environment: 'e' })).toThrow(
      ValidationError,
    );
    try {
      parseRosterCommand('{"type":"roster.apply","commandId":"a b"}');
    } catch (err) {
      expect((err as ValidationError).fields.map((f) => f.field)).toEqual(['message.commandId', 'message.environment']);
    }
    expect.assertions(3);
  });
});

describe('configured roster source', () => {
  it('reads ROSTER_SOURCE as container/path from blob storage, and names the setting when it is missing', async () => {
    const connection = process.env['TEST_BLOB_CONNECTION']!;
    const container = `roster${randomBytes(4).toString('hex')}`;
    const service = BlobServiceClient.fromConnectionString(connection);
    const client = service.getContainerClient(container);
    await client.create();
    try {
      const json = JSON.stringify({ departments: [{ name: 'From Blob' }] });
      await client.getBlockBlobClient('config/roster.json').upload(json, Buffer.byteLength(json));
      const loaded = await loadConfiguredRoster({
        env: { ROSTER_SOURCE: `${container}/config/roster.json` },
        blobConnectionString: connection,
      });
      expect(loaded.source).toBe(`${container}/config/roster.json`);
      expect(loaded.roster.departments.map((d) => d.name)).toEqual(['From Blob']);
      await expect(
        loadConfiguredRoster({ env: { ROSTER_SOURCE: `${container}/missing.yaml` }, blobConnectionString: connection }),
      ).rejects.toThrow(/ROSTER_SOURCE .*was not found/);
      await expect(loadConfiguredRoster({ env: { ROSTER_SOURCE: 'not a path' } })).rejects.toThrow(
        /ROSTER_SOURCE must be/,
      );
    } finally {
      await client.delete();
    }
  });

  it('falls back to the bundled sample when ROSTER_SOURCE is empty', async () => {
    const loaded = await loadConfiguredRoster({ env: { ROSTER_SOURCE: '' } });
    expect(loaded.source).toBe('roster.sample.yaml');
    expect(loaded.roster.agents).toHaveLength(2);
  });
});
