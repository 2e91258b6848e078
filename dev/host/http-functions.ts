// Serves HTTP triggers under /api: route templates, methods (405 with Allow), function keys, the 1 MiB body
// limit, then `new HttpRequest(...)` for the handler and its HttpResponse(Init) back onto the socket.
import type { HttpResponseInit } from '@azure/functions';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkFunctionKey, needsKey } from './auth';
import { BodyTooLargeError, readBody, sendError } from './http-io';
import type { FunctionsLib, Invoker } from './invoke';
import type { HostLog } from './log';
import type { HostFunction } from './registry';
import { compileRoute, matchRoute, type CompiledRoute } from './routes';

export interface HttpRoute {
  fn: HostFunction;
  route: CompiledRoute;
  /** Upper-case methods, or undefined for any method. */
  methods: string[] | undefined;
  authLevel: string;
}

/** Compiles each HTTP trigger's route; a function with a bad route is reported and left out. */
export function buildHttpRoutes(
  functions: HostFunction[],
  onFunctionError: (fn: HostFunction, err: unknown) => void = (_fn, err) => {
    throw err;
  },
): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const fn of functions) {
    const template = typeof fn.trigger['route'] === 'string' && fn.trigger['route'] ? fn.trigger['route'] : fn.name;
    const methods = Array.isArray(fn.trigger['methods'])
      ? (fn.trigger['methods'] as unknown[]).map((m) => String(m).toUpperCase())
      : undefined;
    const authLevel = typeof fn.trigger['authLevel'] === 'string' ? fn.trigger['authLevel'] : 'function';
    try {
      routes.push({ fn, route: compileRoute(template), methods: methods?.length ? methods : undefined, authLevel });
    } catch (err) {
      onFunctionError(fn, err);
    }
  }
  return routes.sort((a, b) => b.route.specificity - a.route.specificity);
}

const HTTP_REASON = 'This function was invoked by an HTTP request.';

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function cookieHeader(c: NonNullable<HttpResponseInit['cookies']>[number]): string {
  let s = `${c.name}=${c.value}`;
  if (c.domain) s += `; Domain=${c.domain}`;
  if (c.path) s += `; Path=${c.path}`;
  if (c.expires) s += `; Expires=${(typeof c.expires === 'number' ? new Date(c.expires) : c.expires).toUTCString()}`;
  if (c.maxAge !== undefined) s += `; Max-Age=${c.maxAge}`;
  if (c.secure) s += '; Secure';
  if (c.httpOnly) s += '; HttpOnly';
  if (c.sameSite) s += `; SameSite=${c.sameSite}`;
  return s;
}

export function createHttpFunctions(deps: {
  routes: HttpRoute[];
  lib: FunctionsLib;
  invoke: Invoker;
  log: HostLog;
  functionKey: () => string | undefined;
}) {
  const { lib } = deps;

  async function writeResponse(req: IncomingMessage, res: ServerResponse, result: unknown): Promise<void> {
    const response =
      result instanceof lib.HttpResponse
        ? result
        : new lib.HttpResponse(typeof result === 'object' && result !== null ? (result as HttpResponseInit) : {});
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    const cookies = response.cookies.map(cookieHeader);
    if (cookies.length) headers['set-cookie'] = cookies;
    res.writeHead(response.status, headers);
    if (!response.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }

  return async function serve(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const matches = deps.routes
      .map((r) => ({ r, params: matchRoute(r.route, path) }))
      .filter((m): m is { r: HttpRoute; params: Record<string, string> } => m.params !== undefined);
    if (matches.length === 0) return sendError(res, 404, 'not_found', `No function serves ${url.pathname}`);
    const hit = matches.find((m) => !m.r.methods || m.r.methods.includes(method));
    if (!hit) {
      const allow = [...new Set(matches.flatMap((m) => m.r.methods ?? []))].join(', ');
      return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, { allow });
    }
    const { r, params } = hit;
    if (needsKey(r.authLevel)) {
      const auth = checkFunctionKey(req, url, deps.functionKey());
      if (!auth.ok) return sendError(res, 401, 'unauthorized', auth.message);
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        return sendError(res, 413, 'payload_too_large', err.message, { connection: 'close' });
      throw err;
    }
    // The query is left to the URL, so repeated parameters (?a=1&a=2) survive in request.query.
    const request = new lib.HttpRequest({
      method,
      url: url.toString(),
      headers: headerRecord(req),
      params,
      ...(body.length > 0 ? { body: { bytes: body } } : {}),
    });
    let result: unknown;
    try {
      ({ result } = await deps.invoke(r.fn, request, { reason: HTTP_REASON }));
    } catch {
      // The invoker logged the (redacted) error; the caller gets no stack and no message from inside.
      return sendError(res, 500, 'internal', `Exception while executing function: ${r.fn.name}`);
    }
    try {
      await writeResponse(req, res, result);
    } catch (err) {
      deps.log.host('error', `${r.fn.name}: could not write the response: ${(err as Error).message}`);
      if (!res.headersSent) sendError(res, 500, 'internal', `Invalid response from function: ${r.fn.name}`);
      else res.destroy();
    }
  };
}
