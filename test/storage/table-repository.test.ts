import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { TableRepository, reverseTimeKey, safeKey } from '../../shared/storage/table-repository';
import { testTables } from '../helpers/tables';

const Widget = z.object({ name: z.string(), count: z.number().int(), tags: z.array(z.string()) });
type Widget = z.infer<typeof Widget>;

describe('TableRepository against Azurite', () => {
  const repo = new TableRepository<Widget>(testTables(), 'widgets', Widget, (w) => ({ name: w.name }));

  it('round-trips a nested value', async () => {
    const etag = await repo.upsert('p1', 'r1', { name: 'alpha', count: 3, tags: ['a', 'b'] });
    expect(etag).toBeTruthy();
    const got = await repo.get('p1', 'r1');
    expect(got?.value).toEqual({ name: 'alpha', count: 3, tags: ['a', 'b'] });
    expect(got?.etag).toBe(etag);
  });

  it('returns undefined for a missing entity and throws NotFoundError from getOrThrow', async () => {
    expect(await repo.get('p1', 'missing')).toBeUndefined();
    await expect(repo.getOrThrow('p1', 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('detects an ETag conflict', async () => {
    await repo.upsert('p2', 'r1', { name: 'v1', count: 1, tags: [] });
    const first = await repo.getOrThrow('p2', 'r1');
    await repo.replace('p2', 'r1', { ...first.value, count: 2 }, first.etag);
    await expect(repo.replace('p2', 'r1', { ...first.value, count: 3 }, first.etag)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await repo.getOrThrow('p2', 'r1')).value.count).toBe(2);
  });

  it('inserts only once with insertIfAbsent', async () => {
    const a = await repo.insertIfAbsent('p3', 'k', { name: 'first', count: 1, tags: [] });
    const b = await repo.insertIfAbsent('p3', 'k', { name: 'second', count: 2, tags: [] });
    expect(a).toBeTruthy();
    expect(b).toBeUndefined();
    expect((await repo.getOrThrow('p3', 'k')).value.name).toBe('first');
  });

  it('lets exactly one of two concurrent conditional inserts win', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => repo.insertIfAbsent('p4', 'race', { name: `w${i}`, count: i, tags: [] })),
    );
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('serialises concurrent read-modify-write updates through ETag retries', async () => {
    await repo.upsert('p5', 'counter', { name: 'c', count: 0, tags: [] });
    await Promise.all(
      Array.from({ length: 4 }, () =>
        repo.update('p5', 'counter', (cur) => ({ name: 'c', count: (cur?.count ?? 0) + 1, tags: [] }), 20),
      ),
    );
    expect((await repo.getOrThrow('p5', 'counter')).value.count).toBe(4);
  });

  it('lists by partition and filter on an indexed column, and deletes', async () => {
    await repo.upsert('p6', 'a', { name: 'keep', count: 1, tags: [] });
    await repo.upsert('p6', 'b', { name: 'drop', count: 2, tags: [] });
    const all = await repo.list({ partitionKey: 'p6' });
    expect(all.map((s) => s.rowKey).sort()).toEqual(['a', 'b']);
    const kept = await repo.list({ partitionKey: 'p6', filter: "name eq 'keep'" });
    expect(kept.map((s) => s.value.name)).toEqual(['keep']);
    await repo.delete('p6', 'b');
    expect(await repo.get('p6', 'b')).toBeUndefined();
  });

  it('rejects a value that fails the schema before writing', async () => {
    await expect(repo.upsert('p7', 'bad', { name: 'x', count: 1.5, tags: [] })).rejects.toThrow();
    expect(await repo.get('p7', 'bad')).toBeUndefined();
  });
});

describe('keys', () => {
  it('orders reverse time keys newest first', () => {
    const older = reverseTimeKey(new Date('2026-01-01T00:00:00Z'));
    const newer = reverseTimeKey(new Date('2026-06-01T00:00:00Z'));
    expect([older, newer].sort()).toEqual([newer, older]);
  });

  it('replaces characters Azure Tables forbid in keys', () => {
    expect(safeKey('a/b\\c#d?e\u0001')).toBe('a_b_c_d_e_');
  });
});
