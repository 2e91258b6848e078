// startDemo(): the whole app on this machine with no Azure and no osTicket. Starts loopback fakes of osTicket,
// a Teams Workflows webhook, an SMTP server and Log Analytics, then the local Functions host with settings that
// point at them, applies roster.sample.yaml and opens the tutorial's tickets (backdated) through osTicket's API.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startHost, type Host } from '../host/host';
import { startFakeLogAnalytics, type FakeLogAnalytics } from '../../test/fakes/log-analytics-server';
import { FakeOsTicketServer } from '../../test/fakes/osticket-server';
import { FakeSmtpServer } from '../../test/fakes/smtp';
import { FakeTeamsWebhook } from '../../test/fakes/teams-webhook';
import { watchDeliveries } from './deliveries';
import { DEMO_TICKETS, demoWorkspace, hardeningTime } from './scenario';

export const DEMO_FUNCTION_KEY = 'local-dev-function-key';
/** A yearly schedule: in the demo the SLA timers run when you ask (admin endpoint), so nothing races the guide. */
const ON_DEMAND = '0 0 0 1 1 *';

export interface DemoOptions {
  /** Where package.json, host.json and the built functions are. */
  appRoot: string;
  /** Host port (default 7071); 0 picks a free one. */
  port?: number;
  /** AzureWebJobsStorage; default UseDevelopmentStorage=true, which starts Azurite as `npm start` does. */
  storage?: string;
  /** Function files relative to appRoot; default package.json "main". */
  functionGlobs?: string[];
  /** Output lines (default console.log). */
  write?: (line: string) => void;
}

export interface DemoTicketRef {
  id: number;
  number: string;
  subject: string;
}

