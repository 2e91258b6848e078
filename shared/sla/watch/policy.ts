// The SLA watch policy: per SLA plan (warning threshold, first-response target, escalation levels) and routing
// of channels by department, team, priority and plan. Loaded from the SLA_POLICY setting (JSON) with sane
// defaults; the roster (issue 4) embeds `planPolicySchema` in its SLA plans and passes those as overrides.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../../errors';
import type { Env } from '../../config/settings';
import { zodProblems } from '../../http/validation';
import type { Channel } from '../../notify/notifier';
import { parseRecipients } from '../../notify/email-sender';
import type { Ticket } from '../../osticket/contract';

const settingName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'must be an app-setting name such as TEAMS_WEBHOOK_URL' });

/** Where an alert goes: a Teams webhook held in an app setting (never the URL itself) and/or e-mail recipients. */
export const channelRefsSchema = z.strictObject({
  teamsWebhookSetting: settingName.optional(),
  emails: z.array(z.email({ error: 'invalid e-mail' })).optional(),
  /** An app setting holding a comma-separated recipient list, e.g. EMAIL_TO. */
  emailsSetting: settingName.optional(),
});

export const escalationSchema = z.strictObject({
  /** 2 and up; level 1 is the breach alert itself. */
  level: z.int().min(2, { error: 'must be 2 or more (level 1 is the breach alert)' }).max(9),
  /** Business minutes still breached after the due time before this level fires. */
  afterBreachMinutes: z.int().min(1).max(525600),
  emails: z.array(z.email({ error: 'invalid e-mail' })).optional(),
  teamsWebhookSetting: settingName.optional(),
  emailsSetting: settingName.optional(),
});
export type Escalation = z.infer<typeof escalationSchema>;

/** Per-plan policy; the same shape as the roster's `watch:` block (shared/roster/watch-fields.ts). */
export const planPolicySchema = z.strictObject({
  warnAt: z.number().min(0, { error: 'must be from 0 to 1' }).max(1, { error: 'must be from 0 to 1' }).optional(),
  firstResponseHours: z.number().positive({ error: 'must be more than 0' }).max(8760).optional(),
  escalations: z.array(escalationSchema).optional(),
});
export type PlanPolicyInput = z.infer<typeof planPolicySchema>;

export const routeSchema = channelRefsSchema.extend({
  name: z.string().min(1).max(80).optional(),
  /** Matchers (case-insensitive names); every given one must match. A route with none matches every ticket. */
  department: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  priority: z.string().min(1).optional(),
  slaPlan: z.string().min(1).optional(),
});
export type Route = z.infer<typeof routeSchema>;

export const policySchema = z.strictObject({
  defaults: planPolicySchema.optional(),
  /** By SLA plan name (case-insensitive). */
  plans: z.record(z.string(), planPolicySchema).optional(),
  /** Every matching route receives the alert; when none matches, `fallback` does. */
  routes: z.array(routeSchema).optional(),
  fallback: channelRefsSchema.optional(),
});
export type PolicyInput = z.infer<typeof policySchema>;

export interface PlanPolicy {
  warnAt: number;
  firstResponseHours?: number;
  /** Sorted by level. */
  escalations: Escalation[];
}

export interface WatchPolicy {
  planFor(slaPlanName: string | undefined): PlanPolicy;
  routes: Route[];
  fallback: z.infer<typeof channelRefsSchema>;
}

export const DEFAULT_WARN_AT = 0.75;

/** Defaults: warn at 75%, escalate to level 2 after 60 business minutes; the tutorial's Sev-A goes to SysAdmins. */
export const defaultPolicyInput: PolicyInput = {
  defaults: { warnAt: DEFAULT_WARN_AT, escalations: [{ level: 2, afterBreachMinutes: 60 }] },
  plans: {
    'Sev-A': { warnAt: DEFAULT_WARN_AT, escalations: [{ level: 2, afterBreachMinutes: 60 }] },
  },
  routes: [
    {
      name: 'sev-a-sysadmins',
      department: 'System Administrators',
      teamsWebhookSetting: 'TEAMS_WEBHOOK_URL',
      emailsSetting: 'EMAIL_TO',
    },
  ],
  fallback: { teamsWebhookSetting: 'TEAMS_WEBHOOK_URL', emailsSetting: 'EMAIL_TO' },
};

/** Parses SLA_POLICY (JSON); empty means the defaults. Bad JSON or fields throw ConfigError naming the field. */
export function parsePolicySetting(raw: string | undefined): PolicyInput {
  if (raw === undefined || raw.trim() === '') return defaultPolicyInput;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('SLA_POLICY', 'must be JSON (see docs/sla-watch.md)');
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const p = zodProblems(parsed.error)[0]!;
    throw new ConfigError('SLA_POLICY', `is invalid at ${p.field}: ${p.message}`);
  }
  return parsed.data;
}

