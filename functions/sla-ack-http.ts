// GET|POST /api/sla/ack?token=… (anonymous; the signed, expiring token is the credential). GET only checks the
// token and shows a confirmation form, so link scanners cannot acknowledge; POST records the acknowledgement.
// A forged, expired or tampered token gives 401 and changes nothing.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { UnauthorizedError } from '../shared/errors';
import { httpHandler } from '../shared/http/handler';
import { readText } from '../shared/http/request';
import type { SlaWatchOverrides } from '../shared/sla/watch/compose';
import { ackConfirmPage, ackDonePage, ackRejectedPage } from '../shared/sla/watch/ack-page';

export function makeSlaAckHandler(overrides: () => SlaWatchOverrides = () => ({})) {
  return httpHandler(async (req: HttpRequest, context: InvocationContext) => {
    const { createSlaWatchServices } = await import('../shared/sla/watch/compose');
    const services = createSlaWatchServices(context, overrides());
    try {
      if (req.method === 'GET') return ackConfirmPage(services.inspectAck(req.query.get('token') ?? undefined));
      const form = new URLSearchParams(await readText(req, 4096));
      const result = await services.acknowledge(
        form.get('token') ?? req.query.get('token') ?? undefined,
        form.get('by') ?? undefined,
      );
      context.info(`sla-ack: ticket ${result.claims.i} on ${result.claims.t} acknowledged (new: ${result.created})`);
      return ackDonePage(result);
    } catch (err) {
      // A person following the link in a browser gets a page; API callers keep the JSON 401.
      if (err instanceof UnauthorizedError && /text\/html/.test(req.headers.get('accept') ?? ''))
        return ackRejectedPage(err.message);
      throw err;
    } finally {
      await services.close();
    }
  });
}

export const slaAckHandler = makeSlaAckHandler();

app.http('sla-ack', { route: 'sla/ack', methods: ['GET', 'POST'], authLevel: 'anonymous', handler: slaAckHandler });
