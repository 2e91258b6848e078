// Applies a plan in dependency order (roles → schedules → SLA plans → departments → agents → teams → help topics
// → users → settings), resolving names to ids as objects are created. A failing item never stops independent
// ones; items that need a failed one are skipped with the reason. Team members and department managers whose
// agent failed are left out (and reported) rather than failing the whole team or department.
import { ensureErrorType, type FieldProblem } from '../errors';
import { redact } from '../logging/redact';
import type { Logger } from '../logging/logger';
import {
  CREATE,
  MissingReferenceError,
  agentBody,
  departmentBody,
  roleBody,
  scheduleBody,
  settingsBody,
  slaBody,
  teamBody,
  topicBody,
  userBody,
  type IdOf,
} from './apply-bodies';
import type { CurrentState } from './current-state';
import type { GatewayResource, RosterGateway } from './osticket-gateway';
import {
  OBJECT_KINDS,
  countResults,
  itemKey,
  type ApplyResult,
  type ItemRef,
  type ItemResult,
  type ObjectKind,
  type Plan,
  type PlanItem,
} from './plan-model';
import { desiredObjects } from './roster-objects';
import type { Roster } from './roster-schema';

export interface ApplyDeps {
  gateway: RosterGateway;
  logger: Logger;
  /** Writes in flight at once for kinds whose objects are independent (default 4). */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 4;
/** Kinds whose objects never reference another object of the same kind (no parents, no holiday links). */
const PARALLEL_KINDS = new Set<ObjectKind>(['role', 'sla', 'agent', 'team', 'user']);

const RESOURCE: Record<Exclude<ObjectKind, 'settings'>, GatewayResource> = {
  role: 'roles',
  schedule: 'schedules',
  sla: 'sla',
  department: 'departments',
  agent: 'agents',
  team: 'teams',
  topic: 'topics',
  user: 'users',
};

const lower = (s: string) => s.toLowerCase();

export async function applyPlan(
  roster: Roster,
  plan: Plan,
  state: CurrentState,
  deps: ApplyDeps,
): Promise<ApplyResult> {
  const { gateway, logger } = deps;
  const ids = seedIds(state);
  const results: ItemResult[] = [];
  /** Items that did not get written, with why: their dependents are skipped. */
  const broken = new Map<string, string>();
  const needs = new Map(desiredObjects(roster).map((d) => [itemKey(d), d.needs]));
  const find = lookups(roster);
  const deferredManagers: { item: PlanItem; departmentId: number; manager: string }[] = [];

  const idOf: IdOf = (kind, name) => {
    const id = ids.get(`${kind}:${lower(name)}`);
    if (id === undefined) throw new MissingReferenceError(kind, name);
    return id;
  };
  const brokenReason = (refs: ItemRef[]) => {
    for (const ref of refs) {
      const why = broken.get(itemKey(ref));
      if (why !== undefined) return `needs ${ref.kind} "${ref.name}", which ${why}`;
    }
    return undefined;
  };

  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  for (const kind of OBJECT_KINDS) {
    const items = plan.items.filter((i) => i.kind === kind);
    if (!PARALLEL_KINDS.has(kind) || concurrency === 1) {
      for (const item of items) results.push(...(await applyItem(item)));
    } else {
      // Objects of these kinds never reference each other: write them a few at a time, results in plan order.
      const slots: ItemResult[][] = new Array<ItemResult[]>(items.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < items.length; i = next++) slots[i] = await applyItem(items[i]!);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
      for (const slot of slots) results.push(...slot);
    }
    if (kind === 'agent') await setManagers();
  }

  const counts = countResults(results);
  return { target: plan.target, plan, results, counts, ok: counts.failed === 0 && counts.skipped === 0 };

  async function applyItem(item: PlanItem): Promise<ItemResult[]> {
    const base = { kind: item.kind, name: item.name, action: item.action };
    if (item.action === 'unmanaged') return [];
    if (item.action === 'unchanged') return [{ ...base, status: 'unchanged', id: item.id }];
    const skip = brokenReason(needs.get(itemKey(item)) ?? []);
    if (skip) {
      broken.set(itemKey(item), 'was skipped');
      return [{ ...base, status: 'skipped', reason: skip }];
    }
    const fields = new Set(item.changes.map((c) => c.field));
    if (item.action === 'create') fields.add(CREATE);
    try {
      return await writeItem(item, fields);
    } catch (err) {
      const failure = describeFailure(err);
      broken.set(itemKey(item), `failed: ${failure.error}`);
      logger.warn(`roster ${plan.target}: ${item.action} ${item.kind} "${item.name}" failed: ${failure.error}`);
      return [{ ...base, status: 'failed', ...failure }];
    }
  }

  async function writeItem(item: PlanItem, fields: Set<string>): Promise<ItemResult[]> {
    const base = { kind: item.kind, name: item.name, action: item.action };
    if (item.action === 'disable') {
      const resource = RESOURCE[item.kind as Exclude<ObjectKind, 'settings'>];
      const field = item.changes[0]?.field === 'enabled' ? 'isEnabled' : 'isActive';
      await gateway.update(resource, item.id!, { [field]: false } as never);
      return [{ ...base, status: 'applied', id: item.id, fields: item.changes.map((c) => c.field) }];
    }
    let body: object;
    let reason: string | undefined;
    let written = [...fields].filter((f) => f !== CREATE);
    switch (item.kind) {
      case 'role':
        body = roleBody(find.role(item.name), fields);
        break;
      case 'schedule':
        body = scheduleBody(find.schedule(item.name), fields, idOf);
        break;
      case 'sla':
        body = slaBody(find.sla(item.name), fields, idOf);
        break;
      case 'department': {
        const d = find.department(item.name);
        const withoutManager = new Set([...fields].filter((f) => f !== 'manager'));
        body = departmentBody(d, withoutManager, idOf);
        if (fields.has('manager') && d.manager) {
          const managerId = ids.get(`agent:${lower(d.manager)}`);
          if (managerId !== undefined) Object.assign(body, { managerId });
          else {
            written = written.filter((f) => f !== 'manager');
            reason = `manager "${d.manager}" is set after the agents`;
          }
        }
        if (Object.keys(body).length === 0 && item.action === 'update' && reason) {
          deferredManagers.push({ item, departmentId: item.id!, manager: d.manager! });
          return [];
        }
        const saved = await save(item, body);
        if (reason) deferredManagers.push({ item, departmentId: saved, manager: d.manager! });
        return [{ ...base, status: 'applied', id: saved, fields: written, ...(reason ? { reason } : {}) }];
      }
      case 'agent':
        body = agentBody(find.agent(item.name), fields, idOf);
        break;
      case 'team': {
        const t = find.team(item.name);
        body = teamBody(t, fields);
        const left: string[] = [];
        if (fields.has('members')) {
          const members: { staffId: number }[] = [];
          for (const username of t.members) {
            const why = broken.get(`agent:${lower(username)}`);
            const staffId = ids.get(`agent:${lower(username)}`);
            if (why !== undefined || staffId === undefined)
              left.push(`member "${username}" (agent ${why ?? 'missing'})`);
            else members.push({ staffId });
          }
          Object.assign(body, { members });
        }
        if (fields.has('lead') && t.lead) {
          const leadId = ids.get(`agent:${lower(t.lead)}`);
          if (leadId === undefined || broken.has(`agent:${lower(t.lead)}`)) left.push(`lead "${t.lead}"`);
          else Object.assign(body, { leadId });
        }
        const saved = await save(item, body);
        const applied: ItemResult = { ...base, status: 'applied', id: saved, fields: written };
        if (left.length === 0) return [applied];
        return [applied, { ...base, status: 'skipped', fields: ['members'], reason: `left out ${left.join(', ')}` }];
      }
      case 'topic':
        body = topicBody(find.topic(item.name), fields, idOf);
        break;
      case 'user':
        body = userBody(find.user(item.name), fields);
        break;
      case 'settings':
        await gateway.updateSettings(settingsBody(find.settings(), fields));
        return [{ ...base, status: 'applied', fields: written }];
    }
    const saved = await save(item, body);
    return [{ ...base, status: 'applied', id: saved, fields: written }];
  }

  async function save(item: PlanItem, body: object): Promise<number> {
    const resource = RESOURCE[item.kind as Exclude<ObjectKind, 'settings'>];
    const saved =
      item.action === 'create'
        ? await gateway.create(resource, body as never)
        : await gateway.update(resource, item.id!, body as never);
    ids.set(`${item.kind}:${lower(item.name)}`, saved.id);
    return saved.id;
  }

  async function setManagers(): Promise<void> {
    for (const { item, departmentId, manager } of deferredManagers.splice(0)) {
      const base = { kind: 'department' as const, name: item.name, action: 'update' as const, fields: ['manager'] };
      const why = broken.get(`agent:${lower(manager)}`);
      const managerId = ids.get(`agent:${lower(manager)}`);
      if (why !== undefined || managerId === undefined) {
        results.push({ ...base, status: 'skipped', reason: `manager "${manager}": agent ${why ?? 'missing'}` });
        continue;
      }
      try {
        await gateway.update('departments', departmentId, { managerId });
        results.push({ ...base, status: 'applied', id: departmentId });
      } catch (err) {
        results.push({ ...base, status: 'failed', ...describeFailure(err) });
      }
    }
  }
}

function seedIds(state: CurrentState): Map<string, number> {
  const ids = new Map<string, number>();
  const add = (kind: ObjectKind | 'priority', entries: [string, number][]) =>
    entries.forEach(([name, id]) => ids.set(`${kind}:${lower(name)}`, id));
  const byName = (items: { id: number; name: string }[]) => items.map((i): [string, number] => [i.name, i.id]);
  add('role', byName(state.roles));
  add('schedule', byName(state.schedules));
  add('sla', byName(state.sla));
  add('department', byName(state.departments));
  add(
    'agent',
    state.agents.map((a): [string, number] => [a.username, a.id]),
  );
  add('team', byName(state.teams));
  add('topic', byName(state.topics));
  add(
    'user',
    state.users.map((u): [string, number] => [u.email, u.id]),
  );
  add('priority', byName(state.priorities));
  return ids;
}

function lookups(roster: Roster) {
  const index = <T>(items: T[], name: (t: T) => string) => {
    const map = new Map(items.map((i) => [lower(name(i)), i]));
    return (n: string): T => {
      const found = map.get(lower(n));
      if (!found) throw new Error(`roster has no "${n}"`);
      return found;
    };
  };
  return {
    role: index(roster.roles, (r) => r.name),
    schedule: index(roster.schedules, (s) => s.name),
    sla: index(roster.slaPlans, (s) => s.name),
    department: index(roster.departments, (d) => d.name),
    agent: index(roster.agents, (a) => a.username),
    team: index(roster.teams, (t) => t.name),
    topic: index(roster.helpTopics, (t) => t.name),
    user: index(roster.users, (u) => u.email),
    settings: () => roster.settings,
  };
}

/** A short, key-free description of a failed write, with osTicket's field problems when it gave them. */
export function describeFailure(err: unknown): { error: string; problems?: FieldProblem[] } {
  const e = ensureErrorType(err);
  const message = String(redact(e.message)).slice(0, 500);
  const fields = (err as { fields?: unknown }).fields;
  const problems = Array.isArray(fields)
    ? (fields as unknown[])
        .filter((f): f is FieldProblem => typeof (f as FieldProblem)?.field === 'string')
        .map((f) => ({ field: f.field, message: String(redact(f.message)) }))
    : [];
  const status = (err as { status?: unknown }).status;
  const prefix = err instanceof MissingReferenceError ? '' : typeof status === 'number' ? `${status} ` : '';
  return { error: `${prefix}${message}`, ...(problems.length ? { problems } : {}) };
}
