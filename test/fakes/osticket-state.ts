// In-memory state of the fake osTicket: a fresh 1.18.1 install (FACTS.md §5) plus seeding and the write rules
// of the ops API. Items are stored exactly in their contract shape; team membership is the source of truth for
// both `team.members` and `agent.teams`.
import type { FieldProblem } from '../../shared/errors';
import type {
  Agent,
  AgentCreate,
  Department,
  DepartmentCreate,
  OfficialTicketCreate,
  OsTicketSettings,
  Priority,
  Ref,
  Role,
  RoleCreate,
  Schedule,
  ScheduleCreate,
  ScheduleEntry,
  SettingsUpdate,
  SlaCreate,
  SlaPlan,
  Team,
  TeamCreate,
  Ticket,
  TicketStatus,
  Topic,
  TopicCreate,
  User,
  UserCreate,
  UserUpdate,
} from '../../shared/osticket/contract';

export class FakeValidationError extends Error {
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }
}
export class FakeConflictError extends Error {}
export class FakeNotFoundError extends Error {}

/** Seed input for a ticket: any contract field, plus id shortcuts resolved against the state. */
export type TicketSeed = Partial<Omit<Ticket, 'assignee'>> & {
  assignee?: Partial<Ticket['assignee']>;
  statusId?: number;
  priorityId?: number;
  deptId?: number;
  topicId?: number;
  /** SLA plan id; `null` for no SLA. */
  slaId?: number | null;
  staffId?: number | null;
  teamId?: number | null;
};

export interface AgentSecret {
  hasPassword: boolean;
  mustChangePassword: boolean;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3_600_000;

function sameId(a: number | null | undefined, b: number | null | undefined) {
  return (a ?? null) === (b ?? null);
}

export class FakeOsTicketState {
  readonly tickets = new Map<number, Ticket>();
  readonly roles = new Map<number, Role>();
  readonly departments = new Map<number, Department>();
  readonly teams = new Map<number, Team>();
  readonly agents = new Map<number, Agent>();
  readonly users = new Map<number, User>();
  readonly sla = new Map<number, SlaPlan>();
  readonly schedules = new Map<number, Schedule>();
  readonly topics = new Map<number, Topic>();
  readonly statuses = new Map<number, TicketStatus>();
  readonly priorities = new Map<number, Priority>();
  readonly agentSecrets = new Map<number, AgentSecret>();
  settings: OsTicketSettings = {
    clientsOnly: false,
    clientRegistration: 'public',
    defaultSlaId: 1,
    scheduleId: 1,
    defaultTimezone: 'UTC',
    helpdeskUrl: 'http://127.0.0.1/',
  };
  lastCronRunAt: string | null = null;
  osTicketVersion = 'v1.18.1';
  extensionVersion = '1.0.0';
  private nextIds = new Map<string, number>();
  private nextNumber = 100001;

  constructor(
    private readonly clock: () => Date,
    withDefaults = true,
  ) {
    if (withDefaults) this.loadFreshInstall();
  }

  now(): string {
    return iso(this.clock());
  }

  nextId(kind: string, map: Map<number, unknown>): number {
    const max = Math.max(0, ...map.keys());
    const next = Math.max(this.nextIds.get(kind) ?? 1, max + 1);
    this.nextIds.set(kind, next + 1);
    return next;
  }

