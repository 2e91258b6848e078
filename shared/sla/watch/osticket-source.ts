// Adapts the osTicket connector (shared/osticket/) to the SLA watch: open tickets in keyset pages with contract
// failures reported per ticket, and the connector's resolved targets as watch targets.
import type { OpsClient } from '../../osticket/ops-client';
import { OsTicketNotFoundError } from '../../osticket/errors';
import type { ClientOverrides, ResolvedTargets } from '../../osticket/targets';
import type { TicketQuery } from '../../osticket/ops-client';
import type { ResolvedWatchTargets, TicketBatch, WatchSource } from './watch-source';

const PAGE_SIZE = 500;

async function* pages(client: OpsClient, query: TicketQuery): AsyncGenerator<TicketBatch> {
  let after: string | undefined;
  do {
    const p = await client.listTicketsPage({ ...query, limit: PAGE_SIZE, after });
    const batch: TicketBatch = { tickets: [], invalid: [] };
    p.results.forEach((r, i) => {
      if (r.ok) batch.tickets.push(r.ticket);
      else
        batch.invalid.push({
          ref: r.number ? `#${r.number}` : r.id !== undefined ? `id ${r.id}` : `item ${i} of a page`,
          ...(r.id !== undefined ? { id: r.id } : {}),
          problem: r.error.message,
        });
    });
    yield batch;
    after = p.next ?? undefined;
  } while (after);
}

export function watchSourceFromClient(client: OpsClient): WatchSource {
  return {
    openTickets: () => pages(client, { state: 'open' }),
    closedTicketsSince: (since) => pages(client, { state: 'closed', updatedSince: since }),
    async ticket(id) {
      try {
        return await client.getTicket(id);
      } catch (err) {
        if (err instanceof OsTicketNotFoundError) return undefined;
        throw err;
      }
    },
    schedules: () => client.listSchedules(),
    departments: () => client.listDepartments(),
    settings: () => client.getSettings(),
  };
}

/** The connector's targets (environments + the configured osTicket) as watch targets. */
export function watchTargetsFromConnector(resolved: ResolvedTargets, overrides: ClientOverrides): ResolvedWatchTargets {
  return {
    targets: resolved.targets.map((t) => ({
      name: t.name,
      staffUrl: t.staffUrl,
      source: watchSourceFromClient(t.createClient(overrides)),
    })),
    errors: resolved.errors.map((e) => ({ target: e.target, error: e.message })),
  };
}
