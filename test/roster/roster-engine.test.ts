// Plan and apply against the fake osTicket over loopback: the tutorial from scratch, updates naming fields,
// idempotence, partial failure with dependents skipped, and prune.
import { silentLogger } from '../../shared/logging/logger';
import { applyOn, planOn } from '../../shared/roster/roster-engine';
import { parseRoster } from '../../shared/roster/roster-parser';
import type { RosterInput } from '../../shared/roster/roster-schema';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { gatewayFor, sampleRoster, startEmptyFake } from './roster-fixtures';

const opts = { target: 'fake', logger: silentLogger };

describe('roster plan and apply against the fake osTicket', () => {
  let fake: FakeOsTicketServer;
  beforeEach(async () => {
    fake = await startEmptyFake();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('plans every object of the sample as create on an empty osTicket, applies it, then plans nothing', async () => {
    const roster = await sampleRoster();
    const { plan } = await planOn(gatewayFor(fake), roster, opts);
    const actions = plan.items.filter((i) => i.kind !== 'settings').map((i) => i.action);
    expect(new Set(actions)).toEqual(new Set(['create']));
    expect(plan.counts.create).toBe(1 + 2 + 3 + 1 + 2 + 2 + 4 + 2);
    expect(plan.items.find((i) => i.kind === 'settings')).toMatchObject({
      action: 'update',
      changes: [{ field: 'registrationRequired', from: false, to: true }],
    });

    const result = await applyOn(gatewayFor(fake), roster, opts);
    expect(result.counts).toMatchObject({ failed: 0, skipped: 0 });
    expect(result.ok).toBe(true);

    const s = fake.state;
    const byName = <T extends { name: string }>(m: Map<number, T>, n: string) =>
      [...m.values()].find((x) => x.name === n)!;
    expect([...s.roles.values()].map((r) => r.name)).toEqual(['Supreme Admin']);
    expect(byName(s.roles, 'Supreme Admin').permissions).toHaveLength(21);
    expect([...s.departments.values()].map((d) => [d.name, d.isActive, d.isPublic])).toEqual([
      ['System Administrators', true, true],
    ]);
    const dept = byName(s.departments, 'System Administrators');
    expect([...s.sla.values()].map((p) => [p.name, p.graceHours, s.schedules.get(p.scheduleId!)!.name])).toEqual([
      ['Sev-A', 1, '24/7'],
      ['Sev-B', 4, '24/7'],
      ['Sev-C', 8, 'Business Hours'],
    ]);
    const agents = [...s.agents.values()];
    expect(agents.map((a) => [a.username, a.name, a.deptId, a.isAdmin, a.isActive])).toEqual([
      ['jane', 'Jane Doe', dept.id, true, true],
      ['john', 'John Doe', dept.id, false, true],
    ]);
    for (const a of agents) expect(fake.agentSecret(a.id)).toEqual({ hasPassword: true, mustChangePassword: true });
    const teams = [...s.teams.values()].map((t) => [t.name, t.lead?.name, t.members.map((m) => m.name)]);
    expect(teams).toEqual([
      ['Level I Support', 'John Doe', ['John Doe']],
      ['Level II Support', 'Jane Doe', ['Jane Doe']],
    ]);
    const nameOf = <T extends { name: string }>(m: Map<number, T>, id: number | null) =>
      id === null ? null : m.get(id)!.name;
    expect(
      [...s.topics.values()].map((t) => [
        t.name,
        nameOf(s.departments, t.deptId),
        nameOf(s.sla, t.slaId),
        nameOf(s.priorities, t.priorityId),
        nameOf(s.teams, t.teamId),
        t.staffId,
        t.parentId,
        t.isPublic,
        t.isActive,
      ]),
    ).toEqual([
      [
        'Business Critical Outage',
        'System Administrators',
        'Sev-A',
        'Emergency',
        'Level II Support',
        null,
        null,
        true,
        true,
      ],
      [
        'Personal Computer Issues',
        'System Administrators',
        'Sev-C',
        'Normal',
        'Level I Support',
        null,
        null,
        true,
        true,
      ],
      ['Equipment Request', 'System Administrators', 'Sev-C', 'Low', 'Level I Support', null, null, true, true],
      ['Password Reset', 'System Administrators', 'Sev-B', 'High', 'Level I Support', null, null, true, true],
    ]);
    const schedules = [...s.schedules.values()];
    expect(schedules.map((x) => [x.name, x.kind, x.timezone, x.holidayScheduleIds])).toEqual([
      ['24/7', 'business', 'UTC', []],
      ['Business Hours', 'business', 'UTC', []],
    ]);
    expect(schedules[0]!.entries.map((e) => [e.repeats, e.startsAt, e.endsAt])).toEqual([
      ['daily', '00:00:00', '23:59:59'],
    ]);
    expect(schedules[1]!.entries.map((e) => [e.repeats, e.day, e.startsAt, e.endsAt])).toEqual(
      [1, 2, 3, 4, 5].map((day) => ['weekly', day, '08:00:00', '17:00:00']),
    );
    expect([...s.users.values()].map((u) => [u.name, u.email, u.hasAccount])).toEqual([
      ['Karen', 'karen@example.com', true],
      ['Ken', 'ken@example.com', true],
    ]);
    expect(s.settings).toMatchObject({ clientsOnly: true, clientRegistration: 'public' });

    const again = await planOn(gatewayFor(fake), roster, opts);
    expect(again.plan.changeCount).toBe(0);
    expect(again.plan.items.filter((i) => i.action !== 'unchanged')).toEqual([]);
    const second = await applyOn(gatewayFor(fake), roster, opts);
    expect(second.counts).toMatchObject({ applied: 0, failed: 0, skipped: 0 });
  });

  it('plans a renamed team member and a changed SLA grace period as updates naming the fields', async () => {
    const base = await sampleRoster();
    await applyOn(gatewayFor(fake), base, opts);
    const input = structuredClone(base) as RosterInput & typeof base;
    input.agents.push({ ...input.agents[1]!, username: 'jon', email: 'jon@example.com', teams: [] });
    input.teams[0]!.members = ['jon'];
    input.teams[0]!.lead = 'jon';
    input.agents[1]!.teams = [];
    input.slaPlans[0]!.graceHours = 2;
    const changed = parseRoster(input);
    const { plan } = await planOn(gatewayFor(fake), changed, opts);
    const changes = plan.items.filter((i) => i.action !== 'unchanged');
    expect(changes.map((i) => [i.action, i.kind, i.name, i.changes.map((c) => c.field)])).toEqual([
      ['update', 'sla', 'Sev-A', ['graceHours']],
      ['create', 'agent', 'jon', expect.any(Array)],
      ['update', 'team', 'Level I Support', ['members', 'lead']],
    ]);
    expect(changes[0]!.changes).toEqual([{ field: 'graceHours', from: 1, to: 2 }]);
    expect(changes[2]!.changes[0]).toEqual({ field: 'members', from: ['john'], to: ['jon'] });
    await applyOn(gatewayFor(fake), changed, opts);
    expect((await planOn(gatewayFor(fake), changed, opts)).plan.changeCount).toBe(0);
  });

  it('applies the independent items when one agent fails, and skips the membership that needs it', async () => {
    const roster = await sampleRoster();
    fake.failNext(
      (r) => r.method === 'POST' && r.route === 'ops/agents' && (r.body as { username?: string })?.username === 'jane',
      422,
      {
        error: {
          code: 'validation_failed',
          message: 'Agent invalid',
          fields: [{ field: 'email', message: 'Email already in use' }],
        },
      },
    );
    const result = await applyOn(gatewayFor(fake), roster, opts);
    const jane = result.results.find((r) => r.kind === 'agent' && r.name === 'jane')!;
    expect(jane).toMatchObject({ status: 'failed', problems: [{ field: 'email', message: 'Email already in use' }] });
    expect(jane.error).toMatch(/^422 /);
    expect(result.results.find((r) => r.kind === 'agent' && r.name === 'john')!.status).toBe('applied');
    const skipped = result.results.filter((r) => r.status === 'skipped');
    expect(skipped).toEqual([
      expect.objectContaining({
        kind: 'team',
        name: 'Level II Support',
        reason: expect.stringMatching(/member "jane".*422/),
      }),
    ]);
    expect(result.counts.failed).toBe(1);
    expect(result.ok).toBe(false);
    expect([...fake.state.topics.values()]).toHaveLength(4);
    expect([...fake.state.users.values()]).toHaveLength(2);
    // the next apply repairs it
    const next = await applyOn(gatewayFor(fake), roster, opts);
    expect(next.counts).toMatchObject({ failed: 0, skipped: 0 });
    expect(next.results.filter((r) => r.status === 'applied').map((r) => `${r.kind}:${r.name}`)).toEqual([
      'agent:jane',
      'team:Level II Support',
    ]);
  });

  it('skips items whose hard dependency failed, naming it', async () => {
    const roster = await sampleRoster();
    fake.failNext({ method: 'POST', route: 'ops/sla' }, 500, { error: { code: 'internal', message: 'boom' } });
    const result = await applyOn(gatewayFor(fake), roster, opts);
    const failed = result.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => `${r.kind}:${r.name}`)).toEqual(['sla:Sev-A']);
    const skipped = result.results.filter((r) => r.status === 'skipped');
    expect(skipped.map((r) => `${r.kind}:${r.name}`)).toEqual(['topic:Business Critical Outage']);
    expect(skipped[0]!.reason).toMatch(/needs sla "Sev-A", which failed: 500/);
  });

  it('leaves unmanaged objects alone, and with prune disables them (never admins, never deletes)', async () => {
    fake.state.writeTeam({ name: 'Old Team' });
    fake.state.writeDepartment({ name: 'Legacy' });
    const roster = await sampleRoster();
    const { plan } = await planOn(gatewayFor(fake), roster, opts);
    expect(plan.items.filter((i) => i.action === 'unmanaged').map((i) => i.name)).toEqual(['Legacy', 'Old Team']);
    await applyOn(gatewayFor(fake), roster, opts);
    expect([...fake.state.teams.values()].find((t) => t.name === 'Old Team')!.isEnabled).toBe(true);

    const pruning = parseRoster({ ...structuredClone(roster), prune: true });
    const pruned = await planOn(gatewayFor(fake), pruning, opts);
    expect(pruned.plan.items.filter((i) => i.action === 'disable').map((i) => [i.kind, i.name, i.changes])).toEqual([
      ['department', 'Legacy', [{ field: 'active', from: true, to: false }]],
      ['team', 'Old Team', [{ field: 'enabled', from: true, to: false }]],
    ]);
    await applyOn(gatewayFor(fake), pruning, opts);
    expect([...fake.state.teams.values()].find((t) => t.name === 'Old Team')!.isEnabled).toBe(false);
    expect([...fake.state.departments.values()].find((d) => d.name === 'Legacy')!.isActive).toBe(false);
    expect((await planOn(gatewayFor(fake), pruning, opts)).plan.changeCount).toBe(0);
  });
});

