// Typed client of the ops API (infra/osticket/ plugin): every response is parsed with the contract, and a
// drifted response is an OsTicketContractError naming the field. Ticket lists can skip (and report) a single
// ticket that fails the contract instead of failing the whole read.
import { z } from 'zod';
import { formatPath } from '../http/validation';
import {
  OPS_KEY_HEADER,
  health,
  page,
  resources,
  settings as settingsSchema,
  ticket as ticketSchema,
  type Health,
  type OsTicketSettings,
  type Page,
  type ResourceCreate,
  type ResourceItem,
  type ResourceName,
  type ResourceUpdate,
  type SettingsUpdate,
  type Ticket,
  type TicketListQuery,
  type WritableResourceName,
} from './contract';
import { OsTicketContractError, excerpt, opsError } from './errors';
import { parseRetryAfter, type Transport } from './transport';

/** One ticket of a list: parsed, or reported as invalid (with whatever id/number could be read). */
export type TicketResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; id: number | undefined; number: string | undefined; error: OsTicketContractError };

export interface TicketQuery {
  state?: TicketListQuery['state'];
  updatedSince?: Date | string;
  /** Page size (1-500). */
  limit?: number;
}

export interface ChangedTickets {
  tickets: Ticket[];
  invalid: Extract<TicketResult, { ok: false }>[];
  /** The largest `updatedAt` seen (or the input watermark): pass it to the next call. Inclusive, so dedupe by id. */
  watermark: string;
}

const rawPage = page(z.unknown());

const itemSchema = (resource: ResourceName) => resources[resource].item as z.ZodType<unknown>;

