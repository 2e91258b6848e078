// Composition root of the SLA watch for the function triggers: settings -> targets, ledger, notifier, policy.
// Imported lazily by the triggers, so loading the functions entry point stays cheap.
import type { AxiosInstance } from 'axios';
import { readSettings, type Env } from '../../config/settings';
import { ensureErrorType } from '../../errors';
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
  /**
   * Per-plan policy that wins over SLA_POLICY plans. Default: the `watch:` blocks of the configured roster
   * (ROSTER_SOURCE, else the bundled roster.sample.yaml), read once per services instance.
   */
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
  const settingsPolicy = parsePolicySetting(sla.SLA_POLICY);
  let rosterPlans: Promise<Record<string, PlanPolicyInput>> | undefined;
  const policy = async () =>
    buildPolicy(settingsPolicy, overrides.planOverrides ?? (await (rosterPlans ??= rosterWatchPolicy({ env }, log))));
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
  const common = async () => ({
    targets,
    policy: await policy(),
    clock,
    logger: log,
    defaultTimezone: sla.SLA_DEFAULT_TIMEZONE,
  });
  const secret = () => checkAckSecret(sla.SLA_ACK_SECRET);
  return {
    ledger,
    sweep: async () =>
      createSlaWatcher({
        ...(await common()),
        ledger,
        notifier,
        env,
        notifyResolved: sla.SLA_NOTIFY_RESOLVED,
        ack,
      }).sweep(),
    status: async () => slaStatus({ ...(await common()), ledger }),
    digest: async () =>
      sendDigest({
        ...(await common()),
        ledger,
        notifier,
        env,
        digestTimezone: sla.SLA_DIGEST_TIMEZONE,
        digestAt: sla.SLA_DIGEST_AT,
      }),
    inspectAck: (token) => inspectAck({ secret: secret(), clock }, token),
    acknowledge: (token, by) => acknowledge({ ledger, secret: secret(), clock }, token, by),
    close: async () => {
      await email?.close();
    },
  };
}

/**
 * The configured roster's per-plan `watch:` blocks. A roster that cannot be read must not stop alerting: the
 * watch then runs on SLA_POLICY and the defaults, and says so.
 */
async function rosterWatchPolicy(options: { env: Env }, log: Logger): Promise<Record<string, PlanPolicyInput>> {
  try {
    const [{ loadConfiguredRoster }, { watchPolicyFromRoster }] = await Promise.all([
      import('../../roster/roster-source'),
      import('../../roster/watch-fields'),
    ]);
    const { roster, source } = await loadConfiguredRoster({ env: options.env });
    const plans = watchPolicyFromRoster(roster);
    log.info(`sla-watch: policy for ${Object.keys(plans).length} SLA plan(s) from roster ${source}`);
    return plans;
  } catch (err) {
    log.warn(`sla-watch: roster policy unavailable, using SLA_POLICY and defaults: ${ensureErrorType(err).message}`);
    return {};
  }
}
