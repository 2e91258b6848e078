// Builds the Log Analytics query client (@azure/monitor-query-logs, imported lazily) with overridable endpoint,
// credential and HTTP client, so tests and benchmarks talk to a loopback fake with the real SDK.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { LogsQueryClient } from '@azure/monitor-query-logs';
import { readSettings, requireSetting, type Env } from '../config/settings';

export interface LogsClientOptions {
  env?: Env;
  /** Query API base, e.g. `https://api.loganalytics.io/v1`; `/v1` is added when the URL has no path. */
  endpoint?: string;
  credential?: TokenCredential;
  httpClient?: HttpClient;
  /** SDK retry tuning (tests keep delays short). */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

export interface LogsTarget {
  client: LogsQueryClient;
  workspaceId: string;
}

/** Normalises the endpoint: the SDK takes the full API base including the version segment. */
export function logsEndpoint(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path === '' ? '/v1' : path;
  return url.toString().replace(/\/+$/, '');
}

/** Creates a client for the configured workspace. Throws ConfigError naming LOG_ANALYTICS_WORKSPACE_ID when unset. */
export async function createLogsTarget(options: LogsClientOptions = {}): Promise<LogsTarget> {
  const settings = readSettings('logAnalytics', options.env);
  const workspaceId = requireSetting(
    settings.LOG_ANALYTICS_WORKSPACE_ID,
    'LOG_ANALYTICS_WORKSPACE_ID',
    'the Log Analytics workspace (customer) id, a GUID',
  );
  const endpoint = logsEndpoint(options.endpoint ?? settings.LOG_ANALYTICS_ENDPOINT);
  const credential = options.credential ?? (await defaultCredential(options.env));
  const { LogsQueryClient: Client } = await import('@azure/monitor-query-logs');
  const client = new Client(credential, {
    ...(endpoint ? { endpoint } : {}),
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  });
  return { client, workspaceId };
}

async function defaultCredential(env?: Env): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const clientId = readSettings('azure', env).AZURE_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}
