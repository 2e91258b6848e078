// Which integrations are configured, for GET /api/health. Reports booleans and problems, never values.
import { ensureErrorType } from '../errors';
import { readSettings, type Env } from './settings';

export type IntegrationName =
  | 'osTicket'
  | 'azureSubscription'
  | 'logAnalytics'
  | 'serviceBus'
  | 'teams'
  | 'email'
  | 'storage';

export interface IntegrationStatus {
  configured: boolean;
  /** Present when a setting is set but invalid: names the variable, never its value. */
  problem?: string;
  /** Extra non-secret detail, e.g. the e-mail provider or "embedded queue". */
  mode?: string;
}

function check(fn: () => IntegrationStatus): IntegrationStatus {
  try {
    return fn();
  } catch (err) {
    return { configured: false, problem: ensureErrorType(err).message };
  }
}

export function integrationStatus(env: Env = process.env): Record<IntegrationName, IntegrationStatus> {
  return {
    osTicket: check(() => {
      const s = readSettings('osTicket', env);
      const configured = Boolean(s.OSTICKET_URL && s.OSTICKET_OPS_KEY);
      const missing =
        s.OSTICKET_URL && !s.OSTICKET_OPS_KEY ? 'OSTICKET_OPS_KEY is required with OSTICKET_URL' : undefined;
      return { configured, ...(missing ? { problem: missing } : {}) };
    }),
    azureSubscription: check(() => {
      const s = readSettings('azure', env);
      return { configured: Boolean(s.AZURE_SUBSCRIPTION_ID && s.AZURE_RESOURCE_GROUP) };
    }),
    logAnalytics: check(() => ({ configured: Boolean(readSettings('logAnalytics', env).LOG_ANALYTICS_WORKSPACE_ID) })),
    serviceBus: check(() => {
      const s = readSettings('serviceBus', env);
      if (s.ServiceBusConnection) return { configured: true, mode: 'connection string' };
      if (s.ServiceBusConnection__fullyQualifiedNamespace) return { configured: true, mode: 'managed identity' };
      return { configured: false, mode: 'embedded queue (local host only)' };
    }),
    teams: check(() => ({ configured: Boolean(readSettings('teams', env).TEAMS_WEBHOOK_URL) })),
    email: check(() => {
      const s = readSettings('email', env);
      if (s.EMAIL_PROVIDER === 'smtp') return { configured: Boolean(s.SMTP_HOST && s.EMAIL_FROM), mode: 'smtp' };
      if (s.EMAIL_PROVIDER === 'acs')
        return {
          configured: Boolean((s.ACS_EMAIL_ENDPOINT || s.ACS_EMAIL_CONNECTION_STRING) && s.EMAIL_FROM),
          mode: 'acs',
        };
      return { configured: false, mode: 'none' };
    }),
    storage: check(() => {
      const s = readSettings('storage', env);
      if (s.AzureWebJobsStorage === 'UseDevelopmentStorage=true') return { configured: true, mode: 'azurite' };
      if (s.AzureWebJobsStorage) return { configured: true, mode: 'connection string' };
      if (s.AzureWebJobsStorage__accountName || s.AzureWebJobsStorage__tableServiceUri)
        return { configured: true, mode: 'managed identity' };
      return { configured: false };
    }),
  };
}
