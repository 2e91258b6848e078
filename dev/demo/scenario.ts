// The demo's story: the tutorial's tickets (backdated so the SLA watch has something to warn and breach on) and a
// Log Analytics workspace with the tutorial's "after hardening" counts and larger "before" ones.
import type { FakeDataset, FakeRow } from '../../test/fakes/log-analytics-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DemoTicket {
  subject: string;
  message: string;
  name: string;
  email: string;
  topic: string;
  /** SLA plan instead of the topic's (osTicket's API honours `slaId`). */
  sla?: string;
  /** Age at start: the ticket is backdated so its SLA clock has run this long. */
  ageMinutes: number;
  /** Minutes after creation an agent first replied (stops the first-response clock). */
  answeredAfterMinutes?: number;
}

export const DEMO_TICKETS: DemoTicket[] = [
  {
    subject: 'Entire mobile/online banking system is down',
    message: 'Customers cannot log in to mobile or online banking. Nothing loads since this morning.',
    name: 'Karen',
    email: 'karen@example.com',
    topic: 'Business Critical Outage', // Sev-A (1 h, 24/7) -> System Administrators, Level II Support
    ageMinutes: 90, // due after 60 minutes: breached
  },
  {
    subject: 'Accounting department needs Adobe upgrade',
    message: 'Adobe Acrobat is broken on the accounting PCs and needs the upgrade before month end.',
    name: 'Ken',
    email: 'ken@example.com',
    topic: 'Personal Computer Issues',
    sla: 'Sev-B', // 4 h, 24/7
    ageMinutes: 195, // due after 240 minutes, warned from 180: at risk
    answeredAfterMinutes: 20,
  },
  {
    subject: 'Cannot sign in after a password reset',
    message: 'My new password is refused at the Windows login screen.',
    name: 'Ken',
    email: 'ken@example.com',
    topic: 'Password Reset', // Sev-B (4 h, 24/7): fine for now
    ageMinutes: 5,
  },
];

/** When the (pretend) security controls went in: a whole 24-hour window before and after, both in the past. */
export function hardeningTime(now: Date): Date {
  const at = new Date(now.getTime() - 25 * HOUR);
  at.setUTCSeconds(0, 0);
  return at;
}

/** Counts per table and window; the "after" numbers are the tutorial's table. */
export const DEMO_COUNTS = {
  before: { SecurityEvent: 19470, Syslog: 1554, SecurityAlert: 5, SecurityIncident: 233, MaliciousFlowsIn: 1742 },
  after: { SecurityEvent: 8778, Syslog: 25, SecurityAlert: 0, SecurityIncident: 0, MaliciousFlowsIn: 0 },
};

/** `count` rows spread evenly over [start, start + 24h). */
function spread(count: number, start: Date, extra: (i: number) => Record<string, string | number> = () => ({})) {
  const step = (24 * HOUR) / Math.max(count, 1);
  return Array.from(
    { length: count },
    (_, i): FakeRow => ({ TimeGenerated: new Date(start.getTime() + i * step).toISOString(), ...extra(i) }),
  );
}

export function demoWorkspace(hardeningAt: Date): FakeDataset {
  const windows = [
    { start: new Date(hardeningAt.getTime() - 24 * HOUR), counts: DEMO_COUNTS.before },
    { start: hardeningAt, counts: DEMO_COUNTS.after },
  ];
  const table = (pick: (c: typeof DEMO_COUNTS.before, start: Date) => FakeRow[]) =>
    windows.flatMap((w) => pick(w.counts, w.start));
  const flow = { SubType_s: 'FlowLog', FlowType_s: 'MaliciousFlow', AllowedInFlows_d: 1, DeniedInFlows_d: 0 };
  return {
    SecurityEvent: table((c, s) => spread(c.SecurityEvent, s, (i) => ({ EventID: i % 3 ? 4625 : 4624 }))),
    Syslog: table((c, s) => spread(c.Syslog, s, () => ({ Facility: 'auth' }))),
    SecurityAlert: table((c, s) =>
      spread(c.SecurityAlert, s, () => ({ DisplayName: 'Brute force attack against VM' })),
    ),
    SecurityIncident: table((c, s) => spread(c.SecurityIncident, s, () => ({ Title: 'Brute force attempt' }))),
    AzureNetworkAnalytics_CL: table((c, s) => spread(c.MaliciousFlowsIn, s, () => flow)),
  };
}
