import { alertRowKey, createAlertLedger, type AlertKey } from '../../../shared/sla/watch/alert-ledger';
import { testTables } from '../../helpers/tables';

describe('alert ledger (Azurite)', () => {
  let now = new Date('2026-12-04T20:50:00Z');
  const tables = testTables();
  const ledger = createAlertLedger({ tables, clock: () => now, staleClaimMinutes: 10, maxAttempts: 3 });
  let n = 0;
  const key = (overrides: Partial<AlertKey> = {}): AlertKey => ({
    target: 'contoso',
    ticketId: ++n,
    clock: 'resolution',
    level: 1,
    dueAt: new Date('2026-12-04T21:00:00Z'),
    channelId: 'teams:TEAMS_WEBHOOK_URL',
    ...overrides,
  });

  it('claims once; a claimed alert is busy, a sent one stays sent', async () => {
    const k = key();
    const first = await ledger.claim(k, '100001');
    expect(first.kind).toBe('claimed');
    expect((await ledger.claim(k, '100001')).kind).toBe('busy');
    if (first.kind !== 'claimed') throw new Error('unreachable');
    expect((await ledger.get(k))!.state).toBe('pending');
    await ledger.markSent(first.claim);
    expect((await ledger.get(k))!.state).toBe('sent');
    expect((await ledger.claim(k, '100001')).kind).toBe('sent');
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const k = key();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => ledger.claim(k, '100002')));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
  });

  it('re-claims a failed alert on the next sweep, then abandons it after maxAttempts', async () => {
    const k = key();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const o = await ledger.claim(k, '100003');
      expect(o.kind).toBe('claimed');
      if (o.kind !== 'claimed') throw new Error('unreachable');
      expect(o.claim.record.attempts).toBe(attempt);
      await ledger.markFailed(o.claim, 'Teams webhook answered 429');
      expect((await ledger.get(k))!).toMatchObject({ state: 'failed', lastError: 'Teams webhook answered 429' });
    }
    expect((await ledger.claim(k, '100003')).kind).toBe('abandoned');
    expect((await ledger.get(k))!.state).toBe('abandoned');
  });

  it('re-claims a stale pending claim (a crashed sweep) with an ETag replace', async () => {
    const k = key();
    const first = await ledger.claim(k, '100004');
    expect(first.kind).toBe('claimed');
    now = new Date(now.getTime() + 11 * 60_000);
    const second = await ledger.claim(k, '100004');
    expect(second.kind).toBe('claimed');
    if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('unreachable');
    expect(second.claim.record.claimId).not.toBe(first.claim.record.claimId);
    // The stale sweep finishing late still records the delivery.
    await ledger.markSent(first.claim);
    expect((await ledger.get(k))!.state).toBe('sent');
  });

  it('treats a changed due instant as a new alert', async () => {
    const k = key();
    const a = await ledger.claim(k, '100005');
    if (a.kind !== 'claimed') throw new Error('unreachable');
    await ledger.markSent(a.claim);
    expect((await ledger.claim({ ...k, dueAt: new Date('2026-12-05T09:00:00Z') }, '100005')).kind).toBe('claimed');
    expect((await ledger.claim({ ...k, level: 2 }, '100005')).kind).toBe('claimed');
    expect((await ledger.claim({ ...k, channelId: 'email:ops@example.com' }, '100005')).kind).toBe('claimed');
  });

  it('records the first acknowledgement and keeps it', async () => {
    const due = new Date('2026-12-04T21:00:00Z');
    const ack = {
      target: 'contoso',
      ticketId: 900,
      clock: 'resolution' as const,
      dueAt: due.toISOString(),
      via: 'teams:X',
    };
    const first = await ledger.acknowledge({ ...ack, acknowledgedAt: '2026-12-04T21:05:00.000Z', by: 'Jane' });
    const second = await ledger.acknowledge({ ...ack, acknowledgedAt: '2026-12-04T21:09:00.000Z', by: 'John' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record).toMatchObject({ by: 'Jane', acknowledgedAt: '2026-12-04T21:05:00.000Z' });
    expect(await ledger.findAck('contoso', 900, 'resolution', due)).toMatchObject({ by: 'Jane' });
    expect(await ledger.findAck('contoso', 900, 'resolution', new Date('2026-12-05T00:00:00Z'))).toBeUndefined();
  });

  it('lists the recently sent alerts of a target in one query', async () => {
    const recent = key({ target: 'sent-list' });
    const old = key({ target: 'sent-list', dueAt: new Date(now.getTime() - 60 * 86_400_000) });
    const pending = key({ target: 'sent-list' });
    for (const k of [recent, old]) {
      const o = await ledger.claim(k, 'n');
      if (o.kind !== 'claimed') throw new Error('unreachable');
      await ledger.markSent(o.claim);
    }
    await ledger.claim(pending, 'n');
    expect([...(await ledger.sentRowKeys('sent-list'))]).toEqual([alertRowKey(recent)]);
  });

  it('keeps breach markers per target until cleared', async () => {
    const marker = {
      target: 'fabrikam',
      ticketId: 5,
      ticketNumber: '5',
      dueAt: '2026-12-04T21:00:00.000Z',
      breachedAt: now.toISOString(),
    };
    await ledger.markBreached(marker);
    await ledger.markBreached(marker);
    expect(await ledger.listBreached('fabrikam')).toEqual([marker]);
    await ledger.clearBreached('fabrikam', 5);
    expect(await ledger.listBreached('fabrikam')).toEqual([]);
  });
});