  /** The objects of a fresh osTicket 1.18.1 install (FACTS.md §5). */
  private loadFreshInstall(): void {
    const at = '2026-01-01T00:00:00Z';
    const stamps = { createdAt: at, updatedAt: at };
    for (const [id, name, state] of [
      [1, 'Open', 'open'],
      [2, 'Resolved', 'closed'],
      [3, 'Closed', 'closed'],
      [4, 'Archived', 'archived'],
      [5, 'Deleted', 'deleted'],
    ] as const)
      this.statuses.set(id, { id, name, state });
    for (const [id, name, urgency] of [
      [1, 'Low', 4],
      [2, 'Normal', 3],
      [3, 'High', 2],
      [4, 'Emergency', 1],
    ] as const)
      this.priorities.set(id, { id, name, description: name, color: '#FFFFFF', urgency, isPublic: true });
    const weekday = (day: number): ScheduleEntry => ({
      id: day,
      name: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][day - 1]!,
      repeats: 'weekly',
      startsOn: '2019-01-07',
      startsAt: '08:00:00',
      endsOn: '2019-01-07',
      endsAt: '17:00:00',
      stopsOn: null,
      day,
      week: null,
      month: null,
      sort: day,
    });
    const allDay = (id: number, repeats: ScheduleEntry['repeats'], name: string): ScheduleEntry => ({
      id,
      name,
      repeats,
      startsOn: '2019-01-01',
      startsAt: '00:00:00',
      endsOn: '2019-01-01',
      endsAt: '23:59:59',
      stopsOn: null,
      day: null,
      week: null,
      month: null,
      sort: 1,
    });
    const holiday = (id: number, name: string, month: number, day: number | null, week: number | null) => ({
      ...allDay(id, 'yearly', name),
      month,
      day,
      week,
    });
    const business = (id: number, name: string, entries: ScheduleEntry[], holidays: number[]): Schedule => ({
      id,
      name,
      kind: 'business',
      timezone: null,
      description: '',
      entries,
      holidayScheduleIds: holidays,
      ...stamps,
    });
    this.schedules.set(
      1,
      business(1, 'Monday - Friday 8am - 5pm with U.S. Holidays', [1, 2, 3, 4, 5].map(weekday), [4]),
    );
    this.schedules.set(2, business(2, '24/7', [allDay(6, 'daily', 'Daily')], []));
    this.schedules.set(3, business(3, '24/5', [allDay(7, 'weekdays', 'Weekdays')], []));
    this.schedules.set(4, {
      id: 4,
      name: 'U.S. Holidays',
      kind: 'holiday',
      timezone: null,
      description: '',
      entries: [
        holiday(8, 'New Years Day', 1, 1, null),
        holiday(9, 'MLK Day', 1, 1, 3),
        holiday(10, 'Memorial Day', 5, 1, -1),
        holiday(11, 'Independence Day (4th of July)', 7, 4, null),
        holiday(12, 'Labor Day', 9, 1, 1),
        holiday(13, 'Indigenous Peoples Day', 10, 1, 2),
        holiday(14, 'Veterans Day', 11, 11, null),
        holiday(15, 'Thanksgiving Day', 11, 4, 4),
        holiday(16, 'Christmas Day', 12, 25, null),
      ],
      holidayScheduleIds: [],
      ...stamps,
    });
    this.nextIds.set('scheduleEntry', 17);
    this.sla.set(1, {
      id: 1,
      name: 'Default SLA',
      graceHours: 18,
      scheduleId: null,
      isActive: true,
      disableOverdueAlerts: false,
      transient: false,
      notes: '',
      ...stamps,
    });
    const dept = (id: number, name: string, slaId: number | null, groupMembership: number): Department => ({
      id,
      name,
      parentId: null,
      path: `/${id}/`,
      isActive: true,
      isArchived: false,
      isPublic: true,
      slaId,
      scheduleId: null,
      managerId: null,
      emailId: null,
      groupMembership,
      assignmentMode: 'all',
      ...stamps,
    });
    this.departments.set(1, dept(1, 'Support', null, 1));
    this.departments.set(2, dept(2, 'Sales', 1, 1));
    this.departments.set(3, dept(3, 'Maintenance', null, 0));
    const role = (id: number, name: string, permissions: string[]): Role => ({
      id,
      name,
      isEnabled: true,
      permissions,
      notes: '',
      ...stamps,
    });
    const all = ['ticket.assign', 'ticket.close', 'ticket.create', 'ticket.delete', 'ticket.edit', 'ticket.reply'];
    this.roles.set(1, role(1, 'All Access', all));
    this.roles.set(
      2,
      role(
        2,
        'Expanded Access',
        all.filter((p) => p !== 'ticket.delete'),
      ),
    );
    this.roles.set(3, role(3, 'Limited Access', ['ticket.assign', 'ticket.create', 'ticket.transfer']));
    this.roles.set(4, role(4, 'View only', []));
    const topic = (id: number, name: string, extra: Partial<Topic>): Topic => ({
      id,
      name,
      fullName: name,
      parentId: null,
      isActive: true,
      isPublic: true,
      deptId: null,
      priorityId: 2,
      slaId: null,
      statusId: null,
      staffId: null,
      teamId: null,
      noAutoResponse: false,
      ...stamps,
      ...extra,
    });
    this.topics.set(1, topic(1, 'General Inquiry', {}));
    this.topics.set(2, topic(2, 'Feedback', { priorityId: 1 }));
    this.topics.set(10, topic(10, 'Report a Problem', { deptId: 3 }));
    this.topics.set(
      11,
      topic(11, 'Access Issue', { parentId: 10, fullName: 'Report a Problem / Access Issue', slaId: 1, priorityId: 3 }),
    );
    this.agents.set(1, {
      id: 1,
      username: 'admin',
      firstname: 'Ada',
      lastname: 'Admin',
      name: 'Ada Admin',
      email: 'admin@example.com',
      phone: '',
      deptId: 1,
      roleId: 1,
      isActive: true,
      isAdmin: true,
      isVisible: true,
      onVacation: false,
      deptAccess: [
        { deptId: 2, roleId: 1, alerts: true },
        { deptId: 3, roleId: 1, alerts: true },
      ],
      teams: [],
      permissions: [],
      lastLoginAt: null,
      ...stamps,
    });
    this.agentSecrets.set(1, { hasPassword: true, mustChangePassword: false });
    this.teams.set(1, {
      id: 1,
      name: 'Level I Support',
      isEnabled: true,
      noAlerts: false,
      lead: null,
      members: [],
      notes: '',
      ...stamps,
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lookups

  private refOf<T extends { id: number; name: string }>(map: Map<number, T>, id: number | null | undefined) {
    if (id === null || id === undefined) return null;
    const found = map.get(id);
    return found ? { id: found.id, name: found.name } : null;
  }

  private must(problems: FieldProblem[], field: string, map: Map<number, unknown>, value: number | null | undefined) {
    if (value !== null && value !== undefined && !map.has(value))
      problems.push({ field, message: `unknown id ${value}` });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Tickets

  /** Inserts a ticket with sensible defaults; ids, numbers and SLA refs are filled in from the state. */
  seedTicket(seed: TicketSeed = {}): Ticket {
    const id = seed.id ?? this.nextId('ticket', this.tickets);
    const createdAt = seed.createdAt ?? this.now();
    const statusRef = seed.status ?? this.statuses.get(seed.statusId ?? 1) ?? { id: 1, name: 'Open', state: 'open' };
    const dept = seed.department ?? this.refOf(this.departments, seed.deptId ?? 1) ?? { id: 1, name: 'Support' };
    const slaId =
      seed.slaId === undefined ? (this.departments.get(dept.id)?.slaId ?? this.settings.defaultSlaId) : seed.slaId;
    const plan = slaId === null ? undefined : this.sla.get(slaId);
    const sla =
      seed.sla !== undefined
        ? seed.sla
        : plan
          ? { id: plan.id, name: plan.name, graceHours: plan.graceHours, scheduleId: plan.scheduleId }
          : null;
    const estDueDate =
      seed.estDueDate !== undefined
        ? seed.estDueDate
        : sla && plan?.isActive !== false
          ? iso(new Date(Date.parse(seed.reopenedAt ?? createdAt) + sla.graceHours * HOUR))
          : null;
    const ticket: Ticket = {
      id,
      number: seed.number ?? String(this.nextNumber++),
      subject: seed.subject ?? `Ticket ${id}`,
      status: { id: statusRef.id, name: statusRef.name, state: statusRef.state },
      priority: seed.priority !== undefined ? seed.priority : this.refOf(this.priorities, seed.priorityId ?? 2),
      department: dept,
      topic: seed.topic !== undefined ? seed.topic : this.refOf(this.topics, seed.topicId),
      sla,
      assignee: {
        staff: seed.assignee?.staff ?? this.agentRef(seed.staffId),
        team: seed.assignee?.team ?? this.refOf(this.teams, seed.teamId),
      },
      user: seed.user ?? { name: 'Test User', email: 'user@example.com' },
      createdAt,
      updatedAt: seed.updatedAt ?? createdAt,
      reopenedAt: seed.reopenedAt ?? null,
      closedAt: seed.closedAt ?? (statusRef.state === 'closed' ? createdAt : null),
      dueDate: seed.dueDate ?? null,
      estDueDate,
      isOverdue: seed.isOverdue ?? false,
      isAnswered: seed.isAnswered ?? (seed.firstResponseAt ? true : false),
      firstResponseAt: seed.firstResponseAt ?? null,
      lastMessageAt: seed.lastMessageAt ?? createdAt,
      lastResponseAt: seed.lastResponseAt ?? seed.firstResponseAt ?? null,
    };
    this.tickets.set(id, ticket);
    return ticket;
  }

  private slaRef(id: number | null): Ticket['sla'] {
    const plan = id === null ? undefined : this.sla.get(id);
    return plan ? { id: plan.id, name: plan.name, graceHours: plan.graceHours, scheduleId: plan.scheduleId } : null;
  }

  private agentRef(id: number | null | undefined): Ref | null {
    if (id === null || id === undefined) return null;
    const a = this.agents.get(id);
    return a ? { id: a.id, name: a.name } : null;
  }

  /** Changes a ticket as osTicket would; `updatedAt` moves to now unless given. */
  updateTicket(id: number, patch: TicketSeed): Ticket {
    const current = this.tickets.get(id);
    if (!current) throw new FakeNotFoundError(`ticket ${id} not found`);
    const status = patch.statusId !== undefined ? this.statuses.get(patch.statusId) : patch.status;
    const next: Ticket = {
      ...current,
      ...stripShortcuts(patch),
      ...(status ? { status: { id: status.id, name: status.name, state: status.state } } : {}),
      ...(patch.priorityId !== undefined ? { priority: this.refOf(this.priorities, patch.priorityId) } : {}),
      ...(patch.deptId !== undefined
        ? { department: this.refOf(this.departments, patch.deptId) ?? current.department }
        : {}),
      ...(patch.topicId !== undefined ? { topic: this.refOf(this.topics, patch.topicId) } : {}),
      ...(patch.slaId !== undefined ? { sla: this.slaRef(patch.slaId) } : {}),
      assignee: {
        staff:
          patch.staffId !== undefined
            ? this.agentRef(patch.staffId)
            : (patch.assignee?.staff ?? current.assignee.staff),
        team:
          patch.teamId !== undefined
            ? this.refOf(this.teams, patch.teamId)
            : (patch.assignee?.team ?? current.assignee.team),
      },
      updatedAt: patch.updatedAt ?? this.now(),
    };
    if (status && status.state === 'closed' && patch.closedAt === undefined) next.closedAt = next.updatedAt;
    this.tickets.set(id, next);
    return next;
  }

  /** Records an agent response (thread entry type R) at `at`. */
  addResponse(id: number, at: string = this.now()): Ticket {
    const t = this.tickets.get(id);
    if (!t) throw new FakeNotFoundError(`ticket ${id} not found`);
    return this.updateTicket(id, {
      firstResponseAt: t.firstResponseAt ?? at,
      lastResponseAt: at,
      isAnswered: true,
      updatedAt: at,
    });
  }

  /** Creates a ticket as the official API does (FACTS.md §1.3): topic -> dept/priority/SLA, else defaults. */
  createOfficialTicket(input: OfficialTicketCreate): Ticket {
    const topic = input.topicId !== undefined ? this.topics.get(input.topicId) : undefined;
    const deptId = input.deptId ?? topic?.deptId ?? 1;
    const slaId = input.slaId ?? this.departments.get(deptId)?.slaId ?? topic?.slaId ?? this.settings.defaultSlaId;
    return this.seedTicket({
      subject: input.subject,
      user: { name: input.name ?? input.email.split('@')[0]!, email: input.email },
      deptId,
      topicId: topic?.id,
      priorityId: input.priority ?? topic?.priorityId ?? 2,
      slaId,
      statusId: input.statusId ?? 1,
      staffId: input.staffId ?? topic?.staffId ?? null,
      teamId: input.teamId ?? topic?.teamId ?? null,
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writes of the ops API (bodies already validated by the contract's create/update schemas)

  private unique<T extends { id: number }>(
    problems: FieldProblem[],
    map: Map<number, T>,
    selfId: number | undefined,
    field: string,
    same: (item: T) => boolean,
  ) {
    for (const item of map.values())
      if (item.id !== selfId && same(item)) problems.push({ field, message: 'already exists' });
  }

  private done(problems: FieldProblem[]) {
    if (problems.length) throw new FakeValidationError(problems);
  }

  writeRole(input: Partial<RoleCreate>, id?: number): Role {
    const current = id === undefined ? undefined : this.existing(this.roles, id, 'role');
    const p: FieldProblem[] = [];
    const nameValue = input.name ?? current?.name ?? '';
    this.unique(p, this.roles, id, 'name', (r) => r.name.toLowerCase() === nameValue.toLowerCase());
    this.done(p);
    const now = this.now();
    const role: Role = {
      id: id ?? this.nextId('role', this.roles),
      name: nameValue,
      isEnabled: input.isEnabled ?? current?.isEnabled ?? true,
      permissions: input.permissions ?? current?.permissions ?? [],
      notes: input.notes ?? current?.notes ?? '',
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.roles.set(role.id, role);
    return role;
  }

  writeDepartment(input: Partial<DepartmentCreate>, id?: number): Department {
    const current = id === undefined ? undefined : this.existing(this.departments, id, 'department');
    const p: FieldProblem[] = [];
    const parentId = input.parentId !== undefined ? input.parentId : (current?.parentId ?? null);
    const nameValue = input.name ?? current?.name ?? '';
    this.must(p, 'parentId', this.departments, parentId);
    if (id !== undefined && parentId === id) p.push({ field: 'parentId', message: 'cannot be the department itself' });
    this.must(p, 'slaId', this.sla, input.slaId);
    this.must(p, 'scheduleId', this.schedules, input.scheduleId);
    this.must(p, 'managerId', this.agents, input.managerId);
    this.unique(p, this.departments, id, 'name', (d) => d.name === nameValue && sameId(d.parentId, parentId));
    this.done(p);
    const now = this.now();
    const newId = id ?? this.nextId('department', this.departments);
    const parentPath = parentId === null ? '/' : (this.departments.get(parentId)?.path ?? '/');
    const pick = <K extends keyof DepartmentCreate & keyof Department>(k: K, fallback: Department[K]) =>
      (input[k] !== undefined ? input[k] : current?.[k] !== undefined ? current[k] : fallback) as Department[K];
    const dept: Department = {
      id: newId,
      name: nameValue,
      parentId,
      path: `${parentPath}${newId}/`,
      isActive: pick('isActive', true),
      isArchived: current?.isArchived ?? false,
      isPublic: pick('isPublic', true),
      slaId: pick('slaId', null),
      scheduleId: pick('scheduleId', null),
      managerId: pick('managerId', null),
      emailId: pick('emailId', null),
      groupMembership: pick('groupMembership', 1),
      assignmentMode: pick('assignmentMode', 'all'),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.departments.set(dept.id, dept);
    return dept;
  }

  writeTeam(input: Partial<TeamCreate>, id?: number): Team {
    const current = id === undefined ? undefined : this.existing(this.teams, id, 'team');
    const p: FieldProblem[] = [];
    const nameValue = input.name ?? current?.name ?? '';
    this.unique(p, this.teams, id, 'name', (t) => t.name.toLowerCase() === nameValue.toLowerCase());
    this.must(p, 'leadId', this.agents, input.leadId);
    input.members?.forEach((m, i) => this.must(p, `members[${i}].staffId`, this.agents, m.staffId));
    this.done(p);
    const now = this.now();
    const leadId = input.leadId !== undefined ? input.leadId : (current?.lead?.id ?? null);
    const team: Team = {
      id: id ?? this.nextId('team', this.teams),
      name: nameValue,
      isEnabled: input.isEnabled ?? current?.isEnabled ?? true,
      noAlerts: input.noAlerts ?? current?.noAlerts ?? false,
      lead: this.agentRef(leadId),
      members: input.members
        ? input.members.map((m) => ({
            staffId: m.staffId,
            name: this.agents.get(m.staffId)!.name,
            alerts: m.alerts ?? true,
          }))
        : (current?.members ?? []),
      notes: input.notes ?? current?.notes ?? '',
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.teams.set(team.id, team);
    this.syncAgentTeams();
    return team;
  }

  writeAgent(input: Partial<AgentCreate>, id?: number): Agent {
    const current = id === undefined ? undefined : this.existing(this.agents, id, 'agent');
    const p: FieldProblem[] = [];
    const username = input.username ?? current?.username ?? '';
    const email = input.email ?? current?.email ?? '';
    this.unique(p, this.agents, id, 'username', (a) => a.username.toLowerCase() === username.toLowerCase());
    this.unique(p, this.agents, id, 'email', (a) => a.email.toLowerCase() === email.toLowerCase());
    this.must(p, 'deptId', this.departments, input.deptId);
    this.must(p, 'roleId', this.roles, input.roleId);
    input.deptAccess?.forEach((d, i) => {
      this.must(p, `deptAccess[${i}].deptId`, this.departments, d.deptId);
      this.must(p, `deptAccess[${i}].roleId`, this.roles, d.roleId);
    });
    input.teams?.forEach((t, i) => this.must(p, `teams[${i}].teamId`, this.teams, t.teamId));
    this.done(p);
    const now = this.now();
    const newId = id ?? this.nextId('agent', this.agents);
    const firstname = input.firstname ?? current?.firstname ?? '';
    const lastname = input.lastname ?? current?.lastname ?? '';
    const deptId = input.deptId ?? current?.deptId ?? 1;
    const agent: Agent = {
      id: newId,
      username,
      firstname,
      lastname,
      name: `${firstname} ${lastname}`.trim(),
      email,
      phone: input.phone ?? current?.phone ?? '',
      deptId,
      roleId: input.roleId ?? current?.roleId ?? 0,
      isActive: input.isActive ?? current?.isActive ?? true,
      isAdmin: input.isAdmin ?? current?.isAdmin ?? false,
      isVisible: input.isVisible ?? current?.isVisible ?? true,
      onVacation: input.onVacation ?? current?.onVacation ?? false,
      deptAccess: (input.deptAccess ?? current?.deptAccess ?? [])
        .filter((d) => d.deptId !== deptId)
        .map((d) => ({ deptId: d.deptId, roleId: d.roleId, alerts: d.alerts ?? true })),
      teams: current?.teams ?? [],
      permissions: input.permissions ?? current?.permissions ?? [],
      lastLoginAt: current?.lastLoginAt ?? null,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.agents.set(newId, agent);
    if (input.password !== undefined) this.agentSecrets.set(newId, { hasPassword: true, mustChangePassword: false });
    else if (!current) this.agentSecrets.set(newId, { hasPassword: true, mustChangePassword: true });
    if (input.teams) {
      const wanted = new Map(input.teams.map((t) => [t.teamId, t.alerts ?? true]));
      for (const team of this.teams.values()) {
        const others = team.members.filter((m) => m.staffId !== newId);
        const alerts = wanted.get(team.id);
        const members = alerts === undefined ? others : [...others, { staffId: newId, name: agent.name, alerts }];
        if (members.length !== team.members.length || alerts !== undefined)
          this.teams.set(team.id, { ...team, members, updatedAt: now });
      }
    }
    for (const team of this.teams.values())
      this.teams.set(team.id, {
        ...team,
        members: team.members.map((m) => (m.staffId === newId ? { ...m, name: agent.name } : m)),
        lead: team.lead?.id === newId ? { id: newId, name: agent.name } : team.lead,
      });
    this.syncAgentTeams();
    return this.agents.get(newId)!;
  }

  private syncAgentTeams(): void {
    for (const agent of this.agents.values()) {
      const teams = [...this.teams.values()]
        .flatMap((t) =>
          t.members.filter((m) => m.staffId === agent.id).map((m) => ({ teamId: t.id, alerts: m.alerts })),
        )
        .sort((a, b) => a.teamId - b.teamId);
      this.agents.set(agent.id, { ...agent, teams });
    }
  }

  writeUser(input: Partial<UserCreate> & UserUpdate, id?: number): User {
    const current = id === undefined ? undefined : this.existing(this.users, id, 'user');
    const email = input.email ?? current?.email ?? '';
    if (!current && [...this.users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase()))
      throw new FakeConflictError(`A user with email ${email} already exists`);
    const now = this.now();
    const account = input.account;
    const user: User = {
      id: id ?? this.nextId('user', this.users),
      name: input.name ?? current?.name ?? '',
      email,
      orgId: current?.orgId ?? null,
      hasAccount: current?.hasAccount === true || account !== undefined,
      isAccountConfirmed: current?.isAccountConfirmed === true || account?.password !== undefined,
      isAccountLocked: current?.isAccountLocked ?? false,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.users.set(user.id, user);
    return user;
  }

  writeSla(input: Partial<SlaCreate>, id?: number): SlaPlan {
    const current = id === undefined ? undefined : this.existing(this.sla, id, 'SLA plan');
    const p: FieldProblem[] = [];
    const nameValue = input.name ?? current?.name ?? '';
    this.unique(p, this.sla, id, 'name', (s) => s.name.toLowerCase() === nameValue.toLowerCase());
    this.must(p, 'scheduleId', this.schedules, input.scheduleId);
    this.done(p);
    const now = this.now();
    const plan: SlaPlan = {
      id: id ?? this.nextId('sla', this.sla),
      name: nameValue,
      graceHours: input.graceHours ?? current?.graceHours ?? 1,
      scheduleId: input.scheduleId !== undefined ? input.scheduleId : (current?.scheduleId ?? null),
      isActive: input.isActive ?? current?.isActive ?? true,
      disableOverdueAlerts: input.disableOverdueAlerts ?? current?.disableOverdueAlerts ?? false,
      transient: input.transient ?? current?.transient ?? false,
      notes: input.notes ?? current?.notes ?? '',
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.sla.set(plan.id, plan);
    return plan;
  }

  writeSchedule(input: Partial<ScheduleCreate>, id?: number): Schedule {
    const current = id === undefined ? undefined : this.existing(this.schedules, id, 'schedule');
    const p: FieldProblem[] = [];
    const nameValue = input.name ?? current?.name ?? '';
    const kind = input.kind ?? current?.kind ?? 'business';
    this.unique(p, this.schedules, id, 'name', (s) => s.name.toLowerCase() === nameValue.toLowerCase());
    if (input.timezone) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: input.timezone });
      } catch {
        p.push({ field: 'timezone', message: 'unknown time zone' });
      }
    }
    input.holidayScheduleIds?.forEach((hid, i) => {
      const h = this.schedules.get(hid);
      if (kind !== 'business')
        p.push({ field: 'holidayScheduleIds', message: 'only business schedules link holidays' });
      else if (!h || h.kind !== 'holiday')
        p.push({ field: `holidayScheduleIds[${i}]`, message: `no holiday schedule ${hid}` });
    });
    input.entries?.forEach((e, i) => {
      if (`${e.endsOn}T${e.endsAt}` <= `${e.startsOn}T${e.startsAt}`)
        p.push({ field: `entries[${i}].endsAt`, message: 'must be after the start' });
    });
    this.done(p);
    const now = this.now();
    const existing = current?.entries ?? [];
    const upserts: ScheduleEntry[] = (input.entries ?? []).map((e, i) => ({
      id: existing.find((x) => x.name === e.name)?.id ?? this.nextId('scheduleEntry', new Map()),
      name: e.name,
      repeats: e.repeats,
      startsOn: e.startsOn,
      startsAt: e.startsAt,
      endsOn: e.endsOn,
      endsAt: e.endsAt,
      stopsOn: e.stopsOn ?? null,
      day: e.day ?? null,
      week: e.week ?? null,
      month: e.month ?? null,
      sort: e.sort ?? existing.find((x) => x.name === e.name)?.sort ?? existing.length + i + 1,
    }));
    // Replaces the list when given; an entry keeps its id when its name stays.
    const entries = input.entries ? upserts : existing;
    const schedule: Schedule = {
      id: id ?? this.nextId('schedule', this.schedules),
      name: nameValue,
      kind,
      timezone: input.timezone !== undefined ? input.timezone : (current?.timezone ?? null),
      description: input.description ?? current?.description ?? '',
      entries,
      holidayScheduleIds: input.holidayScheduleIds ?? current?.holidayScheduleIds ?? [],
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.schedules.set(schedule.id, schedule);
    return schedule;
  }

  writeTopic(input: Partial<TopicCreate>, id?: number): Topic {
    const current = id === undefined ? undefined : this.existing(this.topics, id, 'topic');
    const p: FieldProblem[] = [];
    const nameValue = input.name ?? current?.name ?? '';
    const parentId = input.parentId !== undefined ? input.parentId : (current?.parentId ?? null);
    this.must(p, 'parentId', this.topics, parentId);
    this.must(p, 'deptId', this.departments, input.deptId);
    if (input.deptId && this.departments.get(input.deptId)?.isActive === false)
      p.push({ field: 'deptId', message: 'department is not active' });
    this.must(p, 'priorityId', this.priorities, input.priorityId);
    this.must(p, 'slaId', this.sla, input.slaId);
    this.must(p, 'statusId', this.statuses, input.statusId);
    this.must(p, 'staffId', this.agents, input.staffId);
    this.must(p, 'teamId', this.teams, input.teamId);
    const staffId = input.staffId !== undefined ? input.staffId : (current?.staffId ?? null);
    const teamId = input.teamId !== undefined ? input.teamId : (current?.teamId ?? null);
    if (staffId && teamId) p.push({ field: 'teamId', message: 'auto-assign to an agent or a team, not both' });
    this.unique(p, this.topics, id, 'name', (t) => t.name === nameValue && sameId(t.parentId, parentId));
    this.done(p);
    const now = this.now();
    const pick = <K extends keyof TopicCreate & keyof Topic>(k: K, fallback: Topic[K]) =>
      (input[k] !== undefined ? input[k] : current?.[k] !== undefined ? current[k] : fallback) as Topic[K];
    const parent = parentId === null ? undefined : this.topics.get(parentId);
    const topic: Topic = {
      id: id ?? this.nextId('topic', this.topics),
      name: nameValue,
      fullName: parent ? `${parent.fullName} / ${nameValue}` : nameValue,
      parentId,
      isActive: pick('isActive', true),
      isPublic: pick('isPublic', true),
      deptId: pick('deptId', null),
      priorityId: pick('priorityId', null),
      slaId: pick('slaId', null),
      statusId: pick('statusId', null),
      staffId,
      teamId,
      noAutoResponse: pick('noAutoResponse', false),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.topics.set(topic.id, topic);
    return topic;
  }

  writeSettings(input: SettingsUpdate): OsTicketSettings {
    this.settings = {
      ...this.settings,
      ...(input.clientsOnly !== undefined ? { clientsOnly: input.clientsOnly } : {}),
      ...(input.clientRegistration !== undefined ? { clientRegistration: input.clientRegistration } : {}),
    };
    return this.settings;
  }

  private existing<T>(map: Map<number, T>, id: number, what: string): T {
    const found = map.get(id);
    if (!found) throw new FakeNotFoundError(`${what} ${id} not found`);
    return found;
  }
}

function stripShortcuts(seed: TicketSeed): Partial<Ticket> {
  const {
    statusId: _s,
    priorityId: _p,
    deptId: _d,
    topicId: _t,
    slaId: _sla,
    staffId: _st,
    teamId: _tm,
    assignee: _a,
    ...rest
  } = seed;
  return rest;
}
