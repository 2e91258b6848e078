// Both sides of the diff in one vocabulary: each roster object and each osTicket object as a "view" of
// comparable fields (roster field names, references by name). Only fields the roster manages are compared.
import type { Agent, Department, Role, Schedule, SlaPlan, Team, Topic, User } from '../osticket/contract';
import type { CurrentState, NameIndex } from './current-state';
import type { ItemRef, ObjectKind } from './plan-model';
import type { Roster, RosterScheduleEntry } from './roster-schema';

export type View = Record<string, unknown>;

export interface DesiredObject extends ItemRef {
  view: View;
  /** Objects this one cannot be written without (a failure there skips this one). */
  needs: ItemRef[];
}

export interface CurrentObject extends ItemRef {
  id: number;
  view: View;
  /** How prune disables it: the roster field and its current value; absent when osTicket cannot disable it. */
  disable?: { field: string; enabled: boolean };
  /** Why prune must leave it alone even when it could be disabled. */
  keep?: string;
}

/** The start date given to repeating entries without one (osTicket needs a date; any past date works). */
export const DEFAULT_STARTS_ON = '2000-01-01';

const lower = (s: string) => s.toLowerCase();
const sorted = (values: string[]) => [...values].sort((a, b) => a.localeCompare(b));
const optional = (view: View, field: string, value: unknown) => {
  if (value !== undefined) view[field] = value;
};

export function entryView(e: RosterScheduleEntry, index: number) {
  const startsOn = e.startsOn ?? DEFAULT_STARTS_ON;
  return {
    name: e.name ?? `Entry ${index + 1}`,
    repeats: e.repeats,
    startsOn,
    startsAt: e.startsAt,
    endsOn: e.endsOn ?? startsOn,
    endsAt: e.endsAt,
    stopsOn: e.stopsOn ? `${e.stopsOn}T00:00:00Z` : null,
    day: e.day ?? null,
    week: e.week ?? null,
    month: e.month ?? null,
  };
}

/** Parents before children, so a parent created in the same apply has an id when the child is written. */
function parentsFirst<T extends { name: string; parent?: string | undefined }>(items: T[]): T[] {
  const byName = new Map(items.map((i) => [lower(i.name), i]));
  const out: T[] = [];
  const done = new Set<string>();
  const visit = (item: T, depth: number) => {
    if (done.has(lower(item.name)) || depth > items.length) return;
    const parent = item.parent ? byName.get(lower(item.parent)) : undefined;
    if (parent) visit(parent, depth + 1);
    done.add(lower(item.name));
    out.push(item);
  };
  items.forEach((i) => visit(i, 0));
  return out;
}

