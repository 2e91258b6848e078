// Target resolution: Ready environments from Azurite (keys from a loopback Key Vault through the real SecretClient)
// plus the configured osTicket; one broken target never hides the others.
import { environmentRepository, type EnvironmentRecord } from '../../shared/environments/environment-record';
import { forEachTarget, resolveTargets } from '../../shared/osticket/targets';
import type { TableClientFactory } from '../../shared/storage/table-client-factory';
import { FakeKeyVault } from '../fakes/osticket-key-vault';
import { FakeOsTicketServer } from '../fakes/osticket-server';
import { testContext } from '../helpers/context';
import { testTables } from '../helpers/tables';

function record(name: string, overrides: Partial<EnvironmentRecord> = {}): EnvironmentRecord {
  return {
    name,
    status: 'Ready',
    osTicketUrl: `https://${name}.example.com/`,
    apiStyle: 'rewrite',
    keyVaultSecretNames: { opsKey: `${name}-ops-key`, apiKey: `${name}-api-key` },
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...overrides,
  };
}

let tables: TableClientFactory;
let vault: FakeKeyVault;
let kv: Awaited<ReturnType<FakeKeyVault['start']>>;
let osticket: FakeOsTicketServer;

beforeEach(async () => {
  tables = testTables();
  vault = new FakeKeyVault();
  kv = await vault.start();
  osticket = new FakeOsTicketServer();
  await osticket.start();
});
afterEach(async () => {
  await vault.stop();
  await osticket.stop();
});

