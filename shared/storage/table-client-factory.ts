// Builds @azure/data-tables clients lazily (the SDK is imported on first use) and caches one per table.
import type { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { ConfigError } from '../errors';
import { readSettings, type Env } from '../config/settings';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_TABLE_CONNECTION =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
  'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
  'TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

export interface TableFactoryOptions {
  env?: Env;
  /** Overrides the connection (tests point it at a specific Azurite). */
  connectionString?: string;
  credential?: TokenCredential;
  /** Table name prefix, so parallel test runs never share tables. */
  prefix?: string;
}

export type TableClientFactory = (table: string) => Promise<TableClient>;

/** Returns a factory that creates each table on first use and reuses its client afterwards. */
export function createTableClientFactory(options: TableFactoryOptions = {}): TableClientFactory {
  const clients = new Map<string, Promise<TableClient>>();
  return (table: string) => {
    const name = `${options.prefix ?? ''}${table}`;
    let client = clients.get(name);
    if (!client) {
      client = buildClient(name, options).catch((err: unknown) => {
        clients.delete(name);
        throw err;
      });
      clients.set(name, client);
    }
    return client;
  };
}

async function buildClient(table: string, options: TableFactoryOptions): Promise<TableClient> {
  const { TableClient: Client } = await import('@azure/data-tables');
  let client: TableClient;
  const connection: Connection = options.connectionString
    ? { kind: 'connectionString', value: options.connectionString }
    : resolveConnection(options.env ?? process.env);
  if (connection.kind === 'connectionString') {
    const allowInsecureConnection = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connection.value);
    client = Client.fromConnectionString(connection.value, table, { allowInsecureConnection });
  } else {
    const credential = options.credential ?? (await defaultCredential());
    client = new Client(connection.value, table, credential);
  }
  try {
    await client.createTable();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 409) throw err;
  }
  return client;
}

type Connection = { kind: 'connectionString'; value: string } | { kind: 'identity'; value: string };

function resolveConnection(env: Env): Connection {
  const s = readSettings('storage', env);
  if (s.AzureWebJobsStorage === 'UseDevelopmentStorage=true')
    return { kind: 'connectionString', value: AZURITE_TABLE_CONNECTION };
  if (s.AzureWebJobsStorage) return { kind: 'connectionString', value: s.AzureWebJobsStorage };
  if (s.AzureWebJobsStorage__tableServiceUri)
    return { kind: 'identity', value: s.AzureWebJobsStorage__tableServiceUri };
  if (s.AzureWebJobsStorage__accountName)
    return { kind: 'identity', value: `https://${s.AzureWebJobsStorage__accountName}.table.core.windows.net` };
  throw new ConfigError(
    'AzureWebJobsStorage',
    'is required: a storage connection string, UseDevelopmentStorage=true, or AzureWebJobsStorage__accountName',
  );
}

async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const clientId = readSettings('azure').AZURE_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}
