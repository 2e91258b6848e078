// Composition root of the SLA watch for the function triggers: settings -> targets, ledger, notifier, policy.
// Imported lazily by the triggers, so loading the functions entry point stays cheap.
import type { AxiosInstance } from 'axios';
import { readSettings, type Env } from '../../config/settings';
import type { Logger } from '../../logging/logger';
import { redactingLogger } from '../../logging/logger';
import { emailSenderFromSettings, type EmailSenderOverrides } from '../../notify/email-sender';
import { createNotifier } from '../../notify/notifier';
import { createTeamsWebhook, type TeamsWebhookOptions } from '../../notify/teams-webhook';
import { resolveTargets, type ResolveTargetsDeps } from '../../osticket/targets';
import type { RetryPolicy as OsTicketRetryPolicy } from '../../osticket/transport';
import { createTableClientFactory, type TableClientFactory } from '../../storage/table-client-factory';
import { checkAckSecret } from './ack-token';
import { acknowledge, inspectAck } from './acknowledge';
import { createAlertLedger, type AlertLedger } from './alert-ledger';
import { sendDigest } from './digest';
import { watchTargetsFromConnector } from './osticket-source';
import { buildPolicy, parsePolicySetting, type PlanPolicyInput } from './policy';
import { slaStatus } from './status';
import { createSlaWatcher } from './watcher';
import type { ResolvedWatchTargets } from './watch-source';

export interface SlaWatchOverrides {
  env?: Env;
  tables?: TableClientFactory;
  clock?: () => Date;
  /** Targets instead of resolveTargets() (tests, CLI). */
  targets?: () => Promise<ResolvedWatchTargets>;
  keyVault?: ResolveTargetsDeps['keyVault'];
  osTicketAxios?: AxiosInstance;
  osTicketRetry?: Partial<OsTicketRetryPolicy>;
  teams?: TeamsWebhookOptions;
  email?: EmailSenderOverrides;
  /** Per-plan policy from the roster (issue 4); wins over SLA_POLICY plans. */
  planOverrides?: Record<string, PlanPolicyInput>;
}

export interface SlaWatchServices {
  ledger: AlertLedger;
  sweep: () => ReturnType<ReturnType<typeof createSlaWatcher>['sweep']>;
  status: () => ReturnType<typeof slaStatus>;
  digest: () => ReturnType<typeof sendDigest>;
  /** Throws UnauthorizedError for a bad token; changes nothing. */
  inspectAck: (token: string | undefined) => ReturnType<typeof inspectAck>;
  acknowledge: (token: string | undefined, by: string | undefined) => ReturnType<typeof acknowledge>;
  close: () => Promise<void>;
}

/** Builds the SLA watch services from app settings. Bad settings throw ConfigError naming the variable. */
export function createSlaWatchServices(logger: Logger, overrides: SlaWatchOverrides = {}): SlaWatchServices {
  const env = overrides.env ?? process.env;
  const sla = readSettings('sla', env);
  const app = readSettings('app', env);
  const teamsSettings = readSettings('teams', env);
  const emailSettings = readSettings('email', env);
  const clock = overrides.clock ?? (() => new Date());
  const log = redactingLogger(logger, [
    sla.SLA_ACK_SECRET,
    teamsSettings.TEAMS_WEBHOOK_URL,
    emailSettings.SMTP_PASSWORD,
    emailSettings.ACS_EMAIL_CONNECTION_STRING,
  ]);
  const tables = overrides.tables ?? createTableClientFactory({ env });
  const ledger = createAlertLedger({ tables, clock });
  const policy = buildPolicy(parsePolicySetting(sla.SLA_POLICY), overrides.planOverrides);
  const email = emailSenderFromSettings(emailSettings, overrides.email);
  const notifier = createNotifier({ teams: createTeamsWebhook(overrides.teams), email });
  const targets =
    overrides.targets ??
    (async () =>
      watchTargetsFromConnector(await resolveTargets({ tables, logger: log, env, keyVault: overrides.keyVault }), {
        logger: log,
        axios: overrides.osTicketAxios,
        retry: overrides.osTicketRetry,
      }));
  const ack =
    sla.SLA_ACK_SECRET && app.APP_BASE_URL
      ? { secret: checkAckSecret(sla.SLA_ACK_SECRET), ttlHours: sla.SLA_ACK_TTL_HOURS, baseUrl: app.APP_BASE_URL }
      : undefined;
  if (!ack) log.warn('sla-watch: SLA_ACK_SECRET or APP_BASE_URL is not set; alerts carry no acknowledge link');
  const common = { targets, policy, clock, logger: log, defaultTimezone: sla.SLA_DEFAULT_TIMEZONE };
  const watcher = createSlaWatcher({ ...common, ledger, notifier, env, notifyResolved: sla.SLA_NOTIFY_RESOLVED, ack });
  const secret = () => checkAckSecret(sla.SLA_ACK_SECRET);
  return {
    ledger,
    sweep: () => watcher.sweep(),
    status: () => slaStatus({ ...common, ledger }),
    digest: () => sendDigest({ ...common, ledger, notifier, env, digestTimezone: sla.SLA_DIGEST_TIMEZONE }),
    inspectAck: (token) => inspectAck({ secret: secret(), clock }, token),
    acknowledge: (token, by) => acknowledge({ ledger, secret: secret(), clock }, token, by),
    close: async () => {
      await email?.close();
    },
  };
}
