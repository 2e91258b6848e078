// The SLA watch end to end: fake osTicket + Azurite + loopback Teams webhook + real SMTP server.
import { UpstreamError } from '../../../shared/errors';
import { environmentRepository } from '../../../shared/environments/environment-record';
import { FakeKeyVault } from '../../fakes/osticket-key-vault';
import { FakeOsTicketServer } from '../../fakes/osticket-server';
import { cardProblems } from '../../notify/validate-card';
import { SlaWatchHarness, T0, cardSummary } from './sla-watch-harness';
import { watchSourceFromClient } from '../../../shared/sla/watch/osticket-source';
import { createOsTicketClient } from '../../../shared/osticket/client';
import { silentLogger } from '../../../shared/logging/logger';

describe('SLA watch end to end', () => {
  const h = new SlaWatchHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  describe('one Sev-A ticket through warning, breach and acknowledgement', () => {
    let ticketId = 0;
    beforeAll(() => {
      ticketId = h.seedSevA('Online banking **down** <script>x</script>').id;
    });

    it('50 minutes old: one warning card and one e-mail', async () => {
      h.at(50);
      await h.sweep();
      const cards = h.cards();
      expect(cards).toHaveLength(1);
      expect(h.smtp.messages).toHaveLength(1);
      expect(cardProblems(cards[0])).toEqual([]);
      const card = cardSummary(cards[0]);
      expect(card.state).toBe('Warning: SLA at risk');
      expect(card.facts).toMatchObject({
        Department: 'System Administrators',
        'SLA plan': 'Sev\\-A',
        Assignee: 'Unassigned',
      });
      expect(card.facts['Due']).toBe('2026\\-12\\-04 21:00 UTC \\(UTC\\)');
      expect(card.facts['Remaining']).toBe('10 min left \\(business time\\)');
      expect(cards[0]!.actions![0]!.url).toBe(`${h.env['OSTICKET_URL']}/scp/tickets.php?id=${ticketId}`);
      expect(card.ackUrl).toMatch(/^https:\/\/ops\.example\.com\/api\/sla\/ack\?token=[\w-]+\.[\w-]+$/);
      expect(h.smtp.messages[0]!.to).toEqual(['sysadmins@example.com']);
      expect(h.smtp.messages[0]!.subject).toContain('[SLA Warning: SLA at risk]');
      const html = h.smtp.messages[0]!.raw.replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=')
        .split('text/html')[1]!;
      expect(html).toContain('Online banking **down** &lt;script&gt;x&lt;/script&gt;');
      expect(html).not.toContain('<script>');
      expect(h.logs.text()).toMatch(
        /sla-watch tutorial: evaluated=1 ok=0 warning=1 breached=0 escalated=0 skipped=0 alertsSent=2 alertsFailed=0/,
      );
    });

    it('61 minutes old: a breach alert', async () => {
      h.at(61);
      await h.sweep();
      expect(h.cards()).toHaveLength(2);
      expect(h.smtp.messages).toHaveLength(2);
      expect(cardSummary(h.cards()[1]).state).toBe('Breached');
      expect(cardSummary(h.cards()[1]).facts['Overdue']).toBe('1 min overdue \\(business time\\)');
    });

    it('a second sweep sends nothing new', async () => {
      await h.sweep();
      h.at(62);
      await h.sweep();
      expect(h.cards()).toHaveLength(2);
      expect(h.smtp.messages).toHaveLength(2);
    });

    it('after an acknowledgement, no escalation is sent', async () => {
      const ackUrl = cardSummary(h.cards()[1]).ackUrl!;
      const confirm = await h.ack('GET', ackUrl);
      expect(confirm.status).toBe(200);
      expect(confirm.body as string).toContain('<form method="post">');
      const number = h.osticket.state.tickets.get(ticketId)!.number;
      expect(confirm.body as string).toContain(`Acknowledge ticket #${number} on tutorial (resolution, due`);
      const services = h.services();
      const due = new Date(Date.parse(T0) + 3_600_000);
      expect(await services.ledger.findAck('tutorial', ticketId, 'resolution', due)).toBeUndefined();
      const done = await h.ack('POST', ackUrl, 'by=Jane%20%3Cb%3E');
      expect(done.status).toBe(200);
      expect(done.body as string).toContain('acknowledged by Jane &lt;b&gt;');
      expect(await services.ledger.findAck('tutorial', ticketId, 'resolution', due)).toMatchObject({
        by: 'Jane <b>',
        via: 'teams:TEAMS_WEBHOOK_URL',
        acknowledgedAt: h.now.toISOString(),
      });
      h.at(125); // 65 business minutes after the breach: escalation level 2 would fire
      await h.sweep();
      expect(h.cards()).toHaveLength(2);
      expect(h.smtp.messages).toHaveLength(2);
    });

    it('closing the breached ticket sends one "resolved after breach" note', async () => {
      h.osticket.state.updateTicket(ticketId, { statusId: 3 });
      h.at(130);
      await h.sweep();
      expect(h.cards()).toHaveLength(3);
      expect(cardSummary(h.cards()[2]).state).toBe('Resolved after breach');
      expect(cardSummary(h.cards()[2]).ackUrl).toBeUndefined();
      expect(cardProblems(h.cards()[2])).toEqual([]);
      await h.sweep();
      expect(h.cards()).toHaveLength(3);
      expect(h.smtp.messages).toHaveLength(3);
      expect(h.smtp.messages[2]!.subject).toContain('[SLA Resolved after breach]');
    });
  });

  describe('escalation, concurrency and faults', () => {
    beforeEach(() => {
      h.teams.clearFaults();
      h.osticket.clearFaults();
    });
    const at = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();

    it('escalates an unacknowledged breach to level 2 (a late first sweep sends breach and escalation once)', async () => {
      h.at(300);
      const t = h.seedSevA('Core switch down', at(175));
      await h.sweep();
      expect(h.cardsFor(t.number).map((c) => cardSummary(c).state)).toEqual(['Breached', 'Escalated \\(level 2\\)']);
      expect(h.mailsFor(t.number)).toHaveLength(2);
      await h.sweep();
      expect(h.cardsFor(t.number)).toHaveLength(2);
    });

    it('two concurrent sweeps send exactly one alert', async () => {
      h.at(400);
      const t = h.seedSevA('VPN down', at(350));
      await Promise.all([h.sweep(), h.sweep()]);
      expect(h.cardsFor(t.number)).toHaveLength(1);
      expect(h.mailsFor(t.number)).toHaveLength(1);
      expect(cardSummary(h.cardsFor(t.number)[0]).state).toBe('Warning: SLA at risk');
    });

    it('a Teams 429 storm: bounded retries, e-mail still goes, cards stay pending for the next sweep', async () => {
      h.at(500);
      const t = h.seedSevA('Mail down', at(450));
      const t2 = h.seedSevA('Calendar down', at(450));
      h.teams.posts.length = 0;
      h.teams.failNext(429, 1000, '0');
      await h.sweep();
      // 3 attempts for the first card; the channel is then left alone for the rest of this sweep.
      expect(h.teams.posts).toHaveLength(3);
      expect(h.teams.posts.every((p) => p.status === 429)).toBe(true);
      expect(h.mailsFor(t.number)).toHaveLength(1);
      expect(h.mailsFor(t2.number)).toHaveLength(1);
      expect(h.logs.text()).toMatch(
        /failed, pending for the next sweep: gave up after 3 attempt\(s\): Teams webhook answered 429/,
      );
      expect(h.logs.text()).toMatch(/alertsFailed=1 alertsDeferred=[1-9]/);
      expect(h.logs.text()).not.toContain('SeCrEtSiGnAtUrE123');
      const rows = await h.services().ledger.listForTarget('tutorial');
      // One alert was claimed and failed (pending for the next sweep); the deferred ones were never claimed.
      const failed = rows.filter((r) => r.channelId.startsWith('teams') && r.state !== 'sent');
      expect(failed).toEqual([expect.objectContaining({ state: 'failed', attempts: 1 })]);
      expect(
        rows.filter((r) => [t.id, t2.id].includes(r.ticketId) && r.channelId.startsWith('teams') && r.state === 'sent'),
      ).toEqual([]);
      h.teams.clearFaults();
      await h.sweep();
      expect(h.cardsFor(t.number)).toHaveLength(1);
      expect(h.cardsFor(t2.number)).toHaveLength(1);
      expect(h.mailsFor(t.number)).toHaveLength(1);
      expect(h.mailsFor(t2.number)).toHaveLength(1);
    });

    it('osTicket down: the sweep fails loudly, sends nothing and writes no ledger entry', async () => {
      h.at(600);
      const t = h.seedSevA('Printer on fire', at(550));
      const ledgerBefore = await h.services().ledger.listForTarget('tutorial');
      const posts = h.teams.posts.length;
      const mails = h.smtp.messages.length;
      h.osticket.failNext('ops/tickets', 503, undefined, { times: 5 });
      await expect(h.sweep()).rejects.toThrow(UpstreamError);
      expect(h.teams.posts.length).toBe(posts);
      expect(h.smtp.messages.length).toBe(mails);
      expect(await h.services().ledger.listForTarget('tutorial')).toEqual(ledgerBefore);
      expect(h.logs.text()).toMatch(/sla-watch tutorial: sweep failed/);
      h.osticket.clearFaults();
      await h.sweep();
      expect(h.cardsFor(t.number)).toHaveLength(1);
    });

    it('one target down never blocks another; the sweep still throws for the retry', async () => {
      const other = new FakeOsTicketServer({ clock: () => h.now });
      const { url } = await other.start();
      try {
        const dept = other.seedDepartment({ name: 'System Administrators' });
        const sla = other.seedSla({ name: 'Sev-A', graceHours: 1, scheduleId: 2 });
        h.at(700);
        const t = other.seedTicket({ number: '777001', createdAt: at(650), deptId: dept.id, slaId: sla.id });
        const source = (base: string, key: string) =>
          watchSourceFromClient(
            createOsTicketClient({
              baseUrl: base,
              opsKey: key,
              apiStyle: 'rewrite',
              timeoutMs: 2000,
              logger: silentLogger,
              retry: { retries: 0 },
            }),
          );
        h.osticket.failNext('ops/tickets', 500, undefined, { times: 5 });
        const targets = () =>
          Promise.resolve({
            targets: [
              {
                name: 'down',
                staffUrl: `${h.env['OSTICKET_URL']}/scp`,
                source: source(h.env['OSTICKET_URL']!, h.osticket.readOnlyKey),
              },
              { name: 'healthy', staffUrl: `${url}/scp`, source: source(url, other.readOnlyKey) },
            ],
            errors: [],
          });
        await expect(h.sweep({ targets })).rejects.toThrow(/down/);
        expect(h.cardsFor(t.number)).toHaveLength(1);
        expect(cardSummary(h.cardsFor(t.number)[0]).facts['Help desk']).toBe('healthy');
      } finally {
        await other.stop();
      }
    });

    it('a ticket that fails the contract is skipped with a warning naming it; the others are evaluated', async () => {
      h.at(800);
      const good = h.seedSevA('Disk full', at(750));
      const bad = h.seedSevA('Broken record', at(750));
      h.osticket.state.tickets.delete(bad.id);
      const open = [...h.osticket.state.tickets.values()].filter((t) => t.status.state === 'open');
      // The fake validates what it serves, so the drifted record is injected as a one-off page.
      h.osticket.failNext({ method: 'GET', route: 'ops/tickets' }, 200, {
        items: [...open, { ...bad, createdAt: 'yesterday-ish' }],
        next: null,
      });
      await h.sweep();
      expect(h.logs.text()).toContain(`skipped ticket #${bad.number}: fails the contract`);
      expect(h.logs.text()).toContain('createdAt');
      expect(h.cardsFor(good.number)).toHaveLength(1);
      expect(h.cardsFor(bad.number)).toHaveLength(0);
    });

    it('forged, expired or tampered ack tokens give 401 and change nothing', async () => {
      h.at(815);
      const t = h.seedSevA('Ack target', at(760));
      await h.sweep();
      const url = cardSummary(h.cardsFor(t.number)[0]).ackUrl!;
      const services = h.services();
      const due = new Date(Date.parse(at(820)));
      const base = 'https://ops.example.com/api/sla/ack?token=';
      const tampered = url.replace(/token=(\w)/, (_m, c: string) => `token=${c === 'A' ? 'B' : 'A'}`);
      for (const bad of [`${base}forged.token`, base, `${base}${'a'.repeat(40)}.${'b'.repeat(43)}`, tampered]) {
        expect((await h.ack('POST', bad, '')).status).toBe(401);
        expect((await h.ack('GET', bad)).status).toBe(401);
      }
      // In a browser the 401 is a page that says nothing was changed, and never echoes the token.
      const page = await h.ack('GET', `${base}forged.token`, undefined, 'text/html,application/xhtml+xml');
      expect(page.status).toBe(401);
      expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
      const html = page.body as string;
      expect(html).toContain('Nothing was changed');
      expect(html).not.toContain('forged.token');
      const saved = h.now;
      h.now = new Date(h.now.getTime() + 73 * 3_600_000);
      expect((await h.ack('POST', url, 'by=late')).status).toBe(401);
      h.now = saved;
      expect(await services.ledger.findAck('tutorial', t.id, 'resolution', due)).toBeUndefined();
      // the genuine token still works
      expect((await h.ack('POST', url, '')).status).toBe(200);
      expect(await services.ledger.findAck('tutorial', t.id, 'resolution', due)).toBeDefined();
    });

    it('GET /api/sla/status lists the at-risk and breached tickets, most urgent first', async () => {
      h.at(820);
      const res = await h.status();
      expect(res.status).toBe(200);
      const body = (res as { jsonBody?: unknown }).jsonBody as {
        items: { state: string; number: string; businessMinutesLeft: number; acknowledged: unknown }[];
        errors: unknown[];
      };
      expect(body.errors).toEqual([]);
      expect(body.items.length).toBeGreaterThan(3);
      const lefts = body.items.map((i) => i.businessMinutesLeft);
      expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
      expect(body.items.every((i) => i.state !== 'ok')).toBe(true);
      expect(body.items.some((i) => i.acknowledged !== null)).toBe(true);
      expect(JSON.stringify(body)).not.toContain(h.osticket.readOnlyKey);
    });

    it('a changed due date (an agent moves it) is a new alert key: the ticket is warned again', async () => {
      h.at(1000);
      const t = h.seedSevA('Backup job failing', at(950)); // due at 1010: warning
      await h.sweep();
      expect(h.cardsFor(t.number).map((c) => cardSummary(c).state)).toEqual(['Warning: SLA at risk']);
      h.osticket.state.updateTicket(t.id, { dueDate: at(1060) }); // a manual due date wins over est_duedate
      h.at(1015); // breached on the old due date, but only 45 minutes left on the new one
      await h.sweep();
      expect(h.cardsFor(t.number)).toHaveLength(1);
      h.at(1050); // 10 minutes left on the new due date
      await h.sweep();
      const cards = h.cardsFor(t.number).map((c) => cardSummary(c));
      expect(cards.map((c) => c.state)).toEqual(['Warning: SLA at risk', 'Warning: SLA at risk']);
      expect(cards[0]!.facts['Due']).toBe('2026\\-12\\-05 12:50 UTC \\(UTC\\)');
      expect(cards[1]!.facts['Due']).toBe('2026\\-12\\-05 13:40 UTC \\(UTC\\)');
    });

    it('sends no "resolved after breach" note when SLA_NOTIFY_RESOLVED is false, and forgets the breach', async () => {
      h.at(1200);
      const t = h.seedSevA('Wi-Fi down on floor 3', at(1130)); // due at 1190: breached
      await h.sweep();
      expect(h.cardsFor(t.number).map((c) => cardSummary(c).state)).toEqual(['Breached']);
      expect((await h.services().ledger.listBreached('tutorial')).map((m) => m.ticketId)).toContain(t.id);
      h.osticket.state.updateTicket(t.id, { statusId: 3 });
      h.at(1205);
      await h.sweep({ env: { ...h.env, SLA_NOTIFY_RESOLVED: 'false' } });
      expect(h.cardsFor(t.number)).toHaveLength(1);
      expect(h.mailsFor(t.number)).toHaveLength(1);
      expect((await h.services().ledger.listBreached('tutorial')).map((m) => m.ticketId)).not.toContain(t.id);
    });

    it("sends an escalation level to the escalation's own recipients, not to the routes", async () => {
      h.at(1300);
      const t = h.seedSevA('Storage array degraded', at(1170)); // due at 1230: 70 business minutes overdue
      const env = {
        ...h.env,
        SLA_POLICY: JSON.stringify({
          plans: { 'Sev-A': { escalations: [{ level: 2, afterBreachMinutes: 60, emails: ['it-lead@example.com'] }] } },
          fallback: { teamsWebhookSetting: 'TEAMS_WEBHOOK_URL', emailsSetting: 'EMAIL_TO' },
        }),
      };
      await h.sweep({ env });
      const mails = h.mailsFor(t.number);
      expect(mails.map((m) => [m.to, m.subject.replace(/\].*/, ']')])).toEqual([
        [['sysadmins@example.com'], '[SLA Breached]'],
        [['it-lead@example.com'], '[SLA Escalated (level 2)]'],
      ]);
      // The escalation names only e-mail recipients: no escalation card goes to the routes' Teams webhook.
      expect(h.cardsFor(t.number).map((c) => cardSummary(c).state)).toEqual(['Breached']);
      await h.sweep({ env });
      expect(h.mailsFor(t.number)).toHaveLength(2);
    });

    it('sweeps every Ready environment with keys from Key Vault; a target that cannot be resolved blocks no other', async () => {
      const staging = new FakeOsTicketServer({ clock: () => h.now });
      const vault = new FakeKeyVault();
      const [{ url }, kv] = await Promise.all([staging.start(), vault.start()]);
      const repo = environmentRepository(h.tables);
      const environment = (name: string, osTicketUrl: string) => ({
        name,
        status: 'Ready' as const,
        osTicketUrl,
        apiStyle: 'rewrite' as const,
        keyVaultSecretNames: { opsKey: `${name}-ops-key` },
        createdAt: at(0),
        updatedAt: at(0),
      });
      try {
        h.at(1400);
        const dept = staging.seedDepartment({ name: 'System Administrators' });
        const sla = staging.seedSla({ name: 'Sev-A', graceHours: 1, scheduleId: 2 });
        const t = staging.seedTicket({ number: '880001', createdAt: at(1350), deptId: dept.id, slaId: sla.id });
        const mine = h.seedSevA('Tutorial ticket', at(1350));
        await repo.upsert('environment', 'staging', environment('staging', url));
        await repo.upsert('environment', 'broken', environment('broken', 'https://broken.example.com'));
        vault.secrets.set('staging-ops-key', staging.readOnlyKey); // broken's secret is missing
        await expect(
          h.sweep({
            env: { ...h.env, KEY_VAULT_URL: kv.vaultUrl },
            keyVault: {
              credential: kv.credential,
              httpClient: kv.httpClient,
              disableChallengeResourceVerification: true,
            },
          }),
        ).rejects.toThrow(/broken/);
        const card = cardSummary(h.cardsFor(t.number)[0]);
        expect(card.facts['Help desk']).toBe('staging');
        expect(h.cardsFor(t.number)[0]!.actions![0]!.url).toBe(`${url}/scp/tickets.php?id=${t.id}`);
        expect(cardSummary(h.cardsFor(mine.number)[0]).facts['Help desk']).toBe('tutorial');
        expect(h.logs.text()).toMatch(/sla-watch broken: sweep failed: Key Vault secret broken-ops-key/);
      } finally {
        await repo.delete('environment', 'staging');
        await repo.delete('environment', 'broken');
        await Promise.all([staging.stop(), vault.stop()]);
      }
    });
  });
});
