// The host's HTTP listener: /<routePrefix>/... goes to HTTP triggers, /admin/... to the admin endpoints;
// anything else is a 404. Every error body is JSON {"error":{"code","message"}}.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendError } from './http-io';
import type { HostLog } from './log';

export type PathHandler = (req: IncomingMessage, res: ServerResponse, url: URL, path: string) => Promise<void>;

export interface HostServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(deps: {
  port: number;
  routePrefix: string;
  functions: PathHandler;
  admin: PathHandler;
  log: HostLog;
}): Promise<HostServer> {
  const prefix = deps.routePrefix.replace(/^\/+|\/+$/g, '');
  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    } catch {
      return sendError(res, 400, 'bad_request', 'Invalid request URL');
    }
    const path = url.pathname;
    const under = (p: string) =>
      p === '' ? path : path === `/${p}` || path.startsWith(`/${p}/`) ? path.slice(p.length + 1) : undefined;
    const adminPath = under('admin');
    const apiPath = under(prefix);
    const handle =
      adminPath !== undefined
        ? deps.admin(req, res, url, adminPath)
        : apiPath !== undefined
          ? deps.functions(req, res, url, apiPath)
          : undefined;
    if (!handle) return sendError(res, 404, 'not_found', `Nothing is served at ${path}`);
    handle.catch((err: unknown) => {
      deps.log.host(
        'error',
        `Unhandled error serving ${req.method} ${path}: ${(err as Error)?.message ?? String(err)}`,
      );
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal host error');
      else res.destroy();
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Give in-flight responses a moment, then drop whatever is left so shutdown never hangs.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 2000).unref();
      }),
  };
}