function normalise(input: PlanPolicyInput | undefined, base: PlanPolicy): PlanPolicy {
  if (!input) return base;
  return {
    warnAt: input.warnAt ?? base.warnAt,
    firstResponseHours: input.firstResponseHours ?? base.firstResponseHours,
    escalations: [...(input.escalations ?? base.escalations)].sort((a, b) => a.level - b.level),
  };
}

/** Builds the policy; `planOverrides` (e.g. the roster's per-plan `watch:` blocks) win over SLA_POLICY plans. */
export function buildPolicy(input: PolicyInput, planOverrides: Record<string, PlanPolicyInput> = {}): WatchPolicy {
  const base = normalise(input.defaults, { warnAt: DEFAULT_WARN_AT, escalations: [] });
  const plans = new Map<string, PlanPolicy>();
  for (const [name, p] of Object.entries(input.plans ?? {})) plans.set(name.toLowerCase(), normalise(p, base));
  for (const [name, p] of Object.entries(planOverrides)) {
    const current = plans.get(name.toLowerCase()) ?? base;
    plans.set(name.toLowerCase(), normalise(planPolicySchema.parse(p), current));
  }
  return {
    planFor: (name) => (name ? plans.get(name.toLowerCase()) : undefined) ?? base,
    routes: input.routes ?? [],
    fallback: input.fallback ?? {},
  };
}

/** Case-insensitive name comparison used by every matcher. */
export const sameName = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Does a route match this ticket? Every matcher the route names must equal the ticket's value. */
export function routeMatches(route: Route, ticket: Ticket): boolean {
  if (route.department && !sameName(route.department, ticket.department.name)) return false;
  if (route.team && !sameName(route.team, ticket.assignee.team?.name)) return false;
  if (route.priority && !sameName(route.priority, ticket.priority?.name)) return false;
  if (route.slaPlan && !sameName(route.slaPlan, ticket.sla?.name)) return false;
  return true;
}

/** Resolves channel references against app settings. Unset settings are skipped (reported in `missing`). */
export function resolveChannels(
  refs: readonly z.infer<typeof channelRefsSchema>[],
  env: Env,
  capabilities: { teams: boolean; email: boolean },
  missing: Set<string> = new Set(),
): Channel[] {
  const byId = new Map<string, Channel>();
  const emails = new Set<string>();
  for (const ref of refs) {
    if (ref.teamsWebhookSetting) {
      const url = env[ref.teamsWebhookSetting]?.trim();
      if (!url || !/^https?:\/\//i.test(url)) missing.add(ref.teamsWebhookSetting);
      else if (capabilities.teams)
        byId.set(`teams:${ref.teamsWebhookSetting}`, { kind: 'teams', id: `teams:${ref.teamsWebhookSetting}`, url });
    }
    for (const e of ref.emails ?? []) emails.add(e.toLowerCase());
    if (ref.emailsSetting) {
      const list = parseRecipients(env[ref.emailsSetting]);
      if (list.length === 0) missing.add(ref.emailsSetting);
      for (const e of list) emails.add(e.toLowerCase());
    }
  }
  if (emails.size > 0 && capabilities.email) {
    const to = [...emails].sort();
    byId.set(emailChannelId(to), { kind: 'email', id: emailChannelId(to), to });
  }
  return [...byId.values()];
}

/** Stable, readable id for a recipient list; long lists are hashed to keep table keys short. */
export function emailChannelId(sortedRecipients: readonly string[]): string {
  const joined = sortedRecipients.join(',');
  if (joined.length <= 120) return `email:${joined}`;
  return `email:${sortedRecipients[0]}+${sortedRecipients.length - 1}:${createHash('sha256').update(joined).digest('hex').slice(0, 12)}`;
}

/** Channels for a ticket's alert: every matching route, else the fallback. */
export function channelRefsForTicket(policy: WatchPolicy, ticket: Ticket): z.infer<typeof channelRefsSchema>[] {
  const matched = policy.routes.filter((r) => routeMatches(r, ticket));
  return matched.length ? matched : [policy.fallback];
}

/** Channels for an escalation level: its own recipients when it names any, else the ticket's routes. */
export function channelRefsForEscalation(
  policy: WatchPolicy,
  ticket: Ticket,
  escalation: Escalation | undefined,
): z.infer<typeof channelRefsSchema>[] {
  if (escalation && (escalation.emails?.length || escalation.teamsWebhookSetting || escalation.emailsSetting))
    return [escalation];
  return channelRefsForTicket(policy, ticket);
}
