// Cross-reference checks of a roster: unknown names, duplicates and cyclic parents, each reported by path.
// Runs on the raw input, so these problems are reported together with the schema's own (bad e-mail, …).
import type { FieldProblem } from '../errors';

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Name keys are compared case-insensitively, as osTicket's utf8_general_ci collation does. */
const key = (v: string) => v.toLowerCase();

interface Named {
  path: string;
  name: string;
  item: Raw;
}

function named(root: Raw, section: string, field: string): Named[] {
  const out: Named[] = [];
  list(root[section]).forEach((item, i) => {
    if (!isRecord(item)) return;
    const value = text(item[field]);
    if (value !== undefined) out.push({ path: `${section}[${i}]`, name: value, item });
  });
  return out;
}

function duplicates(items: Named[], field: string, what: string, problems: FieldProblem[]): Map<string, Named> {
  const seen = new Map<string, Named>();
  for (const it of items) {
    const first = seen.get(key(it.name));
    if (first)
      problems.push({ field: `${it.path}.${field}`, message: `duplicate ${what} "${it.name}" (also ${first.path})` });
    else seen.set(key(it.name), it);
  }
  return seen;
}

/** Walks parent links and reports each cycle once, at the first member found. */
function cycles(items: Map<string, Named>, what: string, problems: FieldProblem[]): void {
  const reported = new Set<string>();
  for (const start of items.values()) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: Named | undefined = start;
    while (current) {
      const k = key(current.name);
      if (onChain.has(k)) {
        const loop = chain.slice(chain.indexOf(k));
        if (!loop.some((n) => reported.has(n))) {
          loop.forEach((n) => reported.add(n));
          const names = loop.map((n) => items.get(n)!.name);
          problems.push({
            field: `${current.path}.parent`,
            message: `cyclic parent ${what}s: ${[...names, current.name].join(' → ')}`,
          });
        }
        break;
      }
      onChain.add(k);
      chain.push(k);
      const parent = text(current.item['parent']);
      current = parent === undefined ? undefined : items.get(key(parent));
    }
  }
}

/** Returns every reference problem in the raw roster (an empty list when all names resolve). */
export function rosterReferenceProblems(input: unknown): FieldProblem[] {
  if (!isRecord(input)) return [];
  const problems: FieldProblem[] = [];

  const roles = duplicates(named(input, 'roles', 'name'), 'name', 'role', problems);
  const schedules = duplicates(named(input, 'schedules', 'name'), 'name', 'schedule', problems);
  const slas = duplicates(named(input, 'slaPlans', 'name'), 'name', 'SLA plan', problems);
  const departments = duplicates(named(input, 'departments', 'name'), 'name', 'department', problems);
  const teams = duplicates(named(input, 'teams', 'name'), 'name', 'team', problems);
  const agents = duplicates(named(input, 'agents', 'username'), 'username', 'agent', problems);
  duplicates(named(input, 'agents', 'email'), 'email', 'agent e-mail', problems);
  duplicates(named(input, 'users', 'email'), 'email', 'user e-mail', problems);
  const topics = duplicates(named(input, 'helpTopics', 'name'), 'name', 'help topic', problems);

  const check = (index: Map<string, Named>, what: string, value: unknown, field: string) => {
    const name = text(value);
    if (name !== undefined && !index.has(key(name))) problems.push({ field, message: `unknown ${what} "${name}"` });
  };
  const each = (section: string, fn: (item: Raw, path: string) => void) =>
    list(input[section]).forEach((item, i) => isRecord(item) && fn(item, `${section}[${i}]`));

  each('schedules', (s, path) => {
    list(s['holidays']).forEach((h, j) => {
      const name = text(h);
      if (name === undefined) return;
      const target = schedules.get(key(name));
      if (!target) problems.push({ field: `${path}.holidays[${j}]`, message: `unknown schedule "${name}"` });
      else if (target.item['kind'] !== 'holiday')
        problems.push({ field: `${path}.holidays[${j}]`, message: `schedule "${name}" is not a holiday schedule` });
    });
  });
  each('slaPlans', (s, path) => check(schedules, 'schedule', s['schedule'], `${path}.schedule`));
  each('departments', (d, path) => {
    check(departments, 'department', d['parent'], `${path}.parent`);
    check(slas, 'SLA plan', d['sla'], `${path}.sla`);
    check(schedules, 'schedule', d['schedule'], `${path}.schedule`);
    check(agents, 'agent', d['manager'], `${path}.manager`);
  });
  each('teams', (t, path) => {
    check(agents, 'agent', t['lead'], `${path}.lead`);
    for (const m of list(t['members'])) check(agents, 'agent', m, `${path}.members`);
  });
  each('agents', (a, path) => {
    check(departments, 'department', a['department'], `${path}.department`);
    check(roles, 'role', a['role'], `${path}.role`);
    list(a['access']).forEach((x, k) => {
      if (!isRecord(x)) return;
      check(departments, 'department', x['department'], `${path}.access[${k}].department`);
      check(roles, 'role', x['role'], `${path}.access[${k}].role`);
    });
    for (const t of list(a['teams'])) check(teams, 'team', t, `${path}.teams`);
  });
  each('helpTopics', (t, path) => {
    check(topics, 'help topic', t['parent'], `${path}.parent`);
    check(departments, 'department', t['department'], `${path}.department`);
    check(slas, 'SLA plan', t['sla'], `${path}.sla`);
    const assign = t['assignTo'];
    if (isRecord(assign)) {
      check(agents, 'agent', assign['agent'], `${path}.assignTo.agent`);
      check(teams, 'team', assign['team'], `${path}.assignTo.team`);
    }
  });

  cycles(departments, 'department', problems);
  cycles(topics, 'topic', problems);
  return problems;
}
