// The plan: the roster diffed against one osTicket's current state, by name. Every roster object is create,
// update (with the changed fields) or unchanged; objects only in osTicket are unmanaged, or disabled with prune.
import type { CurrentState } from './current-state';
import { nameIndex } from './current-state';
import type { ListStats } from './osticket-gateway';
import { OBJECT_KINDS, countPlan, itemKey, type FieldChange, type Plan, type PlanItem } from './plan-model';
import { canonFor, currentObjects, desiredObjects, type CurrentObject } from './roster-objects';
import type { Roster } from './roster-schema';

export interface PlanOptions {
  target: string;
  /** Prune even if the roster does not say so (ROSTER_PRUNE). */
  prune?: boolean;
  reads?: ListStats;
}

/** JSON with sorted keys, so equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const NO_DISABLE: Partial<Record<string, string>> = {
  schedule: 'osTicket has no disable for schedules',
  user: 'osTicket has no disable for users',
  settings: 'settings are never pruned',
};

export function planRoster(roster: Roster, state: CurrentState, options: PlanOptions): Plan {
  const prune = roster.prune || options.prune === true;
  const current = currentObjects(state, nameIndex(state), canonFor(roster));
  const currentByKey = new Map<string, CurrentObject>();
  for (const c of current) if (!currentByKey.has(itemKey(c))) currentByKey.set(itemKey(c), c);
  const desired = desiredObjects(roster);
  const desiredKeys = new Set(desired.map(itemKey));

  const items: PlanItem[] = [];
  for (const kind of OBJECT_KINDS) {
    for (const d of desired) {
      if (d.kind !== kind) continue;
      const c = currentByKey.get(itemKey(d));
      if (!c) {
        const changes = Object.entries(d.view).map(([field, to]) => ({ field, from: null, to }));
        items.push({ kind, name: d.name, action: 'create', changes });
        continue;
      }
      const changes: FieldChange[] = [];
      for (const [field, to] of Object.entries(d.view)) {
        const from = c.view[field] ?? null;
        if (stableJson(from) !== stableJson(to)) changes.push({ field, from, to });
      }
      items.push({ kind, name: d.name, id: c.id, action: changes.length ? 'update' : 'unchanged', changes });
    }
    for (const c of current) {
      if (c.kind !== kind || desiredKeys.has(itemKey(c)) || kind === 'settings') continue;
      const item: PlanItem = { kind, name: c.name, id: c.id, action: 'unmanaged', changes: [] };
      if (prune) {
        if (!c.disable) item.note = NO_DISABLE[kind] ?? 'cannot be disabled';
        else if (c.keep) item.note = c.keep;
        else if (!c.disable.enabled) item.note = 'already disabled';
        else {
          item.action = 'disable';
          item.changes = [{ field: c.disable.field, from: true, to: false }];
        }
      }
      items.push(item);
    }
  }
  const counts = countPlan(items);
  return {
    target: options.target,
    prune,
    items,
    counts,
    changeCount: counts.create + counts.update + counts.disable,
    reads: options.reads ?? { requests: 0, pages: 0 },
  };
}
