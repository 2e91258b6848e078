// The one schema for every app setting osTicket Ops reads. Sections are parsed lazily and separately
// (shared/config/settings.ts), so an unconfigured integration never breaks an unrelated function.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { message: 'must be an http(s) URL' });

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(httpUrl.optional())
  .optional();

const bool = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const ianaZone = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      const zone = v === undefined || v === '' ? fallback : v;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return zone;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin' });
        return z.NEVER;
      }
    });

/** Six-field NCRONTAB (with seconds), as the Functions timer trigger expects. */
const ncrontab = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v))
    .refine((v) => v.split(/\s+/).length === 6, { message: 'must be a 6-field NCRONTAB expression (with seconds)' });

const uuid = z
  .string()
  .trim()
  .refine((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), {
    message: 'must be a GUID',
  });

const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(uuid.optional())
  .optional();

/** Every setting, grouped by the integration or feature that reads it. Keys are the exact app-setting names. */
export const settingSections = {
  app: z.object({
    APP_BASE_URL: optionalUrl,
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional().default('info'),
  }),
  storage: z.object({
    AzureWebJobsStorage: optionalString,
    AzureWebJobsStorage__accountName: optionalString,
    AzureWebJobsStorage__tableServiceUri: optionalUrl,
    AzureWebJobsStorage__blobServiceUri: optionalUrl,
  }),
  osTicket: z.object({
    OSTICKET_URL: optionalUrl,
    OSTICKET_API_KEY: optionalString,
    OSTICKET_OPS_KEY: optionalString,
    OSTICKET_API_STYLE: z.enum(['rewrite', 'http.php']).optional().default('rewrite'),
    OSTICKET_TIMEOUT_MS: int(15000, 1000, 120000),
    OSTICKET_TARGET_NAME: z.string().trim().optional().default('configured'),
  }),
  azure: z.object({
    AZURE_SUBSCRIPTION_ID: optionalUuid,
    AZURE_RESOURCE_GROUP: optionalString,
    AZURE_LOCATION: optionalString,
    AZURE_CLIENT_ID: optionalUuid,
    KEY_VAULT_URL: optionalUrl,
  }),
  logAnalytics: z.object({
    LOG_ANALYTICS_WORKSPACE_ID: optionalUuid,
    LOG_ANALYTICS_ENDPOINT: optionalUrl,
    /** Dev only (npm run demo): plain http to a loopback LOG_ANALYTICS_ENDPOINT with a fake token. */
    LOG_ANALYTICS_DEV_LOOPBACK: bool(false),
  }),
  serviceBus: z.object({
    ServiceBusConnection: optionalString,
    ServiceBusConnection__fullyQualifiedNamespace: optionalString,
    ENVIRONMENT_COMMANDS_QUEUE: z.string().trim().optional().default('environment-commands'),
  }),
  teams: z.object({
    TEAMS_WEBHOOK_URL: optionalUrl,
  }),
  email: z.object({
    EMAIL_PROVIDER: z.enum(['none', 'acs', 'smtp']).optional().default('none'),
    EMAIL_FROM: optionalString,
    EMAIL_TO: optionalString,
    ACS_EMAIL_ENDPOINT: optionalUrl,
    ACS_EMAIL_CONNECTION_STRING: optionalString,
    SMTP_HOST: optionalString,
    SMTP_PORT: int(587, 1, 65535),
    SMTP_SECURE: bool(false),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
  }),
  roster: z.object({
    ROSTER_SYNC_SCHEDULE: ncrontab('0 0 * * * *'),
    ROSTER_SOURCE: optionalString,
    ROSTER_PRUNE: bool(false),
    ROSTER_COMMANDS_QUEUE: z.string().trim().optional().default('roster-commands'),
  }),
  sla: z.object({
    SLA_WATCH_SCHEDULE: ncrontab('0 */5 * * * *'),
    SLA_DIGEST_SCHEDULE: ncrontab('0 0 * * * *'),
    SLA_DIGEST_TIMEZONE: ianaZone('UTC'),
    /** Local time of the daily digest in SLA_DIGEST_TIMEZONE; `*` sends on every firing of SLA_DIGEST_SCHEDULE. */
    SLA_DIGEST_AT: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? '08:00' : v))
      .refine((v) => v === '*' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
        message: 'must be a local time HH:MM such as 08:00, or * for every firing',
      })
      .transform((v) => (v === '*' ? undefined : v)),
    SLA_ACK_SECRET: optionalString,
    SLA_ACK_TTL_HOURS: int(72, 1, 720),
    SLA_POLICY: optionalString,
    SLA_NOTIFY_RESOLVED: bool(true),
    SLA_DEFAULT_TIMEZONE: ianaZone('UTC'),
  }),
  metrics: z.object({
    METRICS_SNAPSHOT_SCHEDULE: ncrontab('0 5 0 * * *'),
  }),
} as const;

export type SettingSection = keyof typeof settingSections;
export type Settings<S extends SettingSection> = z.output<(typeof settingSections)[S]>;

/** All setting names, for the sample file check and documentation. */
export const allSettingNames: string[] = Object.values(settingSections).flatMap((s) => Object.keys(s.shape));
