// The one contract of the osTicket ops API (infra/osticket/ plugin <-> shared/osticket/ client <-> test fake).
// JSON on the wire is camelCase; every datetime is ISO 8601 UTC (`2026-12-04T19:52:18Z`). Response schemas
// tolerate extra fields (additive changes); request schemas are strict (unknown fields are rejected with 422).
import { z } from 'zod';
import type { FieldProblem } from '../errors';
import { formatPath } from '../http/validation';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

/** ISO 8601 UTC datetime with a `Z` suffix, optional fractional seconds. */
export const utcDateTime = z.iso.datetime({ offset: false, local: false });
/** `YYYY-MM-DD`. */
export const isoDate = z.iso.date();
/** `HH:MM:SS` (24 h). */
export const isoTime = z.iso.time({ precision: 0 });

export const id = z.number().int().positive();
export const ref = z.object({ id, name: z.string() });
export type Ref = z.infer<typeof ref>;

export const statusStates = ['open', 'closed', 'archived', 'deleted'] as const;
export const statusState = z.enum(statusStates);

// ---------------------------------------------------------------------------------------------------------------
// Resources (responses)

export const ticketSla = z.object({
  id,
  name: z.string(),
  graceHours: z.number().int().nonnegative(),
  scheduleId: id.nullable(),
});

export const ticket = z.object({
  id,
  number: z.string().min(1),
  subject: z.string(),
  status: z.object({ id, name: z.string(), state: statusState }),
  priority: ref.nullable(),
  department: ref,
  topic: ref.nullable(),
  sla: ticketSla.nullable(),
  assignee: z.object({ staff: ref.nullable(), team: ref.nullable() }),
  user: z.object({ name: z.string(), email: z.string() }),
  createdAt: utcDateTime,
  updatedAt: utcDateTime,
  reopenedAt: utcDateTime.nullable(),
  closedAt: utcDateTime.nullable(),
  /** Manual due date set by an agent (`ost_ticket.duedate`); wins over `estDueDate` when set. */
  dueDate: utcDateTime.nullable(),
  /** SLA due date computed by osTicket (`ost_ticket.est_duedate`); null for an inactive SLA. */
  estDueDate: utcDateTime.nullable(),
  isOverdue: z.boolean(),
  isAnswered: z.boolean(),
  /** Earliest thread entry of type R (agent response); osTicket does not track it itself. */
  firstResponseAt: utcDateTime.nullable(),
  lastMessageAt: utcDateTime.nullable(),
  lastResponseAt: utcDateTime.nullable(),
});
export type Ticket = z.infer<typeof ticket>;

