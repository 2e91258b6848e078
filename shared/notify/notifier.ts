// Sends alerts and digests to resolved channels (a Teams webhook or e-mail recipients). Each channel is
// independent: one failing channel never blocks or fails the others.
import { ConfigError, ensureErrorType } from '../errors';
import type { Logger } from '../logging/logger';
import { redact } from '../logging/redact';
import { buildAlertCard, buildDigestCard } from './adaptive-card';
import type { SlaAlertMessage, SlaDigestMessage } from './alert-message';
import { renderAlertEmail, renderDigestEmail } from './email-message';
import type { EmailSender } from './email-sender';
import type { TeamsWebhook } from './teams-webhook';

/**
 * A concrete destination. `id` is stable and secret-free (it goes into ledger keys and logs);
 * a Teams `url` is a secret and is never logged.
 */
export type Channel = { kind: 'teams'; id: string; url: string } | { kind: 'email'; id: string; to: string[] };

export interface DeliveryResult {
  channelId: string;
  ok: boolean;
  error?: string;
}

export interface Notifier {
  readonly canEmail: boolean;
  readonly canTeams: boolean;
  sendAlert(channel: Channel, msg: SlaAlertMessage): Promise<void>;
  sendDigest(channel: Channel, msg: SlaDigestMessage): Promise<void>;
}

export interface NotifierDeps {
  teams?: TeamsWebhook;
  email?: EmailSender;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const send = async (
    channel: Channel,
    card: () => ReturnType<typeof buildAlertCard>,
    mail: () => ReturnType<typeof renderAlertEmail>,
  ) => {
    if (channel.kind === 'teams') {
      if (!deps.teams) throw new ConfigError('TEAMS_WEBHOOK_URL', 'is required for Teams channels');
      await deps.teams.post(channel.url, card());
    } else {
      if (!deps.email) throw new ConfigError('EMAIL_PROVIDER', 'must be acs or smtp for e-mail channels');
      if (channel.to.length === 0) return;
      await deps.email.send(channel.to, mail());
    }
  };
  return {
    canEmail: deps.email !== undefined,
    canTeams: deps.teams !== undefined,
    sendAlert: (channel, msg) =>
      send(
        channel,
        () => buildAlertCard(msg),
        () => renderAlertEmail(msg),
      ),
    sendDigest: (channel, msg) =>
      send(
        channel,
        () => buildDigestCard(msg),
        () => renderDigestEmail(msg),
      ),
  };
}

/** Sends to every channel concurrently; returns one result per channel and logs failures by channel id only. */
export async function deliverAll(
  channels: readonly Channel[],
  send: (channel: Channel) => Promise<void>,
  logger: Logger,
): Promise<DeliveryResult[]> {
  const settled = await Promise.allSettled(channels.map((c) => send(c)));
  return settled.map((r, i) => {
    const channelId = channels[i]!.id;
    if (r.status === 'fulfilled') return { channelId, ok: true };
    const error = describeFailure(r.reason);
    logger.warn(`notify: channel ${channelId} failed: ${error}`);
    return { channelId, ok: false, error };
  });
}

/** A short, secret-free description of a send failure. */
export function describeFailure(err: unknown): string {
  return String(redact(ensureErrorType(err).message)).slice(0, 300);
}
