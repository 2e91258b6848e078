// The watch's adapter to the osTicket connector: open tickets in keyset pages (never closed ones), closed tickets
// since a date, and a missing ticket as undefined.
import { createOsTicketClient } from '../../../shared/osticket/client';
import { silentLogger } from '../../../shared/logging/logger';
import { watchSourceFromClient } from '../../../shared/sla/watch/osticket-source';
import type { TicketBatch } from '../../../shared/sla/watch/watch-source';
import { FakeOsTicketServer } from '../../fakes/osticket-server';

describe('watch source from the osTicket connector', () => {
  const fake = new FakeOsTicketServer();
  let url = '';
  beforeAll(async () => ({ url } = await fake.start()));
  afterAll(() => fake.stop());

  const source = () =>
    watchSourceFromClient(
      createOsTicketClient({
        baseUrl: url,
        opsKey: fake.readOnlyKey,
        apiStyle: 'rewrite',
        timeoutMs: 5000,
        logger: silentLogger,
        retry: { retries: 0 },
      }),
    );
  const collect = async (it: AsyncIterable<TicketBatch>) => {
    const batches: TicketBatch[] = [];
    for await (const b of it) batches.push(b);
    return batches;
  };

  it('reads every open ticket in keyset pages of 500, and only open ones', async () => {
    const open = fake.seedTickets(1_201, (i) => ({ createdAt: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString() }));
    const closed = fake.seedTickets(30, () => ({ statusId: 3 }));
    const batches = await collect(source().openTickets());
    expect(batches.map((b) => b.tickets.length)).toEqual([500, 500, 201]);
    const ids = batches.flatMap((b) => b.tickets.map((t) => t.id));
    expect(new Set(ids).size).toBe(1_201);
    expect(ids.sort((a, b) => a - b)).toEqual(open.map((t) => t.id).sort((a, b) => a - b));
    expect(ids).not.toContain(closed[0]!.id);
    const pages = fake.requests.filter((r) => r.route === 'ops/tickets');
    expect(pages.map((r) => r.query['state'])).toEqual(['open', 'open', 'open']);
    expect(pages[0]!.query['after']).toBeUndefined();
    expect(pages[1]!.query['after']).toEqual(expect.any(String));
  });

  it('reads closed tickets updated since a date, and reports a missing ticket as undefined', async () => {
    const batches = await collect(source().closedTicketsSince(new Date('2000-01-01T00:00:00Z')));
    expect(batches.flatMap((b) => b.tickets).every((t) => t.status.state === 'closed')).toBe(true);
    expect(batches.flatMap((b) => b.tickets)).toHaveLength(30);
    await expect(source().ticket(999_999)).resolves.toBeUndefined();
  });
});
