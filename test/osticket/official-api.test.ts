// The official API: createTicket against the fake, and the exact plain-text bodies of FACTS.md §1.4 mapped to
// typed errors.
import { ConfigError, ValidationError } from '../../shared/errors';
import {
  OsTicketAuthError,
  OsTicketForbiddenError,
  OsTicketRequestError,
  OsTicketServerError,
  OsTicketUnavailableError,
  OsTicketValidationError,
} from '../../shared/osticket/errors';
import { officialError, parseCreateErrors } from '../../shared/osticket/official-api';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { clientFor, startFake } from './helpers';

const VALIDATION_BODY =
  'Unable to create new ticket :user\nIncomplete client information\n20\nIssue Summary is a required field\n21\nIssue Details is a required field';

describe('plain-text error bodies (FACTS.md §1.4)', () => {
  it.each([
    [400, 'URL not supported', OsTicketRequestError],
    [400, 'Syntax error, malformed JSON', OsTicketRequestError],
    [400, 'No errors', OsTicketRequestError],
    [401, 'Valid API key required', OsTicketAuthError],
    [401, 'API key not found/active or source IP not authorized', OsTicketAuthError],
    [401, 'API key not authorized', OsTicketAuthError],
    [403, 'Ticket denied: spam@example.com', OsTicketForbiddenError],
    [415, 'Unsupported data format', OsTicketRequestError],
    [500, VALIDATION_BODY, OsTicketValidationError],
    [500, 'Internal error', OsTicketServerError],
    [503, 'Service Unavailable', OsTicketUnavailableError],
  ])('%i %j', (status, body, type) => {
    const err = officialError(status, body);
    expect(err).toBeInstanceOf(type);
    expect(err.status).toBe(status);
    expect(err.message).toContain(String(status));
  });

  it('tells the three 401 bodies apart', () => {
    expect(officialError(401, 'Valid API key required')).toMatchObject({ reason: 'invalid_key' });
    expect(officialError(401, 'API key not found/active or source IP not authorized')).toMatchObject({
      reason: 'inactive_key',
    });
    expect(officialError(401, 'API key not authorized')).toMatchObject({ reason: 'not_authorized' });
  });

  it('parses the verified validation body into fields', () => {
    expect(parseCreateErrors(VALIDATION_BODY)).toEqual([
      { field: 'user', message: 'Incomplete client information' },
      { field: 'subject', message: 'Issue Summary is a required field' },
      { field: 'message', message: 'Issue Details is a required field' },
    ]);
    expect(officialError(500, VALIDATION_BODY).message).toBe(
      'osTicket refused the ticket (500): user: Incomplete client information; subject: Issue Summary is a required field; message: Issue Details is a required field',
    );
    expect(parseCreateErrors('Unable to create new ticket :42\nPhone number is invalid')).toEqual([
      { field: '42', message: 'Phone number is invalid' },
    ]);
  });
});

describe('createTicket against the fake', () => {
  let fake: FakeOsTicketServer;
  afterEach(async () => {
    await fake.stop();
  });

  it('returns the ticket number and creates the ticket the way osTicket routes it', async () => {
    ({ fake } = await startFake());
    const { client } = clientFor(fake);
    const number = await client.createTicket({
      name: 'Ann',
      email: 'ann@example.com',
      subject: 'Printer',
      message: 'It is on fire',
      topicId: 11,
      alert: false,
      autorespond: false,
    });
    expect(number).toMatch(/^\d+$/);
    const t = [...fake.state.tickets.values()].find((x) => x.number === number)!;
    expect(t).toMatchObject({
      subject: 'Printer',
      topic: { id: 11 },
      sla: { id: 1 },
      user: { email: 'ann@example.com' },
    });
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ method: 'POST', route: 'tickets.json', status: 201 });
    expect(req.headers['x-api-key']).toBe(fake.apiKey);
    expect(req.headers['x-ops-key']).toBeUndefined();
  });

  it('maps the fake’s plain-text answers to typed errors', async () => {
    ({ fake } = await startFake({ bannedEmails: ['spam@example.com'] }));
    const input = { email: 'ann@example.com', subject: 's', message: 'm' };
    await expect(clientFor(fake, { apiKey: 'WRONGKEY0000' }).client.createTicket(input)).rejects.toMatchObject({
      constructor: OsTicketAuthError,
      reason: 'invalid_key',
    });
    const { client } = clientFor(fake);
    await expect(client.createTicket({ ...input, email: 'spam@example.com' })).rejects.toBeInstanceOf(
      OsTicketForbiddenError,
    );
    fake.failNext('tickets.json', 500, VALIDATION_BODY);
    await expect(client.createTicket(input)).rejects.toMatchObject({
      constructor: OsTicketValidationError,
      fields: [{ field: 'user' }, { field: 'subject' }, { field: 'message' }],
    });
  });

  it.each([
    ['inactive', 'inactive_key'],
    ['no-create', 'not_authorized'],
  ] as const)('reports a %s key', async (apiKeyState, reason) => {
    ({ fake } = await startFake({ apiKeyState }));
    await expect(
      clientFor(fake).client.createTicket({ email: 'a@example.com', subject: 's', message: 'm' }),
    ).rejects.toMatchObject({ reason, status: 401 });
  });

  it('never retries ticket creation, even on 503 or a dropped connection', async () => {
    ({ fake } = await startFake());
    const { client, sleeps } = clientFor(fake);
    fake.failNext('tickets.json', 503, 'Service Unavailable', { retryAfter: 1 });
    await expect(client.createTicket({ email: 'a@example.com', subject: 's', message: 'm' })).rejects.toBeInstanceOf(
      OsTicketUnavailableError,
    );
    fake.failNext('tickets.json', 0, undefined, { drop: true });
    await expect(client.createTicket({ email: 'a@example.com', subject: 's', message: 'm' })).rejects.toBeInstanceOf(
      OsTicketUnavailableError,
    );
    expect(fake.requestCount('tickets.json')).toBe(2);
    expect(sleeps).toEqual([]);
    expect(fake.state.tickets.size).toBe(0);
  });

  it('refuses bad input before sending, naming the field, and needs an API key', async () => {
    ({ fake } = await startFake());
    const { client } = clientFor(fake);
    const err = await client
      .createTicket({ email: 'not-an-email', subject: 's', message: 'm' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields[0]!.field).toBe('ticket.email');
    await expect(
      clientFor(fake, { apiKey: undefined }).client.createTicket({
        email: 'a@example.com',
        subject: 's',
        message: 'm',
      }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(fake.requestCount()).toBe(0);
  });

  it('answers the other official URLs like osTicket does', async () => {
    ({ fake } = await startFake());
    const res = await fetch(`${fake.url}/api/tickets.json`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await res.text()).toBe('URL not supported');
    const bad = await fetch(`${fake.url}/api/http.php/tickets.json`, {
      method: 'POST',
      headers: { 'X-API-Key': fake.apiKey },
      body: '{nope',
    });
    expect([bad.status, await bad.text()]).toEqual([400, 'Syntax error, malformed JSON']);
    const empty = await fetch(`${fake.url}/api/tickets.json`, {
      method: 'POST',
      headers: { 'X-API-Key': fake.apiKey },
      body: '{}',
    });
    expect([empty.status, await empty.text()]).toEqual([400, 'No errors']);
    const missing = await fetch(`${fake.url}/api/tickets.json`, {
      method: 'POST',
      headers: { 'X-API-Key': fake.apiKey },
      body: JSON.stringify({ name: 'x' }),
    });
    expect([missing.status, await missing.text()]).toEqual([500, VALIDATION_BODY]);
  });
});