export interface Demo {
  host: Host;
  url: string;
  functionKey: string;
  hardeningAt: Date;
  tickets: DemoTicketRef[];
  osTicket: FakeOsTicketServer;
  teams: FakeTeamsWebhook;
  smtp: FakeSmtpServer;
  logAnalytics: FakeLogAnalytics;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const write = options.write ?? ((line: string) => console.log(line));
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  try {
    const osTicket = new FakeOsTicketServer({
      opsKey: secret(),
      apiKey: randomBytes(16).toString('hex').toUpperCase(),
    });
    const { url: osTicketUrl } = await osTicket.start();
    cleanups.push(() => osTicket.stop());
    const teams = new FakeTeamsWebhook();
    const { url: webhookUrl } = await teams.start();
    cleanups.push(() => teams.stop());
    const smtp = new FakeSmtpServer();
    const mail = await smtp.start();
    cleanups.push(() => smtp.stop());
    const hardeningAt = hardeningTime(new Date());
    const logAnalytics = await startFakeLogAnalytics({ tables: demoWorkspace(hardeningAt) });
    cleanups.push(() => logAnalytics.close());
    const stopWatching = watchDeliveries({ teams, smtp, write });
    cleanups.push(stopWatching);

    const port = options.port === 0 ? await freePort() : (options.port ?? 7071);
    const host = await startHost({
      appRoot: options.appRoot,
      port,
      ...(options.functionGlobs ? { functionGlobs: options.functionGlobs } : {}),
      write,
      settings: {
        ...sampleSettings(options.appRoot),
        AzureWebJobsStorage: options.storage ?? 'UseDevelopmentStorage=true',
        DEV_FUNCTION_KEY: DEMO_FUNCTION_KEY,
        APP_BASE_URL: `http://127.0.0.1:${port}`,
        OSTICKET_URL: osTicketUrl,
        OSTICKET_OPS_KEY: osTicket.opsKey,
        OSTICKET_API_KEY: osTicket.apiKey,
        OSTICKET_TARGET_NAME: 'demo',
        ROSTER_SOURCE: '', // the bundled roster.sample.yaml
        TEAMS_WEBHOOK_URL: webhookUrl,
        EMAIL_PROVIDER: 'smtp',
        EMAIL_FROM: 'osticket-ops@demo.example',
        EMAIL_TO: 'sysadmins@demo.example',
        SMTP_HOST: mail.host,
        SMTP_PORT: String(mail.port),
        SMTP_SECURE: 'false',
        SLA_ACK_SECRET: secret(),
        SLA_WATCH_SCHEDULE: ON_DEMAND,
        SLA_DIGEST_SCHEDULE: ON_DEMAND,
        SLA_DIGEST_AT: '*', // an on-demand run (admin endpoint) sends the digest whatever the hour
        LOG_ANALYTICS_WORKSPACE_ID: logAnalytics.workspaceId,
        LOG_ANALYTICS_ENDPOINT: logAnalytics.endpoint.replace(/^https:/, 'http:'),
        LOG_ANALYTICS_DEV_LOOPBACK: 'true',
      },
    });
    cleanups.push(() => host.stop());

    await applyRoster(host.url);
    const tickets = await openTickets(osTicket);
    return {
      host,
      url: host.url,
      functionKey: DEMO_FUNCTION_KEY,
      hardeningAt,
      tickets,
      osTicket,
      teams,
      smtp,
      logAnalytics,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Applies the configured roster (roster.sample.yaml) through the app's own endpoint. */
async function applyRoster(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/roster/apply`, {
    method: 'POST',
    headers: { 'x-functions-key': DEMO_FUNCTION_KEY },
  });
  const body = (await res.json()) as { ok?: boolean; targets?: { target: string; error?: unknown }[] };
  if (res.status !== 200 || body.ok !== true)
    throw new Error(`Applying roster.sample.yaml failed (${res.status}): ${JSON.stringify(body.targets ?? body)}`);
}

/** Opens the tutorial's tickets through osTicket's official API, then backdates them in the fake. */
async function openTickets(osTicket: FakeOsTicketServer): Promise<DemoTicketRef[]> {
  const byName = <T extends { id: number; name: string }>(map: Map<number, T>, name: string) => {
    const found = [...map.values()].find((x) => x.name === name);
    if (!found) throw new Error(`The roster did not create ${name}`);
    return found;
  };
  const now = Date.now();
  const refs: DemoTicketRef[] = [];
  for (const t of DEMO_TICKETS) {
    const res = await fetch(`${osTicket.url}/api/tickets.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': osTicket.apiKey },
      body: JSON.stringify({
        name: t.name,
        email: t.email,
        subject: t.subject,
        message: t.message,
        topicId: byName(osTicket.state.topics, t.topic).id,
        ...(t.sla ? { slaId: byName(osTicket.state.sla, t.sla).id } : {}),
        source: 'API',
      }),
    });
    const number = await res.text();
    if (res.status !== 201) throw new Error(`osTicket refused "${t.subject}" (${res.status}): ${number}`);
    const ticket = [...osTicket.state.tickets.values()].find((x) => x.number === number)!;
    const createdAt = new Date(now - t.ageMinutes * 60_000);
    const graceMs = (ticket.sla?.graceHours ?? 0) * 3_600_000;
    osTicket.updateTicket(ticket.id, {
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      lastMessageAt: iso(createdAt),
      estDueDate: ticket.sla ? iso(new Date(createdAt.getTime() + graceMs)) : null,
    });
    if (t.answeredAfterMinutes !== undefined)
      osTicket.addResponse(ticket.id, iso(new Date(createdAt.getTime() + t.answeredAfterMinutes * 60_000)));
    refs.push({ id: ticket.id, number, subject: t.subject });
  }
  return refs;
}

/** local.settings.sample.json's values: every setting the app reads, with its safe default. */
function sampleSettings(appRoot: string): Record<string, string> {
  const sample = JSON.parse(readFileSync(join(appRoot, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  };
  return sample.Values;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function secret(): string {
  return randomBytes(24).toString('base64url');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
