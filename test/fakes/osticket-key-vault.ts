// A loopback fake of Key Vault's `GET /secrets/{name}/?api-version=…` with the challenge-based auth of the real
// service (first request without a token gets 401 + WWW-Authenticate), and an HttpClient that lets the real
// SecretClient (which refuses http://) talk to it: https://127.0.0.1:<port> is forwarded over plain http.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';

export const FAKE_TOKEN = 'fake-key-vault-token';

export class FakeKeyVault {
  readonly secrets = new Map<string, string>();
  readonly requests: { method: string; path: string; authorized: boolean }[] = [];
  /** Secret names whose reads fail with 500 (a broken vault for one target). */
  readonly failing = new Set<string>();
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<{ vaultUrl: string; httpClient: HttpClient; credential: TokenCredential }> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorized = req.headers.authorization === `Bearer ${FAKE_TOKEN}`;
      this.requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized });
      req.resume();
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!authorized)
        return json(
          401,
          { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer token.' } },
          {
            'WWW-Authenticate':
              'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
          },
        );
      const m = /^\/secrets\/([A-Za-z0-9-]+)\/?([A-Za-z0-9]*)$/.exec(url.pathname);
      if (req.method !== 'GET' || !m) return json(400, { error: { code: 'BadParameter', message: 'unsupported' } });
      const name = m[1]!;
      if (this.failing.has(name)) return json(500, { error: { code: 'InternalError', message: 'boom' } });
      const value = this.secrets.get(name);
      if (value === undefined)
        return json(404, {
          error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found.` },
        });
      json(200, {
        value,
        id: `https://127.0.0.1:${this.port}/secrets/${name}/0123456789abcdef`,
        attributes: { enabled: true, created: 1767225600, updated: 1767225600, recoveryLevel: 'Recoverable' },
        tags: {},
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return {
      vaultUrl: `https://127.0.0.1:${this.port}`,
      httpClient: loopbackHttpClient(),
      credential: staticCredential(),
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

export function staticCredential(token = FAKE_TOKEN): TokenCredential {
  return {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' }),
  };
}

/** Sends an SDK request for https://127.0.0.1:<port>/… over plain http to the same loopback port. */
export function loopbackHttpClient(): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const { createHttpHeaders } = await import('@azure/core-rest-pipeline');
      const url = new URL(request.url);
      if (url.hostname !== '127.0.0.1') throw new Error(`loopbackHttpClient refuses ${url.hostname}`);
      const body = typeof request.body === 'string' ? request.body : undefined;
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method: request.method,
            headers: Object.fromEntries(request.headers),
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const headers = createHttpHeaders();
              for (const [k, v] of Object.entries(res.headers))
                if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
              resolve({
                request,
                status: res.statusCode ?? 0,
                headers,
                bodyAsText: Buffer.concat(chunks).toString('utf8'),
              });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        if (body !== undefined) req.write(body);
        req.end();
      });
    },
  };
}
