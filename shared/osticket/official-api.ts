// osTicket's official API: `POST /api/tickets.json` (X-API-Key, bound to one IP). Success is 201 with the ticket
// number as a text/html body; errors are plain strings (FACTS.md §1.4) mapped here to typed errors. Never retried.
import { ConfigError, type FieldProblem } from '../errors';
import { parseOrThrow } from '../http/validation';
import { OFFICIAL_KEY_HEADER, officialTicketCreate, type OfficialTicketCreate } from './contract';
import {
  OsTicketAuthError,
  OsTicketContractError,
  OsTicketError,
  OsTicketForbiddenError,
  OsTicketRequestError,
  OsTicketServerError,
  OsTicketUnavailableError,
  OsTicketValidationError,
  excerpt,
} from './errors';
import { parseRetryAfter, type Transport } from './transport';

const CREATE_PREFIX = 'Unable to create new ticket :';

/** Field names for osTicket's form-field error messages (the default Ticket Details form uses ids 20/21). */
const KNOWN_FIELD_MESSAGES: [RegExp, string][] = [
  [/^Issue Summary\b/i, 'subject'],
  [/^Issue Details\b/i, 'message'],
];

/**
 * Parses `Unable to create new ticket :user\nIncomplete client information\n20\nIssue Summary is a required field`
 * into `[{ field: 'user', … }, { field: 'subject', … }]`: the body alternates key and message lines.
 */
export function parseCreateErrors(body: string): FieldProblem[] {
  const rest = body.slice(body.indexOf(CREATE_PREFIX) + CREATE_PREFIX.length);
  const lines = rest.split(/\r?\n/).map((l) => l.trim());
  const out: FieldProblem[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const key = lines[i] ?? '';
    const message = lines[i + 1] ?? '';
    if (key === '' && message === '') continue;
    const known = KNOWN_FIELD_MESSAGES.find(([re]) => re.test(message))?.[1];
    out.push({ field: known ?? (key || '(unknown)'), message: message || key });
  }
  return out;
}

/** Maps a non-201 answer of the official API to its typed error. */
export function officialError(status: number, rawBody: string, secrets: readonly string[] = [], retryAfterMs?: number) {
  const body = excerpt(rawBody, secrets);
  const text = `osTicket POST tickets.json failed (${status}): ${body || `HTTP ${status}`}`;
  if (status === 401) {
    const reason = /not found\/active/i.test(rawBody)
      ? 'inactive_key'
      : /not authorized/i.test(rawBody)
        ? 'not_authorized'
        : 'invalid_key';
    return new OsTicketAuthError(text, status, body, reason);
  }
  if (status === 403) return new OsTicketForbiddenError(text, body);
  if (rawBody.includes(CREATE_PREFIX)) {
    const fields = parseCreateErrors(rawBody).map((f) => ({ field: f.field, message: excerpt(f.message, secrets) }));
    return new OsTicketValidationError(
      `osTicket refused the ticket (${status}): ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      status,
      body,
      fields,
    );
  }
  if (status === 400 || status === 415) return new OsTicketRequestError(text, status, body);
  if (status === 429 || status === 502 || status === 503 || status === 504)
    return new OsTicketUnavailableError(text, status, body, retryAfterMs);
  if (status >= 500) return new OsTicketServerError(text, status, body);
  return new OsTicketError(text, status, body);
}

export interface OfficialApi {
  /** Creates a ticket; returns its number (not its id). Bad input is a ValidationError naming the field. */
  createTicket(input: OfficialTicketCreate): Promise<string>;
}

export function createOfficialApi(
  transport: Transport,
  apiKey: string | undefined,
  secrets: readonly string[],
): OfficialApi {
  return {
    async createTicket(input) {
      if (!apiKey) throw new ConfigError('OSTICKET_API_KEY', 'is required to create tickets through the official API');
      const body = parseOrThrow(officialTicketCreate, input, 'ticket', 'ticket');
      const res = await transport.send({
        method: 'POST',
        route: 'tickets.json',
        body,
        headers: { [OFFICIAL_KEY_HEADER]: apiKey },
        idempotent: false,
      });
      if (res.status !== 201)
        throw officialError(res.status, res.body, secrets, parseRetryAfter(res.headers['retry-after']));
      const number = res.body.trim();
      if (!/^[A-Za-z0-9-]{1,32}$/.test(number))
        throw new OsTicketContractError(
          `osTicket POST tickets.json answered 201 without a ticket number: ${excerpt(res.body, secrets)}`,
          'body',
          'POST tickets.json',
          201,
        );
      return number;
    },
  };
}