export function desiredObjects(roster: Roster): DesiredObject[] {
  const out: DesiredObject[] = [];
  const ref = (kind: ObjectKind, name: string | undefined): ItemRef[] => (name ? [{ kind, name }] : []);

  for (const r of roster.roles) {
    const view: View = { permissions: sorted(r.permissions), enabled: true };
    optional(view, 'notes', r.notes);
    out.push({ kind: 'role', name: r.name, view, needs: [] });
  }
  // Holiday schedules first: a business schedule links them by id, so they must exist before it is written.
  const schedules = [...roster.schedules].sort((a, b) => Number(b.kind === 'holiday') - Number(a.kind === 'holiday'));
  for (const s of schedules) {
    const view: View = { kind: s.kind, entries: s.entries.map(entryView), holidays: sorted(s.holidays) };
    optional(view, 'timezone', s.timezone);
    out.push({ kind: 'schedule', name: s.name, view, needs: s.holidays.map((h) => ({ kind: 'schedule', name: h })) });
  }
  for (const s of roster.slaPlans) {
    const view: View = {
      graceHours: s.graceHours,
      overdueAlerts: s.overdueAlerts,
      transient: s.transient,
      active: s.active,
    };
    optional(view, 'schedule', s.schedule);
    out.push({ kind: 'sla', name: s.name, view, needs: ref('schedule', s.schedule) });
  }
  for (const d of parentsFirst(roster.departments)) {
    const view: View = { public: d.public, active: true };
    optional(view, 'parent', d.parent);
    optional(view, 'sla', d.sla);
    optional(view, 'schedule', d.schedule);
    optional(view, 'manager', d.manager);
    const needs = [...ref('department', d.parent), ...ref('sla', d.sla), ...ref('schedule', d.schedule)];
    out.push({ kind: 'department', name: d.name, view, needs });
  }
  for (const a of roster.agents) {
    const view: View = {
      firstName: a.firstName,
      lastName: a.lastName,
      email: lower(a.email),
      department: a.department,
      role: a.role,
      access: sorted(
        a.access.filter((x) => lower(x.department) !== lower(a.department)).map((x) => `${x.department} as ${x.role}`),
      ),
      admin: a.admin,
      active: a.active,
    };
    const needs: ItemRef[] = [
      { kind: 'department', name: a.department },
      { kind: 'role', name: a.role },
      ...a.access.flatMap((x) => [...ref('department', x.department), ...ref('role', x.role)]),
    ];
    out.push({ kind: 'agent', name: a.username, view, needs });
  }
  for (const t of roster.teams) {
    const view: View = { members: sorted(t.members), enabled: t.enabled };
    optional(view, 'lead', t.lead);
    out.push({ kind: 'team', name: t.name, view, needs: [] });
  }
  for (const t of parentsFirst(roster.helpTopics)) {
    const view: View = { public: t.public, active: t.active };
    optional(view, 'parent', t.parent);
    optional(view, 'department', t.department);
    optional(view, 'sla', t.sla);
    optional(view, 'priority', t.priority === undefined ? undefined : lower(t.priority));
    if (t.assignTo) view['assignTo'] = 'agent' in t.assignTo ? `agent ${t.assignTo.agent}` : `team ${t.assignTo.team}`;
    const needs = [
      ...ref('topic', t.parent),
      ...ref('department', t.department),
      ...ref('sla', t.sla),
      ...(t.assignTo ? ('agent' in t.assignTo ? ref('agent', t.assignTo.agent) : ref('team', t.assignTo.team)) : []),
    ];
    out.push({ kind: 'topic', name: t.name, view, needs });
  }
  for (const u of roster.users) {
    const view: View = { name: u.name };
    if (u.portalAccount) view['portalAccount'] = true;
    out.push({ kind: 'user', name: lower(u.email), view, needs: [] });
  }
  const settings: View = {};
  optional(settings, 'registrationRequired', roster.settings.registrationRequired);
  optional(settings, 'registrationMethod', roster.settings.registrationMethod);
  if (Object.keys(settings).length > 0)
    out.push({ kind: 'settings', name: 'client settings', view: settings, needs: [] });
  return out;
}

/** Turns an osTicket name into the roster's spelling of it (names match case-insensitively). */
export type Canon = (kind: ObjectKind, name: string) => string;

export function canonFor(roster: Roster): Canon {
  const names: [ObjectKind, string[]][] = [
    ['role', roster.roles.map((r) => r.name)],
    ['schedule', roster.schedules.map((s) => s.name)],
    ['sla', roster.slaPlans.map((s) => s.name)],
    ['department', roster.departments.map((d) => d.name)],
    ['agent', roster.agents.map((a) => a.username)],
    ['team', roster.teams.map((t) => t.name)],
    ['topic', roster.helpTopics.map((t) => t.name)],
  ];
  const maps = new Map(names.map(([kind, list]) => [kind, new Map(list.map((n) => [lower(n), n]))]));
  return (kind, name) => maps.get(kind)?.get(lower(name)) ?? name;
}

