// The run store over Azurite: large runs are split into chunks under the table property limit and read back
// whole; summaries list newest first and carry the problem items.
import { NotFoundError } from '../../shared/errors';
import { createTableRunStore, type RunItem } from '../../shared/roster/run-store';
import { testTables } from '../helpers/tables';

const base = {
  mode: 'apply' as const,
  target: 'desk',
  trigger: { source: 'timer' as const, ref: 'inv-1' },
  finishedAt: '2026-12-04T21:00:05Z',
};

it('stores thousands of items in chunks and reads them back in order', async () => {
  const store = createTableRunStore(testTables());
  const items: RunItem[] = Array.from({ length: 3000 }, (_, i) => ({
    kind: 'user',
    name: `customer${i}@example.org`,
    status: i === 7 ? 'failed' : 'applied',
    action: 'create',
    fields: ['name', 'portalAccount'],
  }));
  items.push({ kind: 'schedule', name: 'Huge', status: 'applied', changes: 'x'.repeat(40_000) });
  const saved = await store.save({ ...base, startedAt: '2026-12-04T21:00:00Z', status: 'problems' }, items);
  expect(saved.itemCount).toBe(3001);
  expect(saved.problems).toEqual([expect.objectContaining({ name: 'customer7@example.org', status: 'failed' })]);
  const back = await store.get(saved.runId);
  expect(back.items).toHaveLength(3001);
  expect(back.items[2999]!.name).toBe('customer2999@example.org');
  expect(back.items[3000]).toEqual({ kind: 'schedule', name: 'Huge', truncated: true });

  const later = await store.save({ ...base, startedAt: '2026-12-04T22:00:00Z', status: 'ok' }, []);
  expect((await store.list(5)).map((s) => s.runId)).toEqual([later.runId, saved.runId]);
  await expect(store.get('0000-nope')).rejects.toThrow(NotFoundError);
});
