// Queue admin endpoints (behind the same DEV_FUNCTION_KEY check as the rest of /admin):
//   GET  /admin/queues                    message counts per queue
//   GET  /admin/queues/<name>/deadletter  dead-lettered messages of an embedded queue
//   POST /admin/queues/<name>/messages    enqueue the JSON body (?scheduledEnqueueTimeUtc=ISO), 202
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendError, sendJson } from './http-io';
import type { QueueHub } from './queues';

/** Serves /admin/queues/...; `parts` are the decoded path segments after `queues`. Returns false if no route matched. */
export async function serveQueueAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  parts: string[],
  hub: QueueHub | undefined,
): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  const done = (send: () => void) => (send(), true);
  const notAllowed = (allow: string) =>
    done(() => sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, { allow }));
  const [name, sub, extra] = parts;
  if (!hub) return done(() => sendError(res, 404, 'not_found', 'No queues: this app has no Service Bus bindings'));
  if (parts.length === 0) {
    if (method !== 'GET') return notAllowed('GET');
    const stats = hub.stats();
    const realOnly = hub.triggers.filter((t) => t.mode === 'real' && !stats.some((s) => s.name === t.queueName));
    return done(() =>
      sendJson(res, 200, {
        queues: [...stats, ...realOnly.map((t) => ({ name: t.queueName, mode: 'real' as const }))],
      }),
    );
  }
  if (name !== undefined && sub === 'deadletter' && extra === undefined) {
    if (method !== 'GET') return notAllowed('GET');
    if (hub.modeOf(name) === 'real')
      return done(() =>
        sendError(
          res,
          400,
          'not_supported',
          `Queue ${name} is on real Service Bus: inspect its dead-letter queue there`,
        ),
      );
    const dead = hub.deadLetters(name);
    if (!dead) return done(() => sendError(res, 404, 'not_found', `No queue named ${name}`));
    return done(() => sendJson(res, 200, { queue: name, messages: dead }));
  }
  if (name !== undefined && sub === 'messages' && extra === undefined) {
    if (method !== 'POST') return notAllowed('POST');
    const at = url.searchParams.get('scheduledEnqueueTimeUtc');
    const scheduled = at ? new Date(at) : undefined;
    if (scheduled && Number.isNaN(scheduled.getTime()))
      return done(() =>
        sendError(res, 400, 'validation_failed', 'scheduledEnqueueTimeUtc: must be an ISO 8601 date-time'),
      );
    const body = await readJsonBody(req);
    if (!body.ok) return done(() => sendError(res, body.status, body.code, body.message));
    if (body.value === undefined)
      return done(() => sendError(res, 400, 'validation_failed', 'body: a JSON message body is required'));
    const messageId = randomUUID().replace(/-/g, '');
    await hub.send(name, hub.connectionOf(name), [
      {
        body: body.value,
        messageId,
        contentType: 'application/json',
        ...(scheduled ? { scheduledEnqueueTimeUtc: scheduled } : {}),
      },
    ]);
    return done(() =>
      sendJson(res, 202, {
        queue: name,
        messageId,
        ...(scheduled ? { scheduledEnqueueTimeUtc: scheduled.toISOString() } : {}),
      }),
    );
  }
  return false;
}
