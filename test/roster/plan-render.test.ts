// Plan and result renderers: readable tables, unchanged rows hidden unless verbose, markdown escaping.
import { countPlan, countResults, type ItemResult, type Plan, type PlanItem } from '../../shared/roster/plan-model';
import {
  renderPlanMarkdown,
  renderPlanText,
  renderResultMarkdown,
  renderResultText,
} from '../../shared/roster/plan-render';

const items: PlanItem[] = [
  { kind: 'sla', name: 'Sev-A', id: 1, action: 'update', changes: [{ field: 'graceHours', from: 1, to: 2 }] },
  { kind: 'team', name: 'Ops | Night', action: 'create', changes: [{ field: 'members', from: null, to: ['jane'] }] },
  { kind: 'user', name: 'ken@example.com', id: 3, action: 'unchanged', changes: [] },
  { kind: 'role', name: 'Old', id: 4, action: 'unmanaged', changes: [] },
];
const plan: Plan = {
  target: 'desk',
  prune: false,
  items,
  counts: countPlan(items),
  changeCount: 2,
  reads: { requests: 10, pages: 9 },
};

it('renders a text table with the changed fields, hiding unchanged rows unless verbose', () => {
  const text = renderPlanText(plan);
  expect(text).toContain('Roster plan for desk: 2 changes');
  expect(text).toMatch(/UPDATE\s+sla\s+Sev-A\s+graceHours: 1 → 2/);
  expect(text).toMatch(/CREATE\s+team\s+Ops \| Night\s+members=\[jane\]/);
  expect(text).not.toContain('ken@example.com');
  expect(text).toContain('1 to create, 1 to update, 0 to disable, 1 unchanged, 1 unmanaged (left alone: prune is off)');
  expect(renderPlanText(plan, { verbose: true })).toMatch(/UNCHANGED\s+user\s+ken@example.com/);
});

it('renders markdown with escaped pipes', () => {
  const md = renderPlanMarkdown(plan);
  expect(md).toContain('| Action | Kind | Name | Details |');
  expect(md).toContain('| create | team | Ops \\| Night | members=[jane] |');
});

it('renders apply results with reasons and osTicket field problems', () => {
  const results: ItemResult[] = [
    {
      kind: 'agent',
      name: 'jane',
      action: 'create',
      status: 'failed',
      error: '422 invalid',
      problems: [{ field: 'email', message: 'in use' }],
    },
    { kind: 'team', name: 'L2', action: 'create', status: 'skipped', reason: 'left out member "jane"' },
    { kind: 'user', name: 'ken@example.com', action: 'unchanged', status: 'unchanged' },
  ];
  const result = { target: 'desk', plan, results, counts: countResults(results), ok: false };
  const text = renderResultText(result);
  expect(text).toContain('Roster apply on desk: completed with problems');
  expect(text).toMatch(/FAILED\s+create\s+agent\s+jane\s+422 invalid; email: in use/);
  expect(text).toMatch(/SKIPPED\s+create\s+team\s+L2\s+left out member "jane"/);
  expect(text).toContain('0 applied, 1 failed, 1 skipped, 1 unchanged');
  expect(renderResultMarkdown(result)).toContain('| skipped | create | team | L2 | left out member "jane" |');
});
