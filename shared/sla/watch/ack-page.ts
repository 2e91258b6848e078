// The small HTML pages of the acknowledge link: a confirmation form (GET) and the result (POST). Every value is
// escaped; the pages load nothing and may only post back to themselves.
import type { HttpResponseInit } from '@azure/functions';
import { escapeHtml } from '../../http/html-escape';
import type { AckClaims } from './ack-token';
import type { AcknowledgeResult } from './acknowledge';

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function page(title: string, body: string, status = 200): HttpResponseInit {
  return {
    status,
    headers: HEADERS,
    body: `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto">${body}</body></html>`,
  };
}

const what = (c: AckClaims) =>
  `${c.n ? `ticket #${escapeHtml(c.n)}` : `ticket id ${c.i}`} on ${escapeHtml(c.t)} (${c.c === 'firstResponse' ? 'first response' : 'resolution'}, due ${escapeHtml(new Date(c.d).toISOString())})`;

export function ackConfirmPage(claims: AckClaims): HttpResponseInit {
  return page(
    'Acknowledge SLA alert',
    `<h1>Acknowledge SLA alert</h1><p>Acknowledge ${what(claims)}? This stops further escalation of this breach.</p>` +
      `<form method="post"><label>Your name (optional) <input name="by" maxlength="100"></label> ` +
      `<button type="submit">Acknowledge</button></form>`,
  );
}

export function ackDonePage(result: AcknowledgeResult): HttpResponseInit {
  const r = result.record;
  const who = r.by ? ` by ${escapeHtml(r.by)}` : '';
  return page(
    'SLA alert acknowledged',
    result.created
      ? `<h1>Acknowledged</h1><p>${what(result.claims)} acknowledged${who} at ${escapeHtml(r.acknowledgedAt)}. No further escalation will be sent.</p>`
      : `<h1>Already acknowledged</h1><p>${what(result.claims)} was acknowledged${who} at ${escapeHtml(r.acknowledgedAt)}.</p>`,
  );
}

/** A bad link opened in a browser: 401 as a page rather than JSON. The reason never echoes the token. */
export function ackRejectedPage(reason: string): HttpResponseInit {
  return page(
    'Acknowledge link not valid',
    `<h1>This acknowledge link is not valid</h1><p>${escapeHtml(reason)}</p>` +
      '<p>Nothing was changed. Use the link from the most recent alert, or acknowledge in osTicket.</p>',
    401,
  );
}
