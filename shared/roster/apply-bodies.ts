// Request bodies for the connector's create (POST) and update (PATCH) calls, built from a roster object and the
// set of fields to write, with every name resolved to an osTicket id. Never a password: osTicket gives new
// agents a random one that must be changed at first login.
import type {
  AgentCreate,
  DepartmentCreate,
  RoleCreate,
  ScheduleCreate,
  SettingsUpdate,
  SlaCreate,
  TeamCreate,
  TopicCreate,
  UserCreate,
} from '../osticket/contract';
import type { ObjectKind } from './plan-model';
import { entryView } from './roster-objects';
import type {
  RosterAgent,
  RosterDepartment,
  RosterHelpTopic,
  RosterRole,
  RosterSchedule,
  RosterSettings,
  RosterSlaPlan,
  RosterTeam,
  RosterUser,
} from './roster-schema';

/** Resolves a name to an osTicket id; throws MissingReferenceError when it has none (yet). */
export type IdOf = (kind: ObjectKind | 'priority', name: string) => number;

export class MissingReferenceError extends Error {
  constructor(
    readonly kind: string,
    readonly refName: string,
  ) {
    super(`${kind} "${refName}" does not exist in osTicket`);
  }
}

type Fields = ReadonlySet<string>;

/** Marks a create in the field set: identity fields (name, username, e-mail) are written only then. */
export const CREATE = '$create';
const set = <T extends object, K extends keyof T>(body: T, key: K, value: T[K] | undefined, when: boolean) => {
  if (when && value !== undefined) body[key] = value;
};

export function roleBody(r: RosterRole, f: Fields): Partial<RoleCreate> {
  const body: Partial<RoleCreate> = {};
  if (f.has(CREATE)) body.name = r.name;
  set(body, 'permissions', [...r.permissions], f.has('permissions'));
  set(body, 'isEnabled', true, f.has('enabled'));
  set(body, 'notes', r.notes, f.has('notes'));
  return body;
}

export function scheduleBody(s: RosterSchedule, f: Fields, idOf: IdOf): Partial<ScheduleCreate> {
  const body: Partial<ScheduleCreate> = {};
  if (f.has(CREATE)) body.name = s.name;
  set(body, 'kind', s.kind, f.has('kind'));
  set(body, 'timezone', s.timezone, f.has('timezone'));
  if (f.has('entries')) body.entries = s.entries.map((e, i) => ({ ...entryView(e, i), sort: i + 1 }));
  if (f.has('holidays') && s.kind === 'business') body.holidayScheduleIds = s.holidays.map((h) => idOf('schedule', h));
  return body;
}

export function slaBody(s: RosterSlaPlan, f: Fields, idOf: IdOf): Partial<SlaCreate> {
  const body: Partial<SlaCreate> = {};
  if (f.has(CREATE)) body.name = s.name;
  set(body, 'graceHours', s.graceHours, f.has('graceHours'));
  if (f.has('schedule') && s.schedule) body.scheduleId = idOf('schedule', s.schedule);
  set(body, 'disableOverdueAlerts', !s.overdueAlerts, f.has('overdueAlerts'));
  set(body, 'transient', s.transient, f.has('transient'));
  set(body, 'isActive', s.active, f.has('active'));
  return body;
}

/** `manager` is resolved by the caller (it may only exist after the agents phase). */
export function departmentBody(d: RosterDepartment, f: Fields, idOf: IdOf): Partial<DepartmentCreate> {
  const body: Partial<DepartmentCreate> = {};
  if (f.has(CREATE)) body.name = d.name;
  if (f.has('parent') && d.parent) body.parentId = idOf('department', d.parent);
  if (f.has('sla') && d.sla) body.slaId = idOf('sla', d.sla);
  if (f.has('schedule') && d.schedule) body.scheduleId = idOf('schedule', d.schedule);
  if (f.has('manager') && d.manager) body.managerId = idOf('agent', d.manager);
  set(body, 'isPublic', d.public, f.has('public'));
  set(body, 'isActive', true, f.has('active'));
  return body;
}

export function agentBody(a: RosterAgent, f: Fields, idOf: IdOf): Partial<AgentCreate> {
  const body: Partial<AgentCreate> = {};
  if (f.has(CREATE)) body.username = a.username;
  set(body, 'firstname', a.firstName, f.has('firstName'));
  set(body, 'lastname', a.lastName, f.has('lastName'));
  set(body, 'email', a.email, f.has('email'));
  // The primary department and its role travel together (osTicket validates them as a pair).
  if (f.has('department') || f.has('role')) {
    body.deptId = idOf('department', a.department);
    body.roleId = idOf('role', a.role);
  }
  if (f.has('access'))
    body.deptAccess = a.access
      .filter((x) => x.department.toLowerCase() !== a.department.toLowerCase())
      .map((x) => ({ deptId: idOf('department', x.department), roleId: idOf('role', x.role) }));
  set(body, 'isAdmin', a.admin, f.has('admin'));
  set(body, 'isActive', a.active, f.has('active'));
  return body;
}

/** Members and lead are resolved by the caller, which leaves out agents that failed. */
export function teamBody(t: RosterTeam, f: Fields): Partial<TeamCreate> {
  const body: Partial<TeamCreate> = {};
  if (f.has(CREATE)) body.name = t.name;
  set(body, 'isEnabled', t.enabled, f.has('enabled'));
  return body;
}

export function topicBody(t: RosterHelpTopic, f: Fields, idOf: IdOf): Partial<TopicCreate> {
  const body: Partial<TopicCreate> = {};
  if (f.has(CREATE)) body.name = t.name;
  if (f.has('parent') && t.parent) body.parentId = idOf('topic', t.parent);
  if (f.has('department') && t.department) body.deptId = idOf('department', t.department);
  if (f.has('sla') && t.sla) body.slaId = idOf('sla', t.sla);
  if (f.has('priority') && t.priority) body.priorityId = idOf('priority', t.priority);
  if (f.has('assignTo') && t.assignTo) {
    if ('agent' in t.assignTo) Object.assign(body, { staffId: idOf('agent', t.assignTo.agent), teamId: null });
    else Object.assign(body, { teamId: idOf('team', t.assignTo.team), staffId: null });
  }
  set(body, 'isPublic', t.public, f.has('public'));
  set(body, 'isActive', t.active, f.has('active'));
  return body;
}

export function userBody(u: RosterUser, f: Fields): Partial<UserCreate> {
  const body: Partial<UserCreate> = {};
  set(body, 'name', u.name, f.has('name'));
  if (f.has(CREATE)) {
    body.email = u.email;
    if (u.phone) body.phone = u.phone;
  }
  // An activation e-mail: the roster never sets a portal password.
  if (f.has('portalAccount') && u.portalAccount) body.account = { sendActivation: true };
  return body;
}

export function settingsBody(s: RosterSettings, f: Fields): SettingsUpdate {
  const body: SettingsUpdate = {};
  set(body, 'clientsOnly', s.registrationRequired, f.has('registrationRequired'));
  set(body, 'clientRegistration', s.registrationMethod, f.has('registrationMethod'));
  return body;
}
