// The plan and apply result model shared by the planner, the applier, the renderers and the run store.
import type { FieldProblem } from '../errors';

/** Object kinds in apply (dependency) order. */
export const OBJECT_KINDS = [
  'role',
  'schedule',
  'sla',
  'department',
  'agent',
  'team',
  'topic',
  'user',
  'settings',
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

export type PlanAction = 'create' | 'update' | 'unchanged' | 'unmanaged' | 'disable';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ItemRef {
  kind: ObjectKind;
  name: string;
}

export interface PlanItem extends ItemRef {
  action: PlanAction;
  /** osTicket id of the existing object (absent for creates). */
  id?: number;
  /** Changed fields for updates and disables (roster field names). */
  changes: FieldChange[];
  /** Why an unmanaged object is left alone, or other context. */
  note?: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  unmanaged: number;
  disable: number;
}

export interface Plan {
  target: string;
  prune: boolean;
  items: PlanItem[];
  counts: PlanCounts;
  /** create + update + disable: zero means the target already matches the roster. */
  changeCount: number;
  /** HTTP requests and list pages read to plan (for the no-change cost check). */
  reads: { requests: number; pages: number };
}

export type ItemStatus = 'applied' | 'failed' | 'skipped' | 'unchanged';

export interface ItemResult extends ItemRef {
  action: PlanAction;
  status: ItemStatus;
  id?: number;
  /** Names of the fields written. */
  fields?: string[];
  error?: string;
  /** osTicket's field problems (422). */
  problems?: FieldProblem[];
  /** Why the item was skipped, or what of it was left out (e.g. a member whose agent failed). */
  reason?: string;
}

export interface ApplyCounts {
  applied: number;
  failed: number;
  skipped: number;
  unchanged: number;
}

export interface ApplyResult {
  target: string;
  plan: Plan;
  results: ItemResult[];
  counts: ApplyCounts;
  ok: boolean;
}

export const itemKey = (ref: ItemRef): string => `${ref.kind}:${ref.name.toLowerCase()}`;

export function countPlan(items: PlanItem[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, unchanged: 0, unmanaged: 0, disable: 0 };
  for (const item of items) counts[item.action]++;
  return counts;
}

export function countResults(results: ItemResult[]): ApplyCounts {
  const counts: ApplyCounts = { applied: 0, failed: 0, skipped: 0, unchanged: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