describe('roster details against the fake osTicket', () => {
  let fake: FakeOsTicketServer;
  afterEach(async () => {
    await fake.stop();
  });

  it('sets a department manager who is created in the same apply once the agents exist', async () => {
    fake = await startEmptyFake();
    const roster = await sampleRoster();
    const withManager = parseRoster({
      ...structuredClone(roster),
      departments: [{ name: 'System Administrators', manager: 'jane' }],
    });
    const result = await applyOn(gatewayFor(fake), withManager, opts);
    expect(result.ok).toBe(true);
    const managerResults = result.results.filter((r) => r.kind === 'department');
    expect(managerResults.map((r) => [r.action, r.status, r.fields])).toEqual([
      ['create', 'applied', ['public', 'active']],
      ['update', 'applied', ['manager']],
    ]);
    const jane = [...fake.state.agents.values()].find((a) => a.username === 'jane')!;
    expect([...fake.state.departments.values()][0]!.managerId).toBe(jane.id);
    expect((await planOn(gatewayFor(fake), withManager, opts)).plan.changeCount).toBe(0);
  });

  it('creates a holiday schedule before the business schedule that links it, whatever the roster order', async () => {
    fake = await startEmptyFake();
    const roster = parseRoster({
      schedules: [
        {
          name: 'Office Hours',
          entries: [{ repeats: 'weekly', day: 1, startsAt: '08:00', endsAt: '17:00' }],
          holidays: ['Company Holidays'],
        },
        {
          name: 'Company Holidays',
          kind: 'holiday',
          entries: [{ name: 'New Year', repeats: 'yearly', month: 1, day: 1, startsAt: '00:00', endsAt: '23:59:59' }],
        },
      ],
      slaPlans: [{ name: 'Sev-C', graceHours: 8, schedule: 'Office Hours' }],
    });
    const result = await applyOn(gatewayFor(fake), roster, opts);
    expect(result.results.map((r) => [r.kind, r.name, r.status])).toEqual([
      ['schedule', 'Company Holidays', 'applied'],
      ['schedule', 'Office Hours', 'applied'],
      ['sla', 'Sev-C', 'applied'],
    ]);
    const schedules = [...fake.state.schedules.values()];
    const holidays = schedules.find((s) => s.name === 'Company Holidays')!;
    expect(schedules.find((s) => s.name === 'Office Hours')!.holidayScheduleIds).toEqual([holidays.id]);
    expect((await planOn(gatewayFor(fake), roster, opts)).plan.changeCount).toBe(0);
  });

  it('on a fresh osTicket install: updates the existing Level I Support team, never prunes the admin agent', async () => {
    fake = new (await import('../fakes/osticket-server')).FakeOsTicketServer();
    await fake.start();
    const roster = parseRoster({ ...structuredClone(await sampleRoster()), prune: true });
    const { plan } = await planOn(gatewayFor(fake), roster, opts);
    const team = plan.items.find((i) => i.kind === 'team' && i.name === 'Level I Support')!;
    expect(team.action).toBe('update');
    expect(team.changes.map((c) => c.field)).toEqual(['members', 'lead']);
    const admin = plan.items.find((i) => i.kind === 'agent' && i.name === 'admin')!;
    expect(admin).toMatchObject({ action: 'unmanaged', note: 'admin agents are never disabled by prune' });
    expect(plan.items.find((i) => i.kind === 'schedule' && i.name === 'U.S. Holidays')).toMatchObject({
      action: 'unmanaged',
      note: 'osTicket has no disable for schedules',
    });
    expect(plan.items.filter((i) => i.action === 'disable').map((i) => `${i.kind}:${i.name}`)).toEqual([
      'role:All Access',
      'role:Expanded Access',
      'role:Limited Access',
      'role:View only',
      'sla:Default SLA',
      'department:Support',
      'department:Sales',
      'department:Maintenance',
      'topic:General Inquiry',
      'topic:Feedback',
      'topic:Report a Problem',
      'topic:Access Issue',
    ]);
    const result = await applyOn(gatewayFor(fake), roster, opts);
    expect(result.counts).toMatchObject({ failed: 0, skipped: 0 });
    expect(fake.state.agents.get(1)!.isActive).toBe(true);
    expect((await planOn(gatewayFor(fake), roster, opts)).plan.changeCount).toBe(0);
  });

  it('reads every list once however large the roster: a no-change plan costs list pages, not objects', async () => {
    fake = await startEmptyFake();
    const users = Array.from({ length: 120 }, (_, i) => ({ name: `User ${i}`, email: `user${i}@example.org` }));
    const roster = parseRoster({ users });
    await applyOn(gatewayFor(fake, 50), roster, opts);
    fake.resetRequests();
    const { plan } = await planOn(gatewayFor(fake, 50), roster, opts);
    expect(plan.changeCount).toBe(0);
    // 8 lists of one page, users in 3 pages of 50, priorities, and the settings document
    expect(plan.reads.pages).toBe(fake.requestCount((r) => r.route !== 'ops/settings'));
    expect(fake.requestCount((r) => r.route === 'ops/users')).toBe(3);
    expect(fake.requestCount()).toBe(plan.reads.pages + 1);
    expect(fake.requestCount()).toBeLessThanOrEqual(13);
  });
});
