// Every osTicket the app works on: each `Ready` environment (keys from Key Vault) plus the optional one configured
// in settings. A target whose keys cannot be resolved is reported for that target only; the others go on.
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { readSettings, type Env } from '../config/settings';
import { environmentRecord, ENVIRONMENTS_TABLE, type EnvironmentRecord } from '../environments/environment-record';
import { ensureErrorType } from '../errors';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import { TableRepository } from '../storage/table-repository';
import type { TableClientFactory } from '../storage/table-client-factory';
import { createOsTicketClient, type OsTicketClient } from './client';
import { createKeyVaultSecretReader, type KeyVaultReaderOptions, type SecretReader } from './secret-reader';
import type { ApiStyle, RetryPolicy } from './transport';

export interface ClientOverrides {
  logger: Logger;
  axios?: AxiosInstance;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
}

export interface OsTicketTarget {
  name: string;
  source: 'environment' | 'settings';
  baseUrl: string;
  /** The staff panel, for links in alerts. */
  staffUrl: string;
  apiStyle: ApiStyle;
  /** Builds a client for this target (keys already resolved; they are not exposed here). */
  createClient(overrides: ClientOverrides): OsTicketClient;
}

export interface TargetError {
  target: string;
  message: string;
}

export interface ResolvedTargets {
  targets: OsTicketTarget[];
  errors: TargetError[];
}

export interface ResolveTargetsDeps {
  tables: TableClientFactory;
  logger: Logger;
  env?: Env;
  /** Reads Key Vault secrets; defaults to a SecretClient on KEY_VAULT_URL. */
  secrets?: SecretReader;
  /** Overrides for the default Key Vault reader (tests: credential, httpClient). */
  keyVault?: Partial<KeyVaultReaderOptions>;
}

const lenient = z.unknown();

/** Resolves every target. Never throws for one bad target; storage being unreachable does throw. */
export async function resolveTargets(deps: ResolveTargetsDeps): Promise<ResolvedTargets> {
  const env = deps.env ?? process.env;
  const targets: OsTicketTarget[] = [];
  const errors: TargetError[] = [];
  const fail = (target: string, err: unknown) => {
    const message = String(redact(ensureErrorType(err).message));
    errors.push({ target, message });
    deps.logger.warn(`osTicket target ${target} skipped: ${message}`);
  };

  let timeoutMs = 15000;
  try {
    const s = readSettings('osTicket', env);
    timeoutMs = s.OSTICKET_TIMEOUT_MS;
    if (s.OSTICKET_URL) {
      if (!s.OSTICKET_OPS_KEY) fail(s.OSTICKET_TARGET_NAME, 'Setting OSTICKET_OPS_KEY is required with OSTICKET_URL');
      else
        targets.push(
          makeTarget(s.OSTICKET_TARGET_NAME, 'settings', s.OSTICKET_URL, s.OSTICKET_API_STYLE, timeoutMs, {
            opsKey: s.OSTICKET_OPS_KEY,
            apiKey: s.OSTICKET_API_KEY,
          }),
        );
    }
  } catch (err) {
    fail('configured', err);
  }

  const repo = new TableRepository(deps.tables, ENVIRONMENTS_TABLE, lenient);
  const ready: EnvironmentRecord[] = [];
  for await (const row of repo.iterate()) {
    const parsed = environmentRecord.safeParse(row.value);
    if (!parsed.success) {
      const status = (row.value as { status?: unknown } | null)?.status;
      if (status === 'Ready') fail(row.rowKey, `environment record is invalid: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    if (parsed.data.status === 'Ready') ready.push(parsed.data);
  }
  if (ready.length === 0) return { targets, errors };

  let reader = deps.secrets;
  if (!reader) {
    let vaultUrl: string | undefined;
    try {
      vaultUrl = deps.keyVault?.vaultUrl ?? readSettings('azure', env).KEY_VAULT_URL;
    } catch (err) {
      for (const r of ready) fail(r.name, err);
      return { targets, errors };
    }
    if (!vaultUrl) {
      for (const r of ready) fail(r.name, 'Setting KEY_VAULT_URL is required to read the keys of environments');
      return { targets, errors };
    }
    reader = createKeyVaultSecretReader({ ...deps.keyVault, vaultUrl });
  }

  const resolved = await Promise.allSettled(
    ready.map(async (r) => {
      if (!r.osTicketUrl) throw new Error('environment has no osTicketUrl');
      const names = r.keyVaultSecretNames;
      const [opsKey, apiKey] = await Promise.all([
        reader(names.opsKey),
        names.apiKey ? reader(names.apiKey) : Promise.resolve(undefined),
      ]);
      if (!opsKey) throw new Error(`Key Vault secret ${names.opsKey} (ops key) not found`);
      if (names.apiKey && !apiKey) throw new Error(`Key Vault secret ${names.apiKey} (API key) not found`);
      return makeTarget(r.name, 'environment', r.osTicketUrl, r.apiStyle, timeoutMs, { opsKey, apiKey });
    }),
  );
  resolved.forEach((res, i) => {
    if (res.status === 'fulfilled') targets.push(res.value);
    else fail(ready[i]!.name, res.reason);
  });
  return { targets, errors };
}

function makeTarget(
  name: string,
  source: OsTicketTarget['source'],
  url: string,
  apiStyle: ApiStyle,
  timeoutMs: number,
  keys: { opsKey: string; apiKey: string | undefined },
): OsTicketTarget {
  const baseUrl = url.replace(/\/+$/, '');
  return {
    name,
    source,
    baseUrl,
    staffUrl: `${baseUrl}/scp`,
    apiStyle,
    createClient: (o) =>
      createOsTicketClient({ baseUrl, apiStyle, timeoutMs, opsKey: keys.opsKey, apiKey: keys.apiKey, ...o }),
  };
}

export type TargetOutcome<T> =
  | { target: OsTicketTarget; ok: true; value: T }
  | { target: OsTicketTarget; ok: false; error: Error };

/** Runs `fn` for every target independently (allSettled): one failing target never stops the others. */
export async function forEachTarget<T>(
  targets: readonly OsTicketTarget[],
  fn: (target: OsTicketTarget) => Promise<T>,
): Promise<TargetOutcome<T>[]> {
  const settled = await Promise.allSettled(targets.map((t) => fn(t)));
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? { target: targets[i]!, ok: true as const, value: s.value }
      : { target: targets[i]!, ok: false as const, error: ensureErrorType(s.reason) },
  );
}