function toIso(value: Date | string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class OpsClient {
  constructor(
    protected readonly transport: Transport,
    private readonly opsKey: string,
    protected readonly secrets: readonly string[],
  ) {}

  /** Requests sent and retries made so far by this client. */
  stats() {
    return this.transport.stats();
  }

  // ------------------------------------------------------------------------------------------------------------
  // Generic resources

  /** One page of a resource. */
  async list<R extends ResourceName>(
    resource: R,
    options: { limit?: number; after?: string } = {},
  ): Promise<Page<ResourceItem<R>>> {
    const route = `ops/${resources[resource].path}`;
    const data = await this.call('GET', route, { limit: options.limit, after: options.after });
    return this.parse(page(resources[resource].item), data, `GET ${route}`) as Page<ResourceItem<R>>;
  }

  /** Reads every page of a resource. */
  async listAll<R extends ResourceName>(resource: R, options: { limit?: number } = {}): Promise<ResourceItem<R>[]> {
    const out: ResourceItem<R>[] = [];
    let after: string | undefined;
    do {
      const p = await this.list(resource, { limit: options.limit, after });
      out.push(...p.items);
      after = p.next ?? undefined;
    } while (after);
    return out;
  }

  async get<R extends ResourceName>(resource: R, id: number): Promise<ResourceItem<R>> {
    const route = `ops/${resources[resource].path}/${this.checkId(id)}`;
    return this.parse(itemSchema(resource), await this.call('GET', route), `GET ${route}`) as ResourceItem<R>;
  }

  async create<R extends WritableResourceName>(resource: R, body: ResourceCreate<R>): Promise<ResourceItem<R>> {
    const route = `ops/${resources[resource].path}`;
    const data = await this.call('POST', route, undefined, body);
    return this.parse(itemSchema(resource), data, `POST ${route}`) as ResourceItem<R>;
  }

  async update<R extends WritableResourceName>(
    resource: R,
    id: number,
    body: ResourceUpdate<R>,
  ): Promise<ResourceItem<R>> {
    const route = `ops/${resources[resource].path}/${this.checkId(id)}`;
    const data = await this.call('PATCH', route, undefined, body);
    return this.parse(itemSchema(resource), data, `PATCH ${route}`) as ResourceItem<R>;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Named endpoints

  listRoles = () => this.listAll('roles');
  createRole = (body: ResourceCreate<'roles'>) => this.create('roles', body);
  updateRole = (id: number, body: ResourceUpdate<'roles'>) => this.update('roles', id, body);
  listDepartments = () => this.listAll('departments');
  createDepartment = (body: ResourceCreate<'departments'>) => this.create('departments', body);
  updateDepartment = (id: number, body: ResourceUpdate<'departments'>) => this.update('departments', id, body);
  listTeams = () => this.listAll('teams');
  createTeam = (body: ResourceCreate<'teams'>) => this.create('teams', body);
  updateTeam = (id: number, body: ResourceUpdate<'teams'>) => this.update('teams', id, body);
  listAgents = () => this.listAll('agents');
  createAgent = (body: ResourceCreate<'agents'>) => this.create('agents', body);
  updateAgent = (id: number, body: ResourceUpdate<'agents'>) => this.update('agents', id, body);
  listUsers = () => this.listAll('users');
  createUser = (body: ResourceCreate<'users'>) => this.create('users', body);
  updateUser = (id: number, body: ResourceUpdate<'users'>) => this.update('users', id, body);
  listSlaPlans = () => this.listAll('sla');
  createSlaPlan = (body: ResourceCreate<'sla'>) => this.create('sla', body);
  updateSlaPlan = (id: number, body: ResourceUpdate<'sla'>) => this.update('sla', id, body);
  listSchedules = () => this.listAll('schedules');
  createSchedule = (body: ResourceCreate<'schedules'>) => this.create('schedules', body);
  updateSchedule = (id: number, body: ResourceUpdate<'schedules'>) => this.update('schedules', id, body);
  listTopics = () => this.listAll('topics');
  createTopic = (body: ResourceCreate<'topics'>) => this.create('topics', body);
  updateTopic = (id: number, body: ResourceUpdate<'topics'>) => this.update('topics', id, body);
  listStatuses = () => this.listAll('statuses');
  listPriorities = () => this.listAll('priorities');

  async getSettings(): Promise<OsTicketSettings> {
    return this.parse(settingsSchema, await this.call('GET', 'ops/settings'), 'GET ops/settings');
  }

  async updateSettings(body: SettingsUpdate): Promise<OsTicketSettings> {
    return this.parse(settingsSchema, await this.call('PATCH', 'ops/settings', undefined, body), 'PATCH ops/settings');
  }

  async health(): Promise<Health> {
    return this.parse(health, await this.call('GET', 'ops/health'), 'GET ops/health');
  }

  // ------------------------------------------------------------------------------------------------------------
  // Tickets

  async getTicket(id: number): Promise<Ticket> {
    const route = `ops/tickets/${this.checkId(id)}`;
    return this.parse(ticketSchema, await this.call('GET', route), `GET ${route}`);
  }

  /** One page of tickets; each item is parsed on its own so one bad ticket does not hide the others. */
  async listTicketsPage(
    query: TicketQuery & { after?: string } = {},
  ): Promise<{ results: TicketResult[]; next: string | null }> {
    const route = 'ops/tickets';
    const data = await this.call('GET', route, {
      state: query.state,
      updated_since: query.updatedSince === undefined ? undefined : toIso(query.updatedSince),
      limit: query.limit,
      after: query.after,
    });
    const envelope = this.parse(rawPage, data, `GET ${route}`);
    const results = envelope.items.map((item, i): TicketResult => {
      const parsed = ticketSchema.safeParse(item);
      if (parsed.success) return { ok: true, ticket: parsed.data };
      const raw = (item ?? {}) as { id?: unknown; number?: unknown };
      return {
        ok: false,
        id: typeof raw.id === 'number' ? raw.id : undefined,
        number: typeof raw.number === 'string' ? raw.number : undefined,
        error: this.contractError(parsed.error, `GET ${route}`, `items[${i}]`),
      };
    });
    return { results, next: envelope.next };
  }

  /** Every ticket of the query, page by page, as results (valid or reported invalid). */
  async *iterateTicketResults(query: TicketQuery = {}): AsyncGenerator<TicketResult> {
    let after: string | undefined;
    do {
      const p = await this.listTicketsPage({ ...query, after });
      yield* p.results;
      after = p.next ?? undefined;
    } while (after);
  }

  /**
   * Every ticket of the query. A ticket that fails the contract goes to `onInvalid` when given (and is skipped);
   * without `onInvalid` it throws its OsTicketContractError.
   */
  async *iterateTickets(
    query: TicketQuery = {},
    onInvalid?: (bad: Extract<TicketResult, { ok: false }>) => void,
  ): AsyncGenerator<Ticket> {
    for await (const r of this.iterateTicketResults(query)) {
      if (r.ok) yield r.ticket;
      else if (onInvalid) onInvalid(r);
      else throw r.error;
    }
  }

  /** Open tickets, each as a result, so the SLA watch can skip a bad one with a warning and go on. */
  listOpenTickets(options: { limit?: number } = {}): AsyncGenerator<TicketResult> {
    return this.iterateTicketResults({ state: 'open', limit: options.limit });
  }

  /** Tickets of any state changed at or after `watermark`, with the next watermark. */
  async listTicketsChangedSince(watermark: Date | string, options: { limit?: number } = {}): Promise<ChangedTickets> {
    let next = toIso(watermark);
    const tickets: Ticket[] = [];
    const invalid: ChangedTickets['invalid'] = [];
    for await (const r of this.iterateTicketResults({ state: 'all', updatedSince: next, limit: options.limit })) {
      if (!r.ok) {
        invalid.push(r);
        continue;
      }
      tickets.push(r.ticket);
      if (Date.parse(r.ticket.updatedAt) > Date.parse(next)) next = r.ticket.updatedAt;
    }
    return { tickets, invalid, watermark: next };
  }

  // ------------------------------------------------------------------------------------------------------------

  private checkId(id: number): number {
    if (!Number.isInteger(id) || id <= 0) throw new RangeError(`osTicket ids are positive integers, got ${id}`);
    return id;
  }

  protected async call(
    method: 'GET' | 'POST' | 'PATCH',
    route: string,
    query?: Record<string, string | number | undefined>,
    body?: unknown,
  ): Promise<unknown> {
    const res = await this.transport.send({
      method,
      route,
      query,
      body,
      headers: { [OPS_KEY_HEADER]: this.opsKey },
      // PATCH bodies set absolute values, so repeating one is harmless; POST creates and is never retried.
      idempotent: method !== 'POST',
    });
    const operation = `${method} ${route}`;
    if (res.status < 200 || res.status >= 300)
      throw opsError(operation, res.status, res.body, this.secrets, parseRetryAfter(res.headers['retry-after']));
    try {
      return JSON.parse(res.body) as unknown;
    } catch {
      throw new OsTicketContractError(
        `osTicket ${operation} answered ${res.status} with a body that is not JSON: ${excerpt(res.body, this.secrets)}`,
        '(body)',
        operation,
        res.status,
      );
    }
  }

  protected parse<T>(schema: z.ZodType<T>, data: unknown, operation: string): T {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw this.contractError(parsed.error, operation);
  }

  private contractError(error: z.ZodError, operation: string, prefix = ''): OsTicketContractError {
    const issue = error.issues[0]!;
    const path = formatPath(issue.path);
    const field = prefix && path ? `${prefix}.${path}` : prefix || path || '(root)';
    return new OsTicketContractError(
      `osTicket ${operation} does not match the contract at ${field}: ${issue.message}`,
      field,
      operation,
    );
  }
}
