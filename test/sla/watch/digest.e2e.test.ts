// The daily digest end to end: one message per department, most urgent first, with yesterday's SLA-met share.
import { digestDay, isDigestHour } from '../../../shared/sla/watch/digest';
import { cardProblems } from '../../notify/validate-card';
import { SlaWatchHarness } from './sla-watch-harness';

describe('SLA digest', () => {
  const h = new SlaWatchHarness();
  beforeAll(async () => {
    await h.start();
    h.now = new Date('2026-12-05T07:00:00Z'); // 08:00 in Berlin (SLA_DIGEST_TIMEZONE)
    h.seedSevA('Escalated outage', '2026-12-05T05:00:00Z');
    h.seedSevA('At-risk outage', '2026-12-05T06:10:00Z');
    h.seedSevA('Fresh ticket', '2026-12-05T06:55:00Z');
    const close = (t: { id: number }, at: string) =>
      h.osticket.state.updateTicket(t.id, { statusId: 3, closedAt: at, updatedAt: at });
    // Yesterday in Berlin is [2026-12-03T23:00Z, 2026-12-04T23:00Z).
    close(h.seedSevA('Closed late', '2026-12-04T10:00:00Z'), '2026-12-04T12:00:00Z');
    close(h.seedSevA('Closed in time', '2026-12-04T13:00:00Z'), '2026-12-04T13:30:00Z');
    close(h.seedSevA('Closed the day before', '2026-12-03T10:00:00Z'), '2026-12-03T10:30:00Z');
    close(h.seedSevA('Closed today', '2026-12-05T06:00:00Z'), '2026-12-05T06:30:00Z');
    close(
      h.osticket.seedTicket({ subject: 'Support ticket', createdAt: '2026-12-04T09:00:00Z', deptId: 1 }),
      '2026-12-04T15:00:00Z',
    );
  });
  afterAll(() => h.stop());

  it('computes yesterday in the digest time zone', () => {
    expect(digestDay(new Date('2026-12-05T07:00:00Z'), 'Europe/Berlin')).toEqual({
      today: '2026-12-05',
      start: new Date('2026-12-03T23:00:00Z'),
      end: new Date('2026-12-04T23:00:00Z'),
    });
  });

  it('finds the SLA_DIGEST_AT hour in the digest zone, across DST and half-hour zones', () => {
    expect(isDigestHour(new Date('2026-12-05T07:00:00Z'), 'Europe/Berlin', '08:00')).toBe(true);
    expect(isDigestHour(new Date('2026-12-05T07:59:59Z'), 'Europe/Berlin', '08:00')).toBe(true);
    expect(isDigestHour(new Date('2026-12-05T08:00:00Z'), 'Europe/Berlin', '08:00')).toBe(false);
    expect(isDigestHour(new Date('2026-12-05T06:00:00Z'), 'Europe/Berlin', '08:00')).toBe(false);
    expect(isDigestHour(new Date('2026-07-05T06:00:00Z'), 'Europe/Berlin', '08:00')).toBe(true); // CEST
    expect(isDigestHour(new Date('2026-12-05T02:30:00Z'), 'Asia/Kolkata', '08:00')).toBe(true);
  });

  it('an hourly firing outside the SLA_DIGEST_AT hour sends nothing', async () => {
    h.env = { ...h.env, SLA_DIGEST_AT: '09:00' };
    try {
      await h.digest();
      expect(h.cards()).toHaveLength(0);
      expect(h.smtp.messages).toHaveLength(0);
    } finally {
      h.env = { ...h.env, SLA_DIGEST_AT: '08:00' };
    }
  });

  it('sends one message per department, most urgent first, with the SLA-met percentage', async () => {
    await h.digest();
    const cards = h.cards();
    expect(cards).toHaveLength(2);
    for (const c of cards) expect(cardProblems(c)).toEqual([]);
    const [support, sysadmins] = cards.map((c) => (c.body as { text: string }[]).map((b) => b.text));
    expect(support![0]).toBe('SLA digest 2026\\-12\\-05: Support \\(tutorial\\)');
    expect(support![1]).toBe('100\\.0% of 1 ticket\\(s\\) closed yesterday met their SLA');
    expect(support![2]).toBe('No tickets at risk or breached');
    expect(sysadmins![1]).toBe('50\\.0% of 2 ticket\\(s\\) closed yesterday met their SLA');
    expect(sysadmins![2]).toBe('2 ticket(s) at risk or breached');
    expect(sysadmins![3]).toContain('Escalated outage: escalated:2');
    expect(sysadmins![4]).toContain('At\\-risk outage: warning');
    expect(h.smtp.messages.map((m) => m.subject).sort()).toEqual([
      'SLA digest 2026-12-05: Support (tutorial)',
      'SLA digest 2026-12-05: System Administrators (tutorial)',
    ]);
  });

  it('a retried digest sends nothing twice', async () => {
    await h.digest();
    expect(h.cards()).toHaveLength(2);
    expect(h.smtp.messages).toHaveLength(2);
  });
});