describe('resolveTargets', () => {
  it('returns Ready environments with keys from Key Vault and the configured osTicket; errors stay per target', async () => {
    const repo = environmentRepository(tables);
    await repo.upsert('environment', 'alpha', record('alpha', { osTicketUrl: osticket.url, apiStyle: 'http.php' }));
    await repo.upsert('environment', 'beta', record('beta'));
    await repo.upsert('environment', 'gamma', record('gamma', { status: 'Provisioning', osTicketUrl: null }));
    await repo.upsert('environment', 'delta', record('delta', { keyVaultSecretNames: { opsKey: 'delta-ops-key' } }));
    vault.secrets.set('alpha-ops-key', osticket.opsKey);
    vault.secrets.set('alpha-api-key', osticket.apiKey);
    vault.secrets.set('delta-ops-key', 'delta-secret-value');
    // beta's secrets are missing

    const { context, text } = testContext();
    const env = {
      OSTICKET_URL: 'https://desk.example.com',
      OSTICKET_OPS_KEY: 'configured-ops-key',
      OSTICKET_TARGET_NAME: 'main',
      KEY_VAULT_URL: kv.vaultUrl,
    };
    const { targets, errors } = await resolveTargets({
      tables,
      env,
      logger: context,
      keyVault: { credential: kv.credential, httpClient: kv.httpClient, disableChallengeResourceVerification: true },
    });

    expect(targets.map((t) => [t.name, t.source, t.apiStyle]).sort()).toEqual([
      ['alpha', 'environment', 'http.php'],
      ['delta', 'environment', 'rewrite'],
      ['main', 'settings', 'rewrite'],
    ]);
    const main = targets.find((t) => t.name === 'main')!;
    expect(main).toMatchObject({ baseUrl: 'https://desk.example.com', staffUrl: 'https://desk.example.com/scp' });
    expect(targets.find((t) => t.name === 'delta')!.staffUrl).toBe('https://delta.example.com/scp');
    expect(errors).toEqual([{ target: 'beta', message: 'Key Vault secret beta-ops-key (ops key) not found' }]);
    expect(text()).toContain('osTicket target beta skipped');
    // The challenge flow ran: unauthenticated first, then with the token.
    expect(vault.requests[0]!.authorized).toBe(false);
    expect(vault.requests.some((r) => r.authorized && /^\/secrets\/alpha-ops-key\/?$/.test(r.path))).toBe(true);

    // The resolved client really carries the Key Vault keys.
    const alpha = targets.find((t) => t.name === 'alpha')!;
    const client = alpha.createClient({ logger: context });
    await expect(client.health()).resolves.toMatchObject({ ok: true });
    expect(osticket.requests.at(-1)!.path).toBe('/api/http.php/ops/health');
    await expect(client.createTicket({ email: 'a@example.com', subject: 's', message: 'm' })).resolves.toMatch(/^\d+$/);
    for (const secret of [osticket.opsKey, 'delta-secret-value', 'configured-ops-key'])
      expect(text()).not.toContain(secret);
  });

  it('reports a Key Vault failure for that environment only', async () => {
    const repo = environmentRepository(tables);
    await repo.upsert('environment', 'one', record('one'));
    await repo.upsert('environment', 'two', record('two'));
    vault.secrets.set('one-ops-key', 'k1-0123456');
    vault.secrets.set('one-api-key', 'k1-api-0123456');
    vault.failing.add('two-ops-key');
    const { context } = testContext();
    const { targets, errors } = await resolveTargets({
      tables,
      env: { KEY_VAULT_URL: kv.vaultUrl },
      logger: context,
      keyVault: { credential: kv.credential, httpClient: kv.httpClient, disableChallengeResourceVerification: true },
    });
    expect(targets.map((t) => t.name)).toEqual(['one']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.target).toBe('two');
  });

  it('needs KEY_VAULT_URL for environments, and an ops key for the configured osTicket', async () => {
    await environmentRepository(tables).upsert('environment', 'solo', record('solo'));
    const { context } = testContext();
    const { targets, errors } = await resolveTargets({
      tables,
      env: { OSTICKET_URL: 'https://desk.example.com' },
      logger: context,
    });
    expect(targets).toEqual([]);
    expect(errors).toEqual([
      { target: 'configured', message: 'Setting OSTICKET_OPS_KEY is required with OSTICKET_URL' },
      { target: 'solo', message: 'Setting KEY_VAULT_URL is required to read the keys of environments' },
    ]);
    const bad = await resolveTargets({ tables, env: { KEY_VAULT_URL: 'not a url' }, logger: context });
    expect(bad.errors).toEqual([{ target: 'solo', message: 'Setting KEY_VAULT_URL must be an http(s) URL' }]);
  });

  it('reports an invalid Ready record and ignores records of other states', async () => {
    const client = await tables('environments');
    await client.createEntity({
      partitionKey: 'environment',
      rowKey: 'broken',
      data: JSON.stringify({ name: 'broken', status: 'Ready', osTicketUrl: 'ftp://x' }),
    });
    await client.createEntity({
      partitionKey: 'environment',
      rowKey: 'draft',
      data: JSON.stringify({ name: 'draft', status: 'Requested' }),
    });
    const { context } = testContext();
    const { targets, errors } = await resolveTargets({
      tables,
      env: {},
      logger: context,
      secrets: () => Promise.resolve('x'),
    });
    expect(targets).toEqual([]);
    expect(errors.map((e) => e.target)).toEqual(['broken']);
    expect(errors[0]!.message).toMatch(/environment record is invalid/);
  });
});

describe('forEachTarget', () => {
  it('runs every target independently and reports each result or error', async () => {
    const { context } = testContext();
    const { targets } = await resolveTargets({
      tables,
      env: { OSTICKET_URL: osticket.url, OSTICKET_OPS_KEY: osticket.opsKey },
      logger: context,
    });
    const broken = { ...targets[0]!, name: 'broken', baseUrl: 'http://127.0.0.1:1' };
    const outcomes = await forEachTarget([targets[0]!, broken], async (t) => {
      if (t.name === 'broken') throw new Error('unreachable');
      return (await t.createClient({ logger: context }).health()).osTicketVersion;
    });
    expect(outcomes.map((o) => [o.target.name, o.ok])).toEqual([
      ['configured', true],
      ['broken', false],
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, value: 'v1.18.1' });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { message: 'unreachable' } });
  });
});
