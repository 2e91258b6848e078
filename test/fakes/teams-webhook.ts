// A loopback Power Automate Workflows webhook: records each posted body, answers 202, and can be scripted to
// answer 429/5xx (with Retry-After) for the next N posts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The Adaptive Card of a post, as far as tests read it. */
export interface PostedCard {
  type: string;
  version: string;
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: { type: string; title: string; url: string }[];
}

export interface TeamsPost {
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: { attachments?: { content?: PostedCard }[] } | string;
  status: number;
}

interface Scripted {
  status: number;
  retryAfter?: string;
  remaining: number;
}

export class FakeTeamsWebhook {
  readonly posts: TeamsPost[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly script: Scripted[] = [];
  private url = '';

  /** `url` looks like a Workflows trigger URL, signature included, so redaction can be tested. */
  async start(): Promise<{ url: string }> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: TeamsPost['body'] = raw;
        try {
          body = JSON.parse(raw) as TeamsPost['body'];
        } catch {
          /* keep raw */
        }
        const next = this.script[0];
        let status = 202;
        const headers: Record<string, string> = {};
        if (next) {
          status = next.status;
          if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
          if (--next.remaining <= 0) this.script.shift();
        }
        this.posts.push({ path: u.pathname, query: u.search, headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(status < 300 ? '' : JSON.stringify({ error: { code: 'TooManyRequests', message: 'Rate limit' } }));
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=1&sig=SeCrEtSiGnAtUrE123`;
    return { url: this.url };
  }

  /** The next `times` posts get `status` (and Retry-After when given). */
  failNext(status: number, times = 1, retryAfter?: string): void {
    this.script.push({ status, remaining: times, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  clearFaults(): void {
    this.script.length = 0;
  }

  /** Posts the webhook accepted (2xx). */
  accepted(): TeamsPost[] {
    return this.posts.filter((p) => p.status < 300);
  }

  /** The Adaptive Card of an accepted post. */
  static card(post: TeamsPost): PostedCard {
    const card = typeof post.body === 'string' ? undefined : post.body.attachments?.[0]?.content;
    if (!card) throw new Error('post carries no Adaptive Card');
    return card;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}
