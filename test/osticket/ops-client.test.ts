// The ops client end to end against the loopback fake: every endpoint, paging, filters, errors, retries, drift.
import {
  OsTicketAuthError,
  OsTicketConflictError,
  OsTicketContractError,
  OsTicketForbiddenError,
  OsTicketNotFoundError,
  OsTicketRequestError,
  OsTicketServerError,
  OsTicketUnavailableError,
  OsTicketValidationError,
} from '../../shared/osticket/errors';
import { resourceNames } from '../../shared/osticket/contract';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { clientFor, startFake } from './helpers';

let fake: FakeOsTicketServer;

beforeEach(async () => {
  ({ fake } = await startFake({ clock: () => new Date('2026-12-04T20:00:00Z') }));
});
afterEach(async () => {
  await fake.stop();
});

describe('reads', () => {
  it('reads health and settings', async () => {
    const { client } = clientFor(fake);
    const h = await client.health();
    expect(h).toMatchObject({ ok: true, osTicketVersion: 'v1.18.1', dbTime: '2026-12-04T20:00:00Z' });
    expect(await client.getSettings()).toEqual({
      clientsOnly: false,
      clientRegistration: 'public',
      defaultSlaId: 1,
      scheduleId: 1,
      defaultTimezone: 'UTC',
      helpdeskUrl: 'http://127.0.0.1/',
    });
  });

  it('lists every resource of a fresh install through the generic and the named methods', async () => {
    const { client } = clientFor(fake);
    for (const name of resourceNames) {
      const items = await client.listAll(name);
      expect(items.length).toBe(fake.state[name].size);
    }
    expect((await client.listRoles()).map((r) => r.name)).toEqual([
      'All Access',
      'Expanded Access',
      'Limited Access',
      'View only',
    ]);
    expect((await client.listDepartments()).map((d) => d.name)).toEqual(['Support', 'Sales', 'Maintenance']);
    expect((await client.listTeams())[0]).toMatchObject({ name: 'Level I Support', members: [] });
    expect((await client.listAgents())[0]).toMatchObject({ username: 'admin', isAdmin: true });
    expect(await client.listUsers()).toEqual([]);
    expect((await client.listSlaPlans())[0]).toMatchObject({ name: 'Default SLA', graceHours: 18, isActive: true });
    const schedules = await client.listSchedules();
    expect(schedules[0]).toMatchObject({ kind: 'business', holidayScheduleIds: [4] });
    expect(schedules[0]!.entries).toHaveLength(5);
    expect(schedules[3]).toMatchObject({ kind: 'holiday', name: 'U.S. Holidays' });
    expect((await client.listTopics()).find((t) => t.id === 11)?.fullName).toBe('Report a Problem / Access Issue');
    expect((await client.listStatuses()).map((s) => s.state)).toEqual([
      'open',
      'closed',
      'closed',
      'archived',
      'deleted',
    ]);
    expect((await client.listPriorities()).map((p) => p.name)).toEqual(['Low', 'Normal', 'High', 'Emergency']);
    expect(await client.get('sla', 1)).toMatchObject({ id: 1, name: 'Default SLA' });
  });

  it('reads one ticket with every field of the contract', async () => {
    const seeded = fake.seedTicket({
      createdAt: '2026-12-04T19:52:18Z',
      firstResponseAt: '2026-12-04T19:58:00Z',
      staffId: 1,
      teamId: 1,
      topicId: 11,
      slaId: 1,
    });
    const { client } = clientFor(fake);
    const t = await client.getTicket(seeded.id);
    expect(t).toEqual(seeded);
    expect(t).toMatchObject({
      sla: { id: 1, name: 'Default SLA', graceHours: 18, scheduleId: null },
      assignee: { staff: { id: 1, name: 'Ada Admin' }, team: { id: 1, name: 'Level I Support' } },
      topic: { id: 11, name: 'Access Issue' },
      isAnswered: true,
      firstResponseAt: '2026-12-04T19:58:00Z',
      estDueDate: '2026-12-05T13:52:18Z',
    });
  });

  it('pages through tickets with limit/after and reads each page once', async () => {
    fake.seedTickets(25, (i) => ({ updatedAt: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString() }));
    const { client } = clientFor(fake);
    const ids: number[] = [];
    for await (const t of client.iterateTickets({ limit: 10 })) ids.push(t.id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(fake.requestCount('ops/tickets')).toBe(3);
    expect(fake.requests.map((r) => r.query['after'] !== undefined)).toEqual([false, true, true]);
  });

  it('reads all pages of a resource with listAll', async () => {
    for (let i = 0; i < 7; i++) fake.seedUser({ email: `u${i}@example.com` });
    const { client } = clientFor(fake);
    const first = await client.list('users', { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.next).not.toBeNull();
    fake.resetRequests();
    expect(await client.listAll('users', { limit: 3 })).toHaveLength(7);
    expect(fake.requestCount('ops/users')).toBe(3);
  });

  it('filters by state and by updated_since, and advances the watermark', async () => {
    fake.seedTicket({ updatedAt: '2026-12-01T10:00:00Z' });
    const closed = fake.seedTicket({ updatedAt: '2026-12-03T10:00:00Z', statusId: 3 });
    const recent = fake.seedTicket({ updatedAt: '2026-12-04T10:00:00Z' });
    const { client } = clientFor(fake);
    const open: number[] = [];
    for await (const t of client.iterateTickets({ state: 'open' })) open.push(t.id);
    expect(open).toEqual([1, recent.id]);
    const closedOnly: number[] = [];
    for await (const t of client.iterateTickets({ state: 'closed' })) closedOnly.push(t.id);
    expect(closedOnly).toEqual([closed.id]);

    const changed = await client.listTicketsChangedSince(new Date('2026-12-03T10:00:00Z'));
    expect(changed.tickets.map((t) => t.id)).toEqual([closed.id, recent.id]);
    expect(changed.watermark).toBe('2026-12-04T10:00:00Z');
    expect(fake.requests.at(-1)!.query).toMatchObject({ state: 'all', updated_since: '2026-12-03T10:00:00Z' });
    const none = await client.listTicketsChangedSince('2026-12-05T00:00:00Z');
    expect(none).toEqual({ tickets: [], invalid: [], watermark: '2026-12-05T00:00:00Z' });
  });
});

describe('writes', () => {
  it('creates and updates every writable resource', async () => {
    const { client } = clientFor(fake);
    const role = await client.createRole({ name: 'Triage', permissions: ['ticket.reply'] });
    expect(await client.updateRole(role.id, { notes: 'n' })).toMatchObject({ name: 'Triage', notes: 'n' });
    const sched = await client.createSchedule({
      name: 'Berlin hours',
      kind: 'business',
      timezone: 'Europe/Berlin',
      entries: [
        {
          name: 'Mon',
          repeats: 'weekly',
          startsOn: '2026-01-05',
          startsAt: '09:00:00',
          endsOn: '2026-01-05',
          endsAt: '17:00:00',
          day: 1,
        },
      ],
      holidayScheduleIds: [4],
    });
    expect(sched.entries[0]).toMatchObject({ name: 'Mon', day: 1, stopsOn: null });
    const tue = { ...sched.entries[0]!, name: 'Tue', day: 2 } as Record<string, unknown>;
    delete tue['id'];
    const updated = await client.updateSchedule(sched.id, {
      entries: [
        tue as never,
        {
          name: 'Mon',
          repeats: 'weekly',
          startsOn: '2026-01-05',
          startsAt: '08:00:00',
          endsOn: '2026-01-05',
          endsAt: '16:00:00',
          day: 1,
        },
      ],
    });
    expect(updated.entries.map((e) => [e.name, e.startsAt])).toEqual([
      ['Tue', '09:00:00'],
      ['Mon', '08:00:00'],
    ]);
    expect((await client.updateSchedule(sched.id, { entries: [] })).entries).toEqual([]);
    expect(updated.entries.find((e) => e.name === 'Mon')!.id).toBe(sched.entries[0]!.id);
    const sla = await client.createSlaPlan({ name: '4h', graceHours: 4, scheduleId: sched.id });
    expect(await client.updateSlaPlan(sla.id, { isActive: false })).toMatchObject({ isActive: false, graceHours: 4 });
    const dept = await client.createDepartment({ name: 'Ops', slaId: sla.id });
    expect(dept).toMatchObject({ isActive: true, slaId: sla.id, path: `/${dept.id}/` });
    expect(await client.updateDepartment(dept.id, { isPublic: false })).toMatchObject({ isPublic: false });
    const agent = await client.createAgent({
      username: 'jdoe',
      firstname: 'Jane',
      lastname: 'Doe',
      email: 'jane@example.com',
      deptId: dept.id,
      roleId: role.id,
      teams: [{ teamId: 1 }],
      deptAccess: [{ deptId: 1, roleId: 4 }],
    });
    expect(agent).toMatchObject({ name: 'Jane Doe', teams: [{ teamId: 1, alerts: true }], isActive: true });
    expect(agent).not.toHaveProperty('password');
    expect(fake.agentSecret(agent.id)).toEqual({ hasPassword: true, mustChangePassword: true });
    expect(await client.updateAgent(agent.id, { isActive: false })).toMatchObject({ isActive: false });
    const team = await client.createTeam({ name: 'Night shift', leadId: agent.id, members: [{ staffId: agent.id }] });
    expect(team.lead).toEqual({ id: agent.id, name: 'Jane Doe' });
    expect((await client.updateTeam(team.id, { members: [] })).members).toEqual([]);
    const topic = await client.createTopic({ name: 'Outage report', deptId: dept.id, slaId: sla.id, teamId: team.id });
    expect(await client.updateTopic(topic.id, { priorityId: 4 })).toMatchObject({ priorityId: 4, teamId: team.id });
    const user = await client.createUser({
      name: 'Cu Stomer',
      email: 'cu@example.com',
      account: { password: 'secret1' },
    });
    expect(user).toMatchObject({ hasAccount: true, isAccountConfirmed: true });
    expect(await client.updateUser(user.id, { name: 'C. Stomer' })).toMatchObject({ name: 'C. Stomer' });
    expect(await client.updateSettings({ clientsOnly: true })).toMatchObject({ clientsOnly: true });
    expect(fake.state.settings.clientsOnly).toBe(true);
  });

  it('sends PATCH as POST ?_method=PATCH under http.php, the IIS style', async () => {
    const { client } = clientFor(fake, { apiStyle: 'http.php' });
    await client.updateRole(1, { notes: 'via override' });
    const last = fake.requests.at(-1)!;
    expect(last).toMatchObject({ rawMethod: 'POST', method: 'PATCH', route: 'ops/roles/1' });
    expect(last.path).toBe('/api/http.php/ops/roles/1');
    expect(fake.state.roles.get(1)!.notes).toBe('via override');
  });
});

describe('errors', () => {
  it('maps each status to its typed error', async () => {
    const { client } = clientFor(fake);
    await expect(client.list('roles', { limit: 1000 })).rejects.toMatchObject({
      constructor: OsTicketRequestError,
      status: 400,
      fields: [{ field: 'limit', message: expect.any(String) }],
    });
    await expect(clientFor(fake, { opsKey: 'wrong-key-123456' }).client.health()).rejects.toBeInstanceOf(
      OsTicketAuthError,
    );
    const readOnly = clientFor(fake, { opsKey: fake.readOnlyKey }).client;
    await expect(readOnly.listRoles()).resolves.toHaveLength(4);
    await expect(readOnly.createRole({ name: 'x', permissions: ['a'] })).rejects.toBeInstanceOf(OsTicketForbiddenError);
    await expect(client.get('agents', 999)).rejects.toMatchObject({ constructor: OsTicketNotFoundError, status: 404 });
    await client.createUser({ name: 'A', email: 'a@example.com' });
    await expect(client.createUser({ name: 'B', email: 'a@example.com' })).rejects.toBeInstanceOf(
      OsTicketConflictError,
    );
    await expect(client.createRole({ name: 'All Access', permissions: ['ticket.reply'] })).rejects.toMatchObject({
      constructor: OsTicketValidationError,
      status: 422,
      fields: [{ field: 'name', message: 'already exists' }],
    });
    fake.failNext({ method: 'POST', route: 'ops/teams' }, 500, { error: { code: 'internal', message: 'boom' } });
    await expect(client.createTeam({ name: 'T' })).rejects.toMatchObject({
      constructor: OsTicketServerError,
      status: 500,
    });
    fake.failNext('ops/roles/1', 405, { error: { code: 'method_not_allowed', message: 'no' } });
    await expect(client.get('roles', 1)).rejects.toMatchObject({ constructor: OsTicketRequestError, status: 405 });
  });

  it('rejects unknown fields with 422 naming the field', async () => {
    const { client } = clientFor(fake);
    const body = { name: 'Triage', permissions: ['ticket.reply'], colour: 'red' } as never;
    await expect(client.createRole(body)).rejects.toMatchObject({
      constructor: OsTicketValidationError,
      fields: [{ field: 'colour', message: 'unknown field' }],
    });
  });

  it('refuses a portal account with neither a password nor an activation mail, and a bad time zone', async () => {
    const { client } = clientFor(fake);
    await expect(client.createUser({ name: 'Karen', email: 'karen@example.com', account: {} })).rejects.toMatchObject({
      constructor: OsTicketValidationError,
      fields: [{ field: 'account.password', message: expect.stringContaining('sendActivation') }],
    });
    await expect(
      client.createUser({
        name: 'Ken',
        email: 'ken@example.com',
        account: { sendActivation: true, timezone: 'Mars/Olympus' },
      }),
    ).rejects.toMatchObject({ constructor: OsTicketValidationError, fields: [{ field: 'account.timezone' }] });
    expect([...fake.state.users.values()].map((u) => u.email)).not.toContain('karen@example.com');
    const ok = await client.createUser({ name: 'Ken', email: 'ken@example.com', account: { sendActivation: true } });
    expect(ok).toMatchObject({ hasAccount: true, isAccountConfirmed: false });
  });

  it('retries a GET on 503 honouring Retry-After, then succeeds', async () => {
    fake.failNext('ops/health', 503, undefined, { retryAfter: 2, times: 2 });
    const { client, sleeps, logs } = clientFor(fake);
    await expect(client.health()).resolves.toMatchObject({ ok: true });
    expect(fake.requestCount('ops/health')).toBe(3);
    expect(sleeps).toEqual([2000, 2000]);
    expect(logs()).toMatch(/GET ops\/health: HTTP 503; retry 1\/3 in 2000 ms/);
  });

  it('caps the Retry-After wait and gives up after the bounded retries', async () => {
    fake.failNext('ops/health', 503, undefined, { retryAfter: 120, times: 10 });
    const { client } = clientFor(fake, { sleep: undefined, retry: { retries: 2, maxDelayMs: 20 } });
    const started = Date.now();
    const err = await client.health().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OsTicketUnavailableError);
    expect(err).toMatchObject({ status: 503, retryAfterMs: 120_000 });
    expect(fake.requestCount('ops/health')).toBe(3);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries a GET after a network error, and 429', async () => {
    fake.failNext('ops/settings', 0, undefined, { drop: true });
    fake.failNext('ops/settings', 429, undefined, { retryAfter: 1 });
    const { client, sleeps } = clientFor(fake);
    await expect(client.getSettings()).resolves.toMatchObject({ clientRegistration: 'public' });
    expect(fake.requestCount('ops/settings')).toBe(3);
    expect(sleeps[1]).toBe(1000);
  });

  it('never retries a POST', async () => {
    const { client, sleeps } = clientFor(fake);
    fake.failNext({ method: 'POST', route: 'ops/roles' }, 503, undefined, { retryAfter: 1 });
    await expect(client.createRole({ name: 'R1', permissions: ['a'] })).rejects.toBeInstanceOf(
      OsTicketUnavailableError,
    );
    fake.failNext({ method: 'POST', route: 'ops/roles' }, 0, undefined, { drop: true });
    await expect(client.createRole({ name: 'R2', permissions: ['a'] })).rejects.toBeInstanceOf(
      OsTicketUnavailableError,
    );
    expect(fake.requestCount({ method: 'POST', route: 'ops/roles' })).toBe(2);
    expect(sleeps).toEqual([]);
    expect([...fake.state.roles.values()].map((r) => r.name)).not.toContain('R1');
  });

  it('reports contract drift naming the field', async () => {
    const { client } = clientFor(fake);
    const drifted = { ...fake.state.sla.get(1)!, graceHours: '18' };
    fake.failNext('ops/sla', 200, { items: [drifted], next: null });
    const err = (await client.listSlaPlans().catch((e: unknown) => e)) as OsTicketContractError;
    expect(err).toBeInstanceOf(OsTicketContractError);
    expect(err.field).toBe('items[0].graceHours');
    expect(err.message).toMatch(/GET ops\/sla does not match the contract at items\[0\]\.graceHours/);

    fake.failNext('ops/health', 200, '<html>maintenance</html>');
    await expect(client.health()).rejects.toMatchObject({ constructor: OsTicketContractError, field: '(body)' });
    fake.failNext('ops/settings', 200, { clientsOnly: 'no' });
    await expect(client.getSettings()).rejects.toMatchObject({ field: 'clientsOnly' });
  });

  it('skips a single drifted ticket and reports it, keeping the others', async () => {
    const [a, b, c] = fake.seedTickets(3);
    const { client } = clientFor(fake);
    const bad = { ...b!, estDueDate: '04/12/2026 10:00' };
    fake.failNext('ops/tickets', 200, { items: [a, bad, c], next: null });
    const results = [];
    for await (const r of client.listOpenTickets()) results.push(r);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({
      ok: false,
      id: b!.id,
      number: b!.number,
      error: { field: 'items[1].estDueDate' },
    });

    fake.failNext('ops/tickets', 200, { items: [a, bad], next: null });
    const skipped: number[] = [];
    const ok: number[] = [];
    for await (const t of client.iterateTickets({}, (r) => skipped.push(r.id!))) ok.push(t.id);
    expect({ ok, skipped }).toEqual({ ok: [a!.id], skipped: [b!.id] });

    fake.failNext('ops/tickets', 200, { items: [bad], next: null });
    await expect(client.iterateTickets().next()).rejects.toBeInstanceOf(OsTicketContractError);
  });

  it('keeps the keys out of errors and logs', async () => {
    const { client, logs } = clientFor(fake);
    fake.failNext('ops/health', 401, { error: { code: 'unauthorized', message: `bad key ${fake.opsKey}` } });
    const err = (await client.health().catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(OsTicketAuthError);
    fake.failNext('ops/roles', 0, undefined, { drop: true, times: 4 });
    const net = (await client.listRoles().catch((e: unknown) => e)) as Error;
    expect(net).toBeInstanceOf(OsTicketUnavailableError);
    expect(net).not.toHaveProperty('cause');
    for (const text of [err.message, JSON.stringify(err), net.message, logs()]) {
      expect(text).not.toContain(fake.opsKey);
      expect(text).not.toContain(fake.apiKey);
    }
    expect(fake.requests[0]!.headers['x-ops-key']).toBe(fake.opsKey);
  });
});
