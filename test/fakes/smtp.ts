// A real SMTP server (the smtp-server package) on loopback that keeps every delivered message in memory.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
}

export class FakeSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  /** Reply code for the next N messages (e.g. 451 transient, 550 permanent). */
  private rejections: { code: number; remaining: number }[] = [];

  async start(): Promise<{ host: string; port: number }> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const reject = this.rejections[0];
          if (reject) {
            if (--reject.remaining <= 0) this.rejections.shift();
            const err = Object.assign(new Error('Rejected by test'), { responseCode: reject.code });
            return callback(err);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            subject,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return { host: '127.0.0.1', port };
  }

  rejectNext(code: number, times = 1): void {
    this.rejections.push({ code, remaining: times });
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