export const role = z.object({
  id,
  name: z.string(),
  isEnabled: z.boolean(),
  permissions: z.array(z.string()),
  notes: z.string(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Role = z.infer<typeof role>;

export const assignmentModes = ['all', 'members', 'primary'] as const;

export const department = z.object({
  id,
  name: z.string(),
  parentId: id.nullable(),
  path: z.string(),
  isActive: z.boolean(),
  isArchived: z.boolean(),
  isPublic: z.boolean(),
  slaId: id.nullable(),
  scheduleId: id.nullable(),
  managerId: id.nullable(),
  emailId: id.nullable(),
  /** 0 dept only, 1 dept + extended access, 2 disabled, 3 admin only (`include/class.dept.php`). */
  groupMembership: z.number().int().min(0).max(3),
  assignmentMode: z.enum(assignmentModes),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Department = z.infer<typeof department>;

export const teamMember = z.object({ staffId: id, name: z.string(), alerts: z.boolean() });
export const team = z.object({
  id,
  name: z.string(),
  isEnabled: z.boolean(),
  noAlerts: z.boolean(),
  lead: ref.nullable(),
  members: z.array(teamMember),
  notes: z.string(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Team = z.infer<typeof team>;

export const agentDeptAccess = z.object({ deptId: id, roleId: id, alerts: z.boolean() });
export const agentTeam = z.object({ teamId: id, alerts: z.boolean() });
export const agent = z.object({
  id,
  username: z.string(),
  firstname: z.string(),
  lastname: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  deptId: id,
  /** 0 after `manage.php agent import`; otherwise the role in the primary department. */
  roleId: z.number().int().nonnegative(),
  isActive: z.boolean(),
  isAdmin: z.boolean(),
  isVisible: z.boolean(),
  onVacation: z.boolean(),
  deptAccess: z.array(agentDeptAccess),
  teams: z.array(agentTeam),
  permissions: z.array(z.string()),
  lastLoginAt: utcDateTime.nullable(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Agent = z.infer<typeof agent>;

export const user = z.object({
  id,
  name: z.string(),
  email: z.string(),
  orgId: id.nullable(),
  /** True when the user has a client-portal account (`ost_user_account`). */
  hasAccount: z.boolean(),
  isAccountConfirmed: z.boolean(),
  isAccountLocked: z.boolean(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type User = z.infer<typeof user>;

export const slaPlan = z.object({
  id,
  name: z.string(),
  graceHours: z.number().int().nonnegative(),
  scheduleId: id.nullable(),
  isActive: z.boolean(),
  disableOverdueAlerts: z.boolean(),
  transient: z.boolean(),
  notes: z.string(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type SlaPlan = z.infer<typeof slaPlan>;

export const scheduleRepeats = ['never', 'daily', 'weekdays', 'weekends', 'weekly', 'monthly', 'yearly'] as const;
export const scheduleKinds = ['business', 'holiday'] as const;

export const scheduleEntry = z.object({
  id,
  name: z.string(),
  repeats: z.enum(scheduleRepeats),
  startsOn: isoDate,
  startsAt: isoTime,
  endsOn: isoDate,
  endsAt: isoTime,
  /** End of recurrence (UTC), or null for forever. */
  stopsOn: utcDateTime.nullable(),
  /** 1=Mon..7=Sun for weekly; day of month for monthly/yearly. */
  day: z.number().int().nullable(),
  /** 1..5, -1 = last. */
  week: z.number().int().nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  sort: z.number().int(),
});
export type ScheduleEntry = z.infer<typeof scheduleEntry>;

export const schedule = z.object({
  id,
  name: z.string(),
  kind: z.enum(scheduleKinds),
  /** IANA zone, or null for a floating schedule (osTicket then uses core.default_timezone for API/cron). */
  timezone: z.string().nullable(),
  description: z.string(),
  entries: z.array(scheduleEntry),
  /** Holiday schedules linked to a business schedule (`ost_config` namespace `schedule.<id>`). */
  holidayScheduleIds: z.array(id),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Schedule = z.infer<typeof schedule>;

export const topic = z.object({
  id,
  name: z.string(),
  /** Full name including parents, e.g. `Report a Problem / Access Issue`. */
  fullName: z.string(),
  parentId: id.nullable(),
  isActive: z.boolean(),
  isPublic: z.boolean(),
  deptId: id.nullable(),
  priorityId: id.nullable(),
  slaId: id.nullable(),
  statusId: id.nullable(),
  /** Auto-assignment: at most one of staffId / teamId is set. */
  staffId: id.nullable(),
  teamId: id.nullable(),
  noAutoResponse: z.boolean(),
  createdAt: utcDateTime.nullable(),
  updatedAt: utcDateTime.nullable(),
});
export type Topic = z.infer<typeof topic>;

export const ticketStatus = z.object({ id, name: z.string(), state: statusState });
export type TicketStatus = z.infer<typeof ticketStatus>;

export const priority = z.object({
  id,
  name: z.string(),
  description: z.string(),
  color: z.string(),
  urgency: z.number().int(),
  isPublic: z.boolean(),
});
export type Priority = z.infer<typeof priority>;

export const clientRegistrationModes = ['disabled', 'public', 'closed'] as const;

export const settings = z.object({
  /** "Registration Required" (`core.clients_only`). */
  clientsOnly: z.boolean(),
  /** "Registration Method" (`core.client_registration`). */
  clientRegistration: z.enum(clientRegistrationModes),
  defaultSlaId: id.nullable(),
  /** System default business-hours schedule (`core.schedule_id`). */
  scheduleId: id.nullable(),
  defaultTimezone: z.string().nullable(),
  helpdeskUrl: z.string().nullable(),
});
export type OsTicketSettings = z.infer<typeof settings>;

export const health = z.object({
  ok: z.boolean(),
  osTicketVersion: z.string(),
  extensionVersion: z.string(),
  dbTime: utcDateTime,
  dbTimezone: z.string(),
  lastCronRunAt: utcDateTime.nullable(),
});
export type Health = z.infer<typeof health>;

// ---------------------------------------------------------------------------------------------------------------
// Envelopes

/** Keyset page: `next` is an opaque cursor to pass as `after`, or null on the last page. */
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), next: z.string().min(1).nullable() });
}
export interface Page<T> {
  items: T[];
  next: string | null;
}

export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'validation_failed',
  'internal',
] as const;

export const fieldProblem = z.object({ field: z.string(), message: z.string() });
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(fieldProblem).optional().default([]),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

// ---------------------------------------------------------------------------------------------------------------
// Queries

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

const limitParam = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional();
const afterParam = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from `next`')
  .optional();

/** Query for every list endpoint (snake_case on the wire, as in the URL). */
export const listQuery = z.strictObject({ limit: limitParam, after: afterParam });
export type ListQuery = z.infer<typeof listQuery>;

export const ticketStateFilters = ['open', 'closed', 'all'] as const;
export const ticketListQuery = z.strictObject({
  limit: limitParam,
  after: afterParam,
  state: z.enum(ticketStateFilters).optional(),
  /** Tickets with `updatedAt >= updated_since` (inclusive, so a watermark never misses a same-second change). */
  updated_since: utcDateTime.optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Write requests (strict: unknown fields give 422)

const name = z.string().trim().min(1).max(125);
const optionalNullableId = id.nullable().optional();

export const roleCreate = z.strictObject({
  name,
  permissions: z.array(z.string().min(1)).min(1),
  isEnabled: z.boolean().optional(),
  notes: z.string().max(10000).optional(),
});
export const roleUpdate = roleCreate.partial();
export type RoleCreate = z.infer<typeof roleCreate>;
export type RoleUpdate = z.infer<typeof roleUpdate>;

export const departmentCreate = z.strictObject({
  name,
  parentId: optionalNullableId,
  /** Defaults to true (osTicket saves a department without `status=active` disabled). */
  isActive: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  slaId: optionalNullableId,
  scheduleId: optionalNullableId,
  managerId: optionalNullableId,
  emailId: optionalNullableId,
  groupMembership: z.number().int().min(0).max(3).optional(),
  assignmentMode: z.enum(assignmentModes).optional(),
});
export const departmentUpdate = departmentCreate.partial();
export type DepartmentCreate = z.infer<typeof departmentCreate>;
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;

export const teamCreate = z.strictObject({
  name,
  isEnabled: z.boolean().optional(),
  noAlerts: z.boolean().optional(),
  leadId: optionalNullableId,
  /** Replaces the member list (osTicket's Team::update does). */
  members: z.array(z.strictObject({ staffId: id, alerts: z.boolean().optional() })).optional(),
  notes: z.string().max(10000).optional(),
});
export const teamUpdate = teamCreate.partial();
export type TeamCreate = z.infer<typeof teamCreate>;
export type TeamUpdate = z.infer<typeof teamUpdate>;

export const agentCreate = z.strictObject({
  username: z
    .string()
    .min(2)
    .max(32)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and dash only'),
  firstname: name,
  lastname: name,
  email: z.email(),
  phone: z.string().max(24).optional(),
  deptId: id,
  roleId: id,
  isAdmin: z.boolean().optional(),
  /** Defaults to true; false locks the agent (osTicket's `islocked`). */
  isActive: z.boolean().optional(),
  isVisible: z.boolean().optional(),
  onVacation: z.boolean().optional(),
  /** Extended department access; replaces the list. */
  deptAccess: z.array(z.strictObject({ deptId: id, roleId: id, alerts: z.boolean().optional() })).optional(),
  /** Team memberships; replaces the list. */
  teams: z.array(z.strictObject({ teamId: id, alerts: z.boolean().optional() })).optional(),
  permissions: z.array(z.string().min(1)).optional(),
  /** Hashed by osTicket; never returned. Without one, a random password is set and must be changed at login. */
  password: z.string().min(6).max(128).optional(),
});
export const agentUpdate = agentCreate.partial();
export type AgentCreate = z.infer<typeof agentCreate>;
export type AgentUpdate = z.infer<typeof agentUpdate>;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * A client-portal account needs a password (confirmed at once) or an activation mail: osTicket's
 * UserAccount::register() would otherwise create an unconfirmed account nobody can activate.
 */
export const userAccountInput = z
  .strictObject({
    password: z.string().min(6).max(128).optional(),
    sendActivation: z.boolean().optional(),
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: 'must be a time zone such as Europe/Berlin' })
      .optional(),
  })
  .refine((a) => a.password !== undefined || a.sendActivation === true, {
    path: ['password'],
    message: 'a portal account needs a password or sendActivation: true',
  });
export const userCreate = z.strictObject({
  name,
  email: z.email(),
  phone: z.string().max(24).optional(),
  notes: z.string().max(10000).optional(),
  /** Creates a client-portal account for the user. */
  account: userAccountInput.optional(),
});
export const userUpdate = z.strictObject({
  name: name.optional(),
  phone: z.string().max(24).optional(),
  notes: z.string().max(10000).optional(),
  account: userAccountInput.optional(),
});
export type UserCreate = z.infer<typeof userCreate>;
export type UserUpdate = z.infer<typeof userUpdate>;

export const slaCreate = z.strictObject({
  name,
  graceHours: z.number().int().min(1).max(8760),
  scheduleId: optionalNullableId,
  isActive: z.boolean().optional(),
  disableOverdueAlerts: z.boolean().optional(),
  transient: z.boolean().optional(),
  notes: z.string().max(10000).optional(),
});
export const slaUpdate = slaCreate.partial();
export type SlaCreate = z.infer<typeof slaCreate>;
export type SlaUpdate = z.infer<typeof slaUpdate>;

export const scheduleEntryInput = z.strictObject({
  name,
  repeats: z.enum(scheduleRepeats),
  startsOn: isoDate,
  startsAt: isoTime,
  endsOn: isoDate,
  endsAt: isoTime,
  stopsOn: utcDateTime.nullable().optional(),
  day: z.number().int().min(1).max(31).nullable().optional(),
  week: z.number().int().min(-1).max(5).nullable().optional(),
  month: z.number().int().min(1).max(12).nullable().optional(),
  sort: z.number().int().optional(),
});
export const scheduleCreate = z.strictObject({
  name,
  kind: z.enum(scheduleKinds),
  timezone: z.string().max(64).nullable().optional(),
  description: z.string().max(10000).optional(),
  /** Replaces the entry list, as the team member list is replaced (an entry keeps its id when its name stays). */
  entries: z.array(scheduleEntryInput).optional(),
  /** Business schedules only: linked holiday schedules (replaces the list). */
  holidayScheduleIds: z.array(id).optional(),
});
export const scheduleUpdate = scheduleCreate.partial();
export type ScheduleEntryInput = z.infer<typeof scheduleEntryInput>;
export type ScheduleCreate = z.infer<typeof scheduleCreate>;
export type ScheduleUpdate = z.infer<typeof scheduleUpdate>;

export const topicCreate = z.strictObject({
  name: z.string().trim().min(5).max(128),
  parentId: optionalNullableId,
  /** Defaults to true (osTicket saves a topic without `status=active` disabled). */
  isActive: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  deptId: optionalNullableId,
  priorityId: optionalNullableId,
  slaId: optionalNullableId,
  statusId: optionalNullableId,
  /** Auto-assign to an agent or a team (not both). */
  staffId: optionalNullableId,
  teamId: optionalNullableId,
  noAutoResponse: z.boolean().optional(),
});
export const topicUpdate = topicCreate.partial();
export type TopicCreate = z.infer<typeof topicCreate>;
export type TopicUpdate = z.infer<typeof topicUpdate>;

export const settingsUpdate = z.strictObject({
  clientsOnly: z.boolean().optional(),
  clientRegistration: z.enum(clientRegistrationModes).optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdate>;

// ---------------------------------------------------------------------------------------------------------------
// Official API (POST /api/tickets.json): plain-text responses, so only the request has a schema.

export const officialTicketCreate = z.object({
  name: z.string().min(1).optional(),
  email: z.email(),
  subject: z.string().min(1),
  message: z.string().min(1),
  phone: z.string().optional(),
  topicId: id.optional(),
  /** Priority id (osTicket's ticket-form `priority` field). */
  priority: id.optional(),
  alert: z.boolean().optional(),
  autorespond: z.boolean().optional(),
  source: z.enum(['API', 'Email', 'Web', 'Phone', 'Other']).optional(),
  ip: z.string().optional(),
  /** Undocumented keys that Ticket::create() honours (FACTS.md §1.3). */
  deptId: id.optional(),
  slaId: id.optional(),
  staffId: id.optional(),
  teamId: id.optional(),
  statusId: id.optional(),
  attachments: z.array(z.record(z.string(), z.string())).optional(),
});
export type OfficialTicketCreate = z.infer<typeof officialTicketCreate>;

// ---------------------------------------------------------------------------------------------------------------
// The resource table shared by the client, the fake and the docs.

export const OPS_KEY_HEADER = 'X-Ops-Key';
export const OFFICIAL_KEY_HEADER = 'X-API-Key';
/** Request body limit of the ops API (the PHP extension enforces the same). */
export const MAX_OPS_BODY_BYTES = 256 * 1024;

export const resources = {
  roles: { path: 'roles', item: role, create: roleCreate, update: roleUpdate },
  departments: { path: 'departments', item: department, create: departmentCreate, update: departmentUpdate },
  teams: { path: 'teams', item: team, create: teamCreate, update: teamUpdate },
  agents: { path: 'agents', item: agent, create: agentCreate, update: agentUpdate },
  users: { path: 'users', item: user, create: userCreate, update: userUpdate },
  sla: { path: 'sla', item: slaPlan, create: slaCreate, update: slaUpdate },
  schedules: { path: 'schedules', item: schedule, create: scheduleCreate, update: scheduleUpdate },
  topics: { path: 'topics', item: topic, create: topicCreate, update: topicUpdate },
  statuses: { path: 'statuses', item: ticketStatus, create: undefined, update: undefined },
  priorities: { path: 'priorities', item: priority, create: undefined, update: undefined },
} as const;

export type ResourceName = keyof typeof resources;
export type WritableResourceName = {
  [K in ResourceName]: (typeof resources)[K]['create'] extends undefined ? never : K;
}[ResourceName];
export type ResourceItem<R extends ResourceName> = z.infer<(typeof resources)[R]['item']>;
export type ResourceCreate<R extends WritableResourceName> = z.input<NonNullable<(typeof resources)[R]['create']>>;
export type ResourceUpdate<R extends WritableResourceName> = z.input<NonNullable<(typeof resources)[R]['update']>>;
export const resourceNames = Object.keys(resources) as ResourceName[];

/** Zod issues as field problems; an unknown key is named itself (`agents[0].nickname: unknown field`). */
export function issuesToFields(error: z.ZodError, prefix = ''): FieldProblem[] {
  const join = (path: string) => (prefix && path ? `${prefix}.${path}` : prefix || path || '(root)');
  return error.issues.flatMap((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: join(path ? `${path}.${key}` : key), message: 'unknown field' }));
    return [{ field: join(path), message: issue.message }];
  });
}
