// The roster: osTicket's configuration declared once (YAML or JSON), validated structurally by one zod schema.
// Cross-references (names → objects, cycles, duplicates) are checked in roster-references.ts.
import { z } from 'zod';
import { watchPolicyFields } from './watch-fields';

/** osTicket's per-department role permission keys (FACTS.md §3 "Role (per-department) permission keys"). */
export const ROLE_PERMISSIONS = [
  'ticket.create',
  'ticket.edit',
  'ticket.assign',
  'ticket.release',
  'ticket.transfer',
  'ticket.refer',
  'ticket.merge',
  'ticket.link',
  'ticket.reply',
  'ticket.markanswered',
  'ticket.close',
  'ticket.delete',
  'task.create',
  'task.edit',
  'task.assign',
  'task.transfer',
  'task.reply',
  'task.close',
  'task.delete',
  'canned.manage',
  'thread.edit',
] as const;

const name = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(128, { error: `${what} must be at most 128 characters` });

/** A reference to another roster object by its name. */
const ref = (what: string) => name(`${what} reference`);

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: 'must be a time HH:MM or HH:MM:SS' })
  .transform((v) => (v.length === 5 ? `${v}:00` : v));

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'must be a real calendar date' });

const timezone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as Europe/Berlin' },
);

export const scheduleEntrySchema = z
  .strictObject({
    name: z.string().trim().max(128).optional(),
    repeats: z.enum(['never', 'daily', 'weekdays', 'weekends', 'weekly', 'monthly', 'yearly'], {
      error: 'must be one of never, daily, weekdays, weekends, weekly, monthly, yearly',
    }),
    startsOn: date.optional(),
    startsAt: time,
    endsOn: date.optional(),
    endsAt: time,
    stopsOn: date.optional(),
    day: z.int().min(1).max(31).optional(),
    week: z.int().min(-1).max(5).optional(),
    month: z.int().min(1).max(12).optional(),
  })
  .superRefine((e, ctx) => {
    const need = (field: 'day' | 'month' | 'startsOn', why: string) => {
      if (e[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required ${why}` });
    };
    if (e.repeats === 'weekly') {
      need('day', 'for weekly entries (1 = Monday … 7 = Sunday)');
      if (e.day !== undefined && e.day > 7)
        ctx.addIssue({ code: 'custom', path: ['day'], message: 'must be 1..7 for weekly' });
    }
    if (e.repeats === 'monthly' || e.repeats === 'yearly') need('day', `for ${e.repeats} entries`);
    if (e.repeats === 'yearly') need('month', 'for yearly entries');
    if (e.repeats === 'never') need('startsOn', 'for one-off entries');
    if (e.endsAt <= e.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  });

export const scheduleSchema = z.strictObject({
  name: name('name'),
  kind: z.enum(['business', 'holiday'], { error: 'must be business or holiday' }).default('business'),
  /** IANA zone; omit for osTicket's "floating" schedule (the agent's or the default time zone). */
  timezone: timezone.optional(),
  entries: z.array(scheduleEntrySchema).default([]),
  /** Names of holiday schedules linked to this business-hours schedule. */
  holidays: z.array(ref('schedule')).default([]),
});

export const slaPlanSchema = z.strictObject({
  name: name('name'),
  graceHours: z
    .int({ error: 'must be a whole number of hours' })
    .min(1, { error: 'must be from 1 to 8760' })
    .max(8760, {
      error: 'must be from 1 to 8760',
    }),
  schedule: ref('schedule').optional(),
  overdueAlerts: z.boolean().default(true),
  /** osTicket's "transient" flag: the SLA may be replaced on department transfer or topic change. */
  transient: z.boolean().default(false),
  active: z.boolean().default(true),
  /** SLA-watch policy: validated here, used by the SLA watch, never sent to osTicket. */
  watch: watchPolicyFields.optional(),
});

export const roleSchema = z.strictObject({
  name: name('name'),
  /** Permission keys, or "all" for every key osTicket knows. */
  permissions: z.preprocess(
    (v) => (v === 'all' ? [...ROLE_PERMISSIONS] : v),
    z.array(z.enum(ROLE_PERMISSIONS, { error: 'unknown permission key' }), {
      error: 'must be "all" or a list of permission keys',
    }),
  ),
  notes: z.string().max(1000).optional(),
});

export const departmentSchema = z.strictObject({
  name: name('name'),
  parent: ref('department').optional(),
  sla: ref('SLA plan').optional(),
  schedule: ref('schedule').optional(),
  /** Username of the managing agent. */
  manager: ref('agent').optional(),
  public: z.boolean().default(true),
});

export const teamSchema = z.strictObject({
  name: name('name'),
  /** Username of the team lead; must also be a member. */
  lead: ref('agent').optional(),
  /** Usernames of the members (agents may also list their teams; both are merged). */
  members: z.array(ref('agent')).default([]),
  enabled: z.boolean().default(true),
});

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,32}$/, { error: 'must be 2-32 letters, digits, dots, dashes or underscores' });

const email = z
  .string()
  .trim()
  .pipe(z.email({ error: 'invalid e-mail' }));

export const agentSchema = z.strictObject({
  username,
  firstName: name('firstName'),
  lastName: name('lastName'),
  email,
  department: ref('department'),
  role: ref('role'),
  /** Extended access to other departments, each with its own role. */
  access: z.array(z.strictObject({ department: ref('department'), role: ref('role') })).default([]),
  teams: z.array(ref('team')).default([]),
  admin: z.boolean().default(false),
  /** New agents get osTicket's random password and must change it at first login; the roster has no password. */
  active: z.boolean().default(true),
});

export const userSchema = z.strictObject({
  name: name('name'),
  email,
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()./-]{3,32}$/, { error: 'must be a phone number' })
    .optional(),
  /** Whether the user gets a client-portal account (activation e-mail; no password in the roster). */
  portalAccount: z.boolean().default(false),
});

export const helpTopicSchema = z.strictObject({
  name: name('name').min(5, { error: 'must be at least 5 characters (osTicket rule)' }),
  parent: ref('help topic').optional(),
  department: ref('department').optional(),
  sla: ref('SLA plan').optional(),
  /** osTicket priority name: low, normal, high, emergency (or any priority the target defines). */
  priority: name('priority').optional(),
  assignTo: z
    .union([z.strictObject({ agent: ref('agent') }), z.strictObject({ team: ref('team') })], {
      error: 'must be { agent: <username> } or { team: <name> }',
    })
    .optional(),
  public: z.boolean().default(true),
  active: z.boolean().default(true),
});

export const clientSettingsSchema = z.strictObject({
  /** osTicket's `clients_only`: "Registration Required: require registration and login to create tickets". */
  registrationRequired: z.boolean().optional(),
  /** osTicket's `client_registration`: disabled (guests only), public (anyone), closed (agents register users). */
  registrationMethod: z
    .enum(['disabled', 'public', 'closed'], { error: 'must be disabled, public or closed' })
    .optional(),
});

export const rosterSchema = z.strictObject({
  /** Disable/archive objects that exist in osTicket but not here (never deletes). Default false. */
  prune: z.boolean().default(false),
  roles: z.array(roleSchema).default([]),
  schedules: z.array(scheduleSchema).default([]),
  slaPlans: z.array(slaPlanSchema).default([]),
  departments: z.array(departmentSchema).default([]),
  agents: z.array(agentSchema).default([]),
  teams: z.array(teamSchema).default([]),
  helpTopics: z.array(helpTopicSchema).default([]),
  users: z.array(userSchema).default([]),
  settings: clientSettingsSchema.default({}),
});

export type Roster = z.output<typeof rosterSchema>;
export type RosterInput = z.input<typeof rosterSchema>;
export type RosterRole = Roster['roles'][number];
export type RosterSchedule = Roster['schedules'][number];
export type RosterScheduleEntry = RosterSchedule['entries'][number];
export type RosterSlaPlan = Roster['slaPlans'][number];
export type RosterDepartment = Roster['departments'][number];
export type RosterAgent = Roster['agents'][number];
export type RosterTeam = Roster['teams'][number];
export type RosterHelpTopic = Roster['helpTopics'][number];
export type RosterUser = Roster['users'][number];
export type RosterSettings = Roster['settings'];
