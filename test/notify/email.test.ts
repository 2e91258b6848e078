import { ConfigError, UpstreamError } from '../../shared/errors';
import { renderAlertEmail, renderDigestEmail } from '../../shared/notify/email-message';
import {
  createAcsSender,
  createSmtpSender,
  emailSenderFromSettings,
  parseRecipients,
} from '../../shared/notify/email-sender';
import { readSettings } from '../../shared/config/settings';
import { FakeAcsEmail } from '../fakes/acs-email';
import { loopbackHttpClient, staticCredential } from '../fakes/osticket-key-vault';
import { FakeSmtpServer } from '../fakes/smtp';
import { alertMessage, digestMessage } from './message-fixtures';

const noWait = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxTotalDelayMs: 50 };

describe('e-mail bodies', () => {
  it('renders plain text and HTML with every user value escaped', () => {
    const mail = renderAlertEmail(alertMessage({ kind: 'breached', level: 1, businessMinutesLeft: -61 }));
    expect(mail.subject).toContain('[SLA Breached] #100042 Down **now**');
    expect(mail.text).toContain('Due: 2026-12-04 22:00 CET (Europe/Berlin)');
    expect(mail.text).toContain('Overdue: 1 h 01 min overdue (business time)');
    expect(mail.text).toContain('Acknowledge: https://ops.example.com/api/sla/ack?token=abc.def');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('Jane &lt;jane@example.com&gt;');
    expect(mail.html).toContain('<a href="https://help.example.com/scp/tickets.php?id=42">Open the ticket</a>');
  });

  it('names the first-response clock in the subject and heading', () => {
    const mail = renderAlertEmail(alertMessage({ kind: 'warning', clock: 'firstResponse' }));
    expect(mail.subject).toMatch(/^\[SLA Warning: SLA at risk \(first response\)\] #100042 /);
    expect(mail.text.split('\n')[0]).toBe('Warning: SLA at risk (first response)');
    expect(mail.html).toContain('<h2>Warning: SLA at risk (first response)</h2>');
  });

  it('keeps the subject on one line (no header injection)', () => {
    const mail = renderAlertEmail(
      alertMessage({ ticket: { ...alertMessage().ticket, subject: 'x\r\nBcc: evil@example.com' } }),
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('renders the digest with the met percentage', () => {
    const mail = renderDigestEmail(digestMessage());
    expect(mail.text).toContain('75.0% of 4 ticket(s) closed yesterday met their SLA.');
    expect(mail.html).not.toContain('<img');
  });
});

describe('SMTP sender (real smtp-server on loopback)', () => {
  const smtp = new FakeSmtpServer();
  let port = 0;
  beforeAll(async () => ({ port } = await smtp.start()));
  afterAll(() => smtp.stop());
  beforeEach(() => (smtp.messages.length = 0));

  const sender = () =>
    createSmtpSender({
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'sla@example.com',
      insecure: true,
      retry: noWait,
    });

  it('delivers one message with plain-text and HTML parts', async () => {
    const s = sender();
    await s.send(['ops@example.com', 'lead@example.com'], renderAlertEmail(alertMessage()));
    await s.close();
    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0]!;
    expect(m.to).toEqual(['ops@example.com', 'lead@example.com']);
    expect(m.from).toBe('sla@example.com');
    expect(m.raw).toContain('text/plain');
    expect(m.raw).toContain('text/html');
  });

  it('retries a transient 4xx and gives up at once on a permanent 5xx', async () => {
    const s = sender();
    smtp.rejectNext(451, 1);
    await s.send(['ops@example.com'], renderAlertEmail(alertMessage()));
    expect(smtp.messages).toHaveLength(1);
    smtp.rejectNext(550, 5);
    const err = await s.send(['ops@example.com'], renderAlertEmail(alertMessage())).catch((e: unknown) => e);
    await s.close();
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).status).toBe(550);
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('ACS e-mail sender (real SDK against a loopback fake)', () => {
  const acs = new FakeAcsEmail();
  let connectionString = '';
  beforeAll(async () => ({ connectionString } = await acs.start()));
  afterAll(() => acs.stop());

  it('sends with HMAC auth and waits for the operation to succeed', async () => {
    const s = createAcsSender({
      connectionString,
      from: 'DoNotReply@example.com',
      allowInsecureConnection: true,
      pollIntervalMs: 1,
    });
    await s.send(['ops@example.com'], renderAlertEmail(alertMessage()));
    expect(acs.sent).toHaveLength(1);
    expect(acs.sent[0]!.authorization).toMatch(/^HMAC-SHA256 /);
    expect(acs.sent[0]!.body.recipients.to).toEqual([{ address: 'ops@example.com' }]);
    expect(acs.sent[0]!.body.content.html).toContain('&lt;img');
  });

  it('rides out a 429 through the SDK retry policy and sends once', async () => {
    const before = acs.sent.length;
    acs.failNext(429, 1);
    const s = createAcsSender({
      connectionString,
      from: 'DoNotReply@example.com',
      allowInsecureConnection: true,
      pollIntervalMs: 1,
    });
    await s.send(['ops@example.com'], renderAlertEmail(alertMessage()));
    expect(acs.sent).toHaveLength(before + 1);
    expect(acs.rejected).toBe(1);
  });

  it('authenticates with a token credential (managed identity) when given an endpoint', async () => {
    const before = acs.sent.length;
    const s = createAcsSender({
      endpoint: acs.httpsEndpoint,
      credential: staticCredential('acs-managed-identity-token'),
      httpClient: loopbackHttpClient(),
      from: 'DoNotReply@example.com',
      pollIntervalMs: 1,
    });
    await s.send(['ops@example.com'], renderAlertEmail(alertMessage()));
    expect(acs.sent).toHaveLength(before + 1);
    expect(acs.sent[before]!.authorization).toBe('Bearer acs-managed-identity-token');
  });

  it('reports a failed operation as an UpstreamError', async () => {
    acs.finalStatus = 'Failed';
    const s = createAcsSender({
      connectionString,
      from: 'DoNotReply@example.com',
      allowInsecureConnection: true,
      pollIntervalMs: 1,
    });
    await expect(s.send(['ops@example.com'], renderAlertEmail(alertMessage()))).rejects.toThrow(UpstreamError);
    acs.finalStatus = 'Succeeded';
  });
});

describe('emailSenderFromSettings', () => {
  it('is undefined for EMAIL_PROVIDER=none and names missing settings otherwise', () => {
    expect(emailSenderFromSettings(readSettings('email', {}))).toBeUndefined();
    expect(() =>
      emailSenderFromSettings(readSettings('email', { EMAIL_PROVIDER: 'smtp', EMAIL_FROM: 'a@b.c' })),
    ).toThrow(/SMTP_HOST/);
    expect(() =>
      emailSenderFromSettings(readSettings('email', { EMAIL_PROVIDER: 'acs', EMAIL_FROM: 'a@b.c' })),
    ).toThrow(ConfigError);
    expect(() => emailSenderFromSettings(readSettings('email', { EMAIL_PROVIDER: 'smtp' }))).toThrow(/EMAIL_FROM/);
    expect(
      emailSenderFromSettings(
        readSettings('email', { EMAIL_PROVIDER: 'smtp', EMAIL_FROM: 'a@b.c', SMTP_HOST: 'relay' }),
      )?.provider,
    ).toBe('smtp');
  });

  it('parses recipient lists and drops junk', () => {
    expect(parseRecipients('a@example.com; b@example.com,not-an-address, ')).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect(parseRecipients(undefined)).toEqual([]);
  });
});
