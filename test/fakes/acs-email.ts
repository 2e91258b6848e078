// A loopback Azure Communication Services Email endpoint: POST /emails:send (202 + Operation-Location) and
// GET /emails/operations/{id} (Succeeded). Records each sent message and its HMAC authorization header.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface AcsSent {
  body: {
    recipients: { to: { address: string }[] };
    content: { subject: string; plainText?: string; html?: string };
  };
  authorization: string | undefined;
}

export class FakeAcsEmail {
  readonly sent: AcsSent[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private failures: { status: number; remaining: number }[] = [];
  /** Final operation status for the next sends. */
  finalStatus: 'Succeeded' | 'Failed' = 'Succeeded';
  /** Sends answered with a scripted failure status. */
  rejected = 0;
  /** `https://127.0.0.1:<port>` for token-credential clients (their httpClient sends plain http to the port). */
  httpsEndpoint = '';

  async start(): Promise<{ endpoint: string; connectionString: string }> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        // Bearer-token clients refuse plain http, so their operation URL is https too (sent over http by the test).
        const scheme = req.headers.authorization?.startsWith('Bearer ') ? 'https' : 'http';
        const base = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
        res.setHeader('content-type', 'application/json');
        if (req.method === 'POST' && url.pathname === '/emails:send') {
          const fail = this.failures[0];
          if (fail) {
            this.rejected++;
            if (--fail.remaining <= 0) this.failures.shift();
            res.writeHead(fail.status, { 'retry-after': '0' });
            return res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
          }
          const id = `op-${this.sent.length + 1}`;
          this.sent.push({
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as AcsSent['body'],
            authorization: req.headers.authorization,
          });
          res.writeHead(202, {
            'operation-location': `${base}/emails/operations/${id}?api-version=${url.searchParams.get('api-version') ?? ''}`,
            'retry-after': '0',
          });
          return res.end(JSON.stringify({ id, status: 'Running' }));
        }
        const op = /^\/emails\/operations\/([\w-]+)$/.exec(url.pathname);
        if (req.method === 'GET' && op) {
          res.writeHead(200);
          const failed = this.finalStatus === 'Failed';
          return res.end(
            JSON.stringify({
              id: op[1],
              status: this.finalStatus,
              ...(failed ? { error: { code: 'Bad', message: 'rejected' } } : {}),
            }),
          );
        }
        res.writeHead(404);
        res.end(JSON.stringify({ error: { code: 'NotFound', message: 'no route' } }));
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.httpsEndpoint = endpoint.replace('http:', 'https:');
    const key = Buffer.from('fake-acs-access-key-for-tests').toString('base64');
    return { endpoint, connectionString: `endpoint=${endpoint}/;accesskey=${key}` };
  }

  failNext(status: number, times = 1): void {
    this.failures.push({ status, remaining: times });
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
