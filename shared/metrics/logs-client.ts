// Builds the Log Analytics query client (@azure/monitor-query-logs, imported lazily) with overridable endpoint,
// credential and HTTP client, so tests and benchmarks talk to a loopback fake with the real SDK.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { LogsQueryClient } from '@azure/monitor-query-logs';
import { readSettings, requireSetting, type Env } from '../config/settings';
import { ConfigError } from '../errors';

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
  const dev =
    settings.LOG_ANALYTICS_DEV_LOOPBACK && !options.httpClient
      ? await devLoopback(settings.LOG_ANALYTICS_ENDPOINT, options.env ?? process.env)
      : undefined;
  const endpoint = logsEndpoint(dev?.endpoint ?? options.endpoint ?? settings.LOG_ANALYTICS_ENDPOINT);
  const credential = options.credential ?? dev?.credential ?? (await defaultCredential(options.env));
  const httpClient = options.httpClient ?? dev?.httpClient;
  const { LogsQueryClient: Client } = await import('@azure/monitor-query-logs');
  const client = new Client(credential, {
    ...(endpoint ? { endpoint } : {}),
    ...(httpClient ? { httpClient } : {}),
    ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  });
  return { client, workspaceId };
}

async function defaultCredential(env?: Env): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const clientId = readSettings('azure', env).AZURE_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Dev only (`LOG_ANALYTICS_DEV_LOOPBACK=true`, set by `npm run demo`): plain http to a loopback fake with a fixed
 * token, since the SDK refuses bearer tokens over http. Refused for any other host and inside Azure.
 */
async function devLoopback(
  endpoint: string | undefined,
  env: Env,
): Promise<{ endpoint: string; credential: TokenCredential; httpClient: HttpClient }> {
  const target = endpoint ? new URL(endpoint) : undefined;
  if (!target || target.protocol !== 'http:' || !LOOPBACK_HOSTS.has(target.hostname))
    throw new ConfigError(
      'LOG_ANALYTICS_DEV_LOOPBACK',
      'needs LOG_ANALYTICS_ENDPOINT to be http://127.0.0.1:<port> (or localhost): it is for local fakes only',
    );
  if (env['WEBSITE_INSTANCE_ID'])
    throw new ConfigError('LOG_ANALYTICS_DEV_LOOPBACK', 'is for local development and is refused in Azure');
  const { createDefaultHttpClient, createPipelineRequest } = await import('@azure/core-rest-pipeline');
  const inner = createDefaultHttpClient();
  const httpClient: HttpClient = {
    async sendRequest(request) {
      const url = new URL(request.url);
      if (url.host !== target.host) throw new Error(`LOG_ANALYTICS_DEV_LOOPBACK refuses ${url.hostname}`);
      url.protocol = 'http:';
      const { headers, body, timeout, abortSignal, method } = request;
      const forwarded = createPipelineRequest({ url: url.toString(), method, headers, body, timeout, abortSignal });
      forwarded.allowInsecureConnection = true;
      // The pipeline must see its own (https) request in the response.
      return { ...(await inner.sendRequest(forwarded)), request };
    },
  };
  const secure = new URL(target);
  secure.protocol = 'https:';
  const credential: TokenCredential = {
    getToken: () => Promise.resolve({ token: 'dev-loopback-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return { endpoint: secure.toString(), credential, httpClient };
}
