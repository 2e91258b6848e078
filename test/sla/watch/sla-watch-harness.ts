// End-to-end harness: the fake osTicket (seeded like the tutorial), Azurite, a loopback Teams webhook and a real
// SMTP server, wired through the real composition root and function handlers.
import { HttpRequest, type Timer } from '@azure/functions';
import { makeSlaAckHandler } from '../../../functions/sla-ack-http';
import { makeSlaDigestTimer } from '../../../functions/sla-digest-timer';
import { makeSlaStatusHandler } from '../../../functions/sla-status-http';
import { makeSlaWatchTimer } from '../../../functions/sla-watch-timer';
import type { Department, SlaPlan } from '../../../shared/osticket/contract';
import { createSlaWatchServices, type SlaWatchOverrides } from '../../../shared/sla/watch/compose';
import { FakeOsTicketServer } from '../../fakes/osticket-server';
import { FakeSmtpServer } from '../../fakes/smtp';
import { FakeTeamsWebhook, type PostedCard } from '../../fakes/teams-webhook';
import { testContext } from '../../helpers/context';
import { testTables } from '../../helpers/tables';

export const ACK_SECRET = 'e2e-ack-secret-0123456789abcdef-XYZ';
export const T0 = '2026-12-04T20:00:00Z';

export class SlaWatchHarness {
  now = new Date(T0);
  readonly osticket = new FakeOsTicketServer({ clock: () => this.now });
  readonly teams = new FakeTeamsWebhook();
  readonly smtp = new FakeSmtpServer();
  readonly tables = testTables();
  env: Record<string, string> = {};
  sysadmins!: Department;
  sevA!: SlaPlan;
  readonly logs = testContext('sla-watch');

  async start(): Promise<void> {
    const [{ url }, { url: teamsUrl }, { port }] = await Promise.all([
      this.osticket.start(),
      this.teams.start(),
      this.smtp.start(),
    ]);
    this.sysadmins = this.osticket.seedDepartment({ name: 'System Administrators' });
    // The tutorial's Sev-A: 1 hour on the 24/7 schedule (id 2 of a fresh install).
    this.sevA = this.osticket.seedSla({ name: 'Sev-A', graceHours: 1, scheduleId: 2 });
    this.env = {
      OSTICKET_URL: url,
      OSTICKET_OPS_KEY: this.osticket.readOnlyKey,
      OSTICKET_TARGET_NAME: 'tutorial',
      TEAMS_WEBHOOK_URL: teamsUrl,
      EMAIL_PROVIDER: 'smtp',
      EMAIL_FROM: 'sla-watch@example.com',
      EMAIL_TO: 'sysadmins@example.com',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      SLA_ACK_SECRET: ACK_SECRET,
      APP_BASE_URL: 'https://ops.example.com',
      SLA_DEFAULT_TIMEZONE: 'UTC',
      SLA_DIGEST_TIMEZONE: 'Europe/Berlin',
    };
  }

  overrides(extra: Partial<SlaWatchOverrides> = {}): SlaWatchOverrides {
    return {
      env: this.env,
      tables: this.tables,
      clock: () => this.now,
      // The policy comes from SLA_POLICY and the defaults here, not from the bundled roster's `watch:` blocks.
      planOverrides: {},
      osTicketRetry: { retries: 0 },
      teams: {
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxTotalDelayMs: 100 },
        sleep: () => Promise.resolve(),
      },
      email: { smtpInsecure: true, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxTotalDelayMs: 50 } },
      ...extra,
    };
  }

  services(extra: Partial<SlaWatchOverrides> = {}) {
    return createSlaWatchServices(this.logs.context, this.overrides(extra));
  }

  at(minutesAfterT0: number): void {
    this.now = new Date(Date.parse(T0) + minutesAfterT0 * 60_000);
  }

  seedSevA(subject = 'Online banking is down', createdAt = T0) {
    return this.osticket.seedTicket({
      subject,
      createdAt,
      deptId: this.sysadmins.id,
      slaId: this.sevA.id,
      priorityId: 4,
    });
  }

  /** Runs the timer trigger's handler exactly as the host would. */
  sweep(extra: Partial<SlaWatchOverrides> = {}): Promise<void> {
    return makeSlaWatchTimer(() => this.overrides(extra))({ isPastDue: false } as Timer, this.logs.context);
  }

  digest(extra: Partial<SlaWatchOverrides> = {}): Promise<void> {
    return makeSlaDigestTimer(() => this.overrides(extra))({ isPastDue: false } as Timer, this.logs.context);
  }

  ack(method: 'GET' | 'POST', url: string, form?: string, accept?: string) {
    const headers: Record<string, string> = {
      ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(accept ? { accept } : {}),
    };
    const req = new HttpRequest({ method, url, headers, ...(form !== undefined ? { body: { string: form } } : {}) });
    return makeSlaAckHandler(() => this.overrides())(req, testContext('sla-ack').context);
  }

  status() {
    return makeSlaStatusHandler(() => this.overrides())(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/sla/status' }),
      testContext('sla-status').context,
    );
  }

  cards(): PostedCard[] {
    return this.teams.accepted().map((p) => FakeTeamsWebhook.card(p));
  }

  /** Accepted cards about one ticket (earlier tickets keep aging as the clock moves on). */
  cardsFor(ticketNumber: string): PostedCard[] {
    return this.cards().filter((c) => cardSummary(c).facts['Ticket'] === `\\#${ticketNumber}`);
  }

  mailsFor(ticketNumber: string) {
    return this.smtp.messages.filter((m) => m.subject.includes(`#${ticketNumber} `));
  }

  async stop(): Promise<void> {
    await Promise.all([this.osticket.stop(), this.teams.stop(), this.smtp.stop()]);
  }
}

/** The card's first TextBlock (the state line) and its FactSet as a title -> value map. */
export function cardSummary(card: PostedCard | undefined): {
  state: string;
  facts: Record<string, string>;
  ackUrl?: string;
} {
  if (!card) throw new Error('no such card');
  const facts: Record<string, string> = {};
  for (const f of card.body.find((b) => b.type === 'FactSet')?.facts ?? []) facts[f.title] = f.value;
  return {
    state: card.body[0]?.text ?? '',
    facts,
    ackUrl: card.actions?.find((a) => a.title === 'Acknowledge')?.url,
  };
}
