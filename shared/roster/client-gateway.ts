// The roster gateway over the connector's typed client: every list read page by page (counted), writes as-is.
import { MAX_PAGE_SIZE, type ResourceItem } from '../osticket/contract';
import type { OsTicketClient } from '../osticket/client';
import type { GatewayResource, GatewayResources, RosterGateway } from './osticket-gateway';

export interface ClientGatewayOptions {
  /** List page size; the largest the contract allows by default, so a plan reads as few pages as possible. */
  pageSize?: number;
}

type OpsClientLike = Pick<OsTicketClient, 'list' | 'create' | 'update' | 'getSettings' | 'updateSettings' | 'stats'>;

export function createClientGateway(client: OpsClientLike, options: ClientGatewayOptions = {}): RosterGateway {
  const limit = options.pageSize ?? MAX_PAGE_SIZE;
  let pages = 0;
  const start = client.stats().requests;
  async function readAll<R extends GatewayResource | 'priorities'>(resource: R): Promise<ResourceItem<R>[]> {
    const out: ResourceItem<R>[] = [];
    let after: string | undefined;
    do {
      const page = await client.list(resource, { limit, ...(after ? { after } : {}) });
      pages += 1;
      out.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    return out;
  }
  return {
    listAll: <R extends GatewayResource>(resource: R) =>
      readAll(resource) as unknown as Promise<GatewayResources[R]['item'][]>,
    listPriorities: () => readAll('priorities'),
    getSettings: () => client.getSettings(),
    create: <R extends GatewayResource>(resource: R, body: GatewayResources[R]['create']) =>
      client.create(resource, body as never) as unknown as Promise<GatewayResources[R]['item']>,
    update: <R extends GatewayResource>(resource: R, id: number, body: GatewayResources[R]['update']) =>
      client.update(resource, id, body as never) as unknown as Promise<GatewayResources[R]['item']>,
    updateSettings: (body) => client.updateSettings(body),
    stats: () => ({ requests: client.stats().requests - start, pages }),
  };
}