export function currentObjects(state: CurrentState, names: NameIndex, canon: Canon): CurrentObject[] {
  const name = (kind: keyof NameIndex, id: number | null | undefined): string | null => {
    if (id === null || id === undefined) return null;
    const found = names[kind].get(id);
    return found === undefined ? `#${id}` : canon(kind as ObjectKind, found);
  };
  const out: CurrentObject[] = [];
  out.push(...state.roles.map((r: Role) => role(r)));
  out.push(...state.schedules.map((s) => schedule(s)));
  out.push(...state.sla.map((s) => sla(s)));
  out.push(...state.departments.map((d) => department(d)));
  out.push(...state.agents.map((a) => agent(a)));
  out.push(...state.teams.map((t) => team(t)));
  out.push(...state.topics.map((t) => topic(t)));
  out.push(...state.users.map((u) => user(u)));
  out.push({
    kind: 'settings',
    name: 'client settings',
    id: 0,
    view: { registrationRequired: state.settings.clientsOnly, registrationMethod: state.settings.clientRegistration },
  });
  return out;

  function role(r: Role): CurrentObject {
    return {
      kind: 'role',
      name: r.name,
      id: r.id,
      view: { permissions: sorted(r.permissions), enabled: r.isEnabled, notes: r.notes },
      disable: { field: 'enabled', enabled: r.isEnabled },
    };
  }
  function schedule(s: Schedule): CurrentObject {
    const entries = [...s.entries]
      .sort((a, b) => a.sort - b.sort || a.id - b.id)
      .map((e) => ({
        name: e.name,
        repeats: e.repeats,
        startsOn: e.startsOn,
        startsAt: e.startsAt,
        endsOn: e.endsOn,
        endsAt: e.endsAt,
        stopsOn: e.stopsOn === null ? null : new Date(e.stopsOn).toISOString().replace(/\.000Z$/, 'Z'),
        day: e.day,
        week: e.week,
        month: e.month,
      }));
    const holidays = sorted(s.holidayScheduleIds.map((id) => name('schedule', id)!));
    return {
      kind: 'schedule',
      name: s.name,
      id: s.id,
      view: { kind: s.kind, timezone: s.timezone, entries, holidays },
    };
  }
  function sla(s: SlaPlan): CurrentObject {
    return {
      kind: 'sla',
      name: s.name,
      id: s.id,
      view: {
        graceHours: s.graceHours,
        overdueAlerts: !s.disableOverdueAlerts,
        transient: s.transient,
        active: s.isActive,
        schedule: name('schedule', s.scheduleId),
      },
      disable: { field: 'active', enabled: s.isActive },
    };
  }
  function department(d: Department): CurrentObject {
    return {
      kind: 'department',
      name: d.name,
      id: d.id,
      view: {
        public: d.isPublic,
        active: d.isActive,
        parent: name('department', d.parentId),
        sla: name('sla', d.slaId),
        schedule: name('schedule', d.scheduleId),
        manager: name('agent', d.managerId),
      },
      disable: { field: 'active', enabled: d.isActive },
    };
  }
  function agent(a: Agent): CurrentObject {
    return {
      kind: 'agent',
      name: a.username,
      id: a.id,
      view: {
        firstName: a.firstname,
        lastName: a.lastname,
        email: lower(a.email),
        department: name('department', a.deptId),
        role: a.roleId === 0 ? null : name('role', a.roleId),
        access: sorted(
          a.deptAccess
            .filter((x) => x.deptId !== a.deptId)
            .map((x) => `${name('department', x.deptId)} as ${name('role', x.roleId)}`),
        ),
        admin: a.isAdmin,
        active: a.isActive,
      },
      disable: { field: 'active', enabled: a.isActive },
      ...(a.isAdmin ? { keep: 'admin agents are never disabled by prune' } : {}),
    };
  }
  function team(t: Team): CurrentObject {
    return {
      kind: 'team',
      name: t.name,
      id: t.id,
      view: {
        members: sorted(t.members.map((m) => name('agent', m.staffId)!)),
        enabled: t.isEnabled,
        lead: t.lead ? name('agent', t.lead.id) : null,
      },
      disable: { field: 'enabled', enabled: t.isEnabled },
    };
  }
  function topic(t: Topic): CurrentObject {
    const assignTo =
      t.staffId !== null
        ? `agent ${name('agent', t.staffId)}`
        : t.teamId !== null
          ? `team ${name('team', t.teamId)}`
          : null;
    return {
      kind: 'topic',
      name: t.name,
      id: t.id,
      view: {
        public: t.isPublic,
        active: t.isActive,
        parent: name('topic', t.parentId),
        department: name('department', t.deptId),
        sla: name('sla', t.slaId),
        priority: t.priorityId === null ? null : lower(name('priority', t.priorityId)!),
        assignTo,
      },
      disable: { field: 'active', enabled: t.isActive },
    };
  }
  function user(u: User): CurrentObject {
    return { kind: 'user', name: lower(u.email), id: u.id, view: { name: u.name, portalAccount: u.hasAccount } };
  }
}
