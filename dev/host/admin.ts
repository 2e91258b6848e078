// Admin endpoints, protected by DEV_FUNCTION_KEY like Core Tools' master key:
//   GET  /admin/host/status, GET /admin/functions
//   POST /admin/functions/<name>   run a non-HTTP function now (body {"input": "..."}), 202
//   /admin/queues/...              see admin-queues.ts
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveQueueAdmin } from './admin-queues';
import { checkFunctionKey } from './auth';
import { readJsonBody, sendError, sendJson } from './http-io';
import { describeError, type Invoker } from './invoke';
import type { HostLog } from './log';
import { messageInput, triggerMetadata, type QueueHub } from './queues';
import type { HostFunction } from './registry';
import type { Timers } from './timers';

export interface AdminDeps {
  functions: HostFunction[];
  invoke: Invoker;
  timers: () => Timers | undefined;
  queues: () => QueueHub | undefined;
  log: HostLog;
  functionKey: () => string | undefined;
}

export function createAdmin(deps: AdminDeps) {
  const byName = new Map(deps.functions.map((f) => [f.name.toLowerCase(), f]));

  function runInBackground(
    fn: HostFunction,
    input: string | undefined,
  ): { status: number; code?: string; message?: string } {
    if (fn.kind === 'http')
      return { status: 400, code: 'validation_failed', message: `${fn.name} is an HTTP function: call its route` };
    const reason = 'This function was programmatically called via the host APIs.';
    if (fn.kind === 'timer') {
      const timer = deps.timers()?.timers.find((t) => t.name === fn.name);
      if (!timer) return { status: 409, code: 'conflict', message: `Timer ${fn.name} is not running` };
      let override: Record<string, unknown> = {};
      if (input) {
        const parsed = messageInput(input);
        if (typeof parsed === 'object' && parsed !== null) override = parsed as Record<string, unknown>;
      }
      const { started } = timer.run(reason, override);
      return started
        ? { status: 202 }
        : { status: 409, code: 'conflict', message: `Timer ${fn.name} is already running` };
    }
    const now = new Date();
    const metadata =
      fn.kind === 'serviceBus'
        ? triggerMetadata({
            messageId: randomUUID().replace(/-/g, ''),
            body: input,
            contentType: undefined,
            applicationProperties: {},
            sequenceNumber: 0,
            enqueuedTimeUtc: now,
            scheduledEnqueueTimeUtc: undefined,
            deliveryCount: 1,
          })
        : {};
    deps
      .invoke(fn, messageInput(input ?? ''), { reason, triggerMetadata: metadata })
      .catch((err: unknown) => deps.log.host('warning', `${fn.name}: admin run failed: ${describeError(err)}`));
    return { status: 202 };
  }

  return async function serve(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const auth = checkFunctionKey(req, url, deps.functionKey());
    if (!auth.ok) return sendError(res, 401, 'unauthorized', auth.message);
    const method = (req.method ?? 'GET').toUpperCase();
    let parts: string[];
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return sendError(res, 400, 'bad_request', 'Invalid percent-encoding in the path');
    }
    const [area, name] = parts;
    const notAllowed = (allow: string) =>
      sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, { allow });

    if (area === 'host' && name === 'status' && parts.length === 2) {
      if (method !== 'GET') return notAllowed('GET');
      return sendJson(res, 200, { state: 'Running', functions: deps.functions.map((f) => f.name) });
    }
    if (area === 'functions' && parts.length === 1) {
      if (method !== 'GET') return notAllowed('GET');
      return sendJson(res, 200, { functions: deps.functions.map((f) => ({ name: f.name, trigger: f.trigger.type })) });
    }
    if (area === 'functions' && name !== undefined && parts.length === 2) {
      if (method !== 'POST') return notAllowed('POST');
      const fn = byName.get(name.toLowerCase());
      if (!fn) return sendError(res, 404, 'not_found', `No function named ${name}`);
      const body = await readJsonBody(req);
      if (!body.ok) return sendError(res, body.status, body.code, body.message);
      const rawInput = (body.value as { input?: unknown } | undefined)?.input;
      if (
        body.value !== undefined &&
        (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
      )
        return sendError(res, 400, 'validation_failed', 'body: must be an object like {"input": "..."}');
      if (rawInput !== undefined && rawInput !== null && typeof rawInput !== 'string' && typeof rawInput !== 'object')
        return sendError(res, 400, 'validation_failed', 'input: must be a string or an object');
      const input =
        rawInput === undefined || rawInput === null
          ? undefined
          : typeof rawInput === 'string'
            ? rawInput
            : JSON.stringify(rawInput);
      const outcome = runInBackground(fn, input);
      if (outcome.status !== 202) return sendError(res, outcome.status, outcome.code!, outcome.message!);
      res.writeHead(202).end();
      return;
    }
    if (area === 'queues') {
      const handled = await serveQueueAdmin(req, res, url, parts.slice(1), deps.queues());
      if (handled) return;
    }
    return sendError(res, 404, 'not_found', `No admin endpoint ${url.pathname}`);
  };
}
