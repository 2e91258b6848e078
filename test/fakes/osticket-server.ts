// A loopback fake of an osTicket 1.18 with the ops extension: stateful, in memory, serving the contract of
// shared/osticket/contract.ts (every response is parsed by the same zod schemas before it is sent), plus the
// official `POST /api/tickets.json` with osTicket's exact plain-text bodies (FACTS.md §1.4).
//
//   const fake = new FakeOsTicketServer();  const { url } = await fake.start();   // url = http://127.0.0.1:<port>
//   fake.seedTicket({ createdAt, slaId, firstResponseAt });  fake.failNext('ops/tickets', 503, undefined, { retryAfter: 1 });
//   ...; await fake.stop();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { z } from 'zod';
import type { FieldProblem } from '../../shared/errors';
import {
  MAX_OPS_BODY_BYTES,
  DEFAULT_PAGE_SIZE,
  errorEnvelope,
  health,
  issuesToFields,
  listQuery,
  officialTicketCreate,
  page,
  resources,
  settings as settingsSchema,
  settingsUpdate,
  ticket as ticketSchema,
  ticketListQuery,
  type Agent,
  type Department,
  type OsTicketSettings,
  type ResourceName,
  type Role,
  type Schedule,
  type SlaPlan,
  type Team,
  type Ticket,
  type Topic,
  type User,
} from '../../shared/osticket/contract';
import {
  FakeConflictError,
  FakeNotFoundError,
  FakeOsTicketState,
  FakeValidationError,
  type AgentSecret,
  type TicketSeed,
} from './osticket-state';

export { FakeOsTicketState, type TicketSeed } from './osticket-state';

export interface FakeOsTicketOptions {
  /** Read-write ops key (header X-Ops-Key). */
  opsKey?: string;
  /** Read-only ops key: GET only, writes give 403. */
  readOnlyKey?: string;
  /** Official API key (header X-API-Key). */
  apiKey?: string;
  /** Official API key state: `inactive` gives `API key not found/active…`, `no-create` gives `API key not authorized`. */
  apiKeyState?: 'active' | 'inactive' | 'no-create';
  /** E-mail addresses the ban list rejects (403 `Ticket denied`). */
  bannedEmails?: string[];
  clock?: () => Date;
  /** Load the fresh-install objects (statuses, priorities, SLA 1, schedules 1-4, depts 1-3, …). Default true. */
  defaults?: boolean;
}

/** One request as the fake saw it. `route` is the path after `/api/` or `/api/http.php/`, e.g. `ops/tickets`. */
export interface RecordedRequest {
  method: string;
  /** The HTTP method before `?_method=` was applied. */
  rawMethod: string;
  path: string;
  route: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON request body, when there was one that parsed. */
  body?: unknown;
  status: number;
  at: Date;
}

export type FaultMatch =
  | string
  | RegExp
  | { method?: string; route: string | RegExp }
  | ((req: Pick<RecordedRequest, 'method' | 'route' | 'query' | 'path' | 'body'>) => boolean);

export interface FaultOptions {
  times?: number;
  headers?: Record<string, string>;
  /** Adds `Retry-After: <seconds>`. */
  retryAfter?: number;
  /** Destroys the socket instead of answering (a network error). */
  drop?: boolean;
}

interface Fault {
  match: FaultMatch;
  status: number;
  body: unknown;
  options: FaultOptions;
  remaining: number;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const PLAIN = 'text/html; charset=UTF-8';

export class FakeOsTicketServer {
  readonly state: FakeOsTicketState;
  readonly opsKey: string;
  readonly readOnlyKey: string;
  readonly apiKey: string;
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Fault[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private baseUrl = '';

  constructor(private readonly options: FakeOsTicketOptions = {}) {
    this.state = new FakeOsTicketState(options.clock ?? (() => new Date()), options.defaults ?? true);
    this.opsKey = options.opsKey ?? 'ops-rw-key-0123456789abcdef';
    this.readOnlyKey = options.readOnlyKey ?? 'ops-ro-key-0123456789abcdef';
    this.apiKey = options.apiKey ?? '0123456789ABCDEF0123456789ABCDEF';
  }

  /** Listens on 127.0.0.1, port 0. `url` has no trailing slash and no `/api`. */
  async start(): Promise<{ url: string }> {
    if (this.server) return { url: this.baseUrl };
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1000;
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url: this.baseUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeOsTicketServer is not started');
    return this.baseUrl;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Test hooks

  /**
   * The next `times` (default 1) requests matching `match` get `status` and `body` (an object is sent as JSON, a
   * string as text/html) instead of the real answer. A 200 with a drifted body simulates contract drift.
   */
  failNext(match: FaultMatch, status: number, body?: unknown, options: FaultOptions | number = {}): void {
    const opts = typeof options === 'number' ? { times: options } : options;
    this.faults.push({ match, status, body, options: opts, remaining: opts.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Number of requests, optionally only those matching (same matcher as failNext). */
  requestCount(match?: FaultMatch): number {
    return match ? this.requests.filter((r) => matches(match, r)).length : this.requests.length;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  seedTicket(seed: TicketSeed = {}): Ticket {
    return this.state.seedTicket(seed);
  }

  seedTickets(count: number, seed: (i: number) => TicketSeed = () => ({})): Ticket[] {
    return Array.from({ length: count }, (_, i) => this.state.seedTicket(seed(i)));
  }

  updateTicket(id: number, patch: TicketSeed): Ticket {
    return this.state.updateTicket(id, patch);
  }

  addResponse(ticketId: number, at?: string): Ticket {
    return this.state.addResponse(ticketId, at);
  }

  /** Inserts or replaces resources as-is (fill every field; use the write methods of `state` for defaults). */
  seedSla(plan: Partial<SlaPlan> & Pick<SlaPlan, 'name' | 'graceHours'>): SlaPlan {
    return this.state.writeSla(
      {
        name: plan.name,
        graceHours: plan.graceHours,
        scheduleId: plan.scheduleId ?? null,
        isActive: plan.isActive ?? true,
        disableOverdueAlerts: plan.disableOverdueAlerts ?? false,
        transient: plan.transient ?? false,
      },
      this.placeholder(this.state.sla, plan.id),
    );
  }

  seedSchedule(schedule: Partial<Schedule> & Pick<Schedule, 'name'>): Schedule {
    const id = schedule.id ?? this.state.nextId('schedule', this.state.schedules);
    const full: Schedule = {
      id,
      name: schedule.name,
      kind: schedule.kind ?? 'business',
      timezone: schedule.timezone ?? null,
      description: schedule.description ?? '',
      entries: (schedule.entries ?? []).map((e, i) => ({ ...e, id: e.id ?? id * 1000 + i })),
      holidayScheduleIds: schedule.holidayScheduleIds ?? [],
      createdAt: schedule.createdAt ?? this.state.now(),
      updatedAt: schedule.updatedAt ?? this.state.now(),
    };
    this.state.schedules.set(id, full);
    return full;
  }

  seedDepartment(d: Partial<Department> & Pick<Department, 'name'>): Department {
    return this.seedAs(this.state.departments, 'department', d, (id) =>
      this.state.writeDepartment({ name: d.name }, this.placeholder(this.state.departments, id)),
    );
  }

  seedRole(r: Partial<Role> & Pick<Role, 'name'>): Role {
    return this.seedAs(this.state.roles, 'role', r, (id) =>
      this.state.writeRole({ name: r.name, permissions: r.permissions ?? [] }, this.placeholder(this.state.roles, id)),
    );
  }

  seedTeam(t: Partial<Team> & Pick<Team, 'name'>): Team {
    return this.seedAs(this.state.teams, 'team', t, (id) =>
      this.state.writeTeam(
        { name: t.name, members: t.members?.map((m) => ({ staffId: m.staffId, alerts: m.alerts })) },
        this.placeholder(this.state.teams, id),
      ),
    );
  }

  seedAgent(a: Partial<Agent> & Pick<Agent, 'username'>): Agent {
    return this.seedAs(this.state.agents, 'agent', a, (id) =>
      this.state.writeAgent(
        {
          username: a.username,
          firstname: a.firstname ?? a.username,
          lastname: a.lastname ?? '',
          email: a.email ?? `${a.username}@example.com`,
          deptId: a.deptId ?? 1,
          roleId: a.roleId ?? 1,
          password: 'seeded-password',
        },
        this.placeholder(this.state.agents, id),
      ),
    );
  }

  seedUser(u: Partial<User> & Pick<User, 'email'>): User {
    return this.seedAs(this.state.users, 'user', u, (id) =>
      this.state.writeUser({ name: u.name ?? u.email, email: u.email }, this.placeholder(this.state.users, id)),
    );
  }

  seedTopic(t: Partial<Topic> & Pick<Topic, 'name'>): Topic {
    return this.seedAs(this.state.topics, 'topic', t, (id) =>
      this.state.writeTopic({ name: t.name }, this.placeholder(this.state.topics, id)),
    );
  }

  setSettings(patch: Partial<OsTicketSettings>): OsTicketSettings {
    this.state.settings = { ...this.state.settings, ...patch };
    return this.state.settings;
  }

  /** Whether an agent has a password and must change it (passwords are never in the API). */
  agentSecret(id: number): AgentSecret | undefined {
    return this.state.agentSecrets.get(id);
  }

  /** Reserves `id` (or the next id) with a bare record so the write methods can update it in place. */
  private placeholder<T extends { id: number }>(map: Map<number, T>, id?: number): number | undefined {
    if (id === undefined || map.has(id)) return id;
    map.set(id, { id } as T);
    return id;
  }

  private seedAs<T extends { id: number }>(
    map: Map<number, T>,
    kind: string,
    partial: Partial<T>,
    write: (id: number) => T,
  ): T {
    const id = partial.id ?? this.state.nextId(kind, map);
    const written = write(id);
    const merged = { ...written, ...partial, id } as T;
    map.set(id, merged);
    return merged;
  }

  // -------------------------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
    const rawMethod = (req.method ?? 'GET').toUpperCase();
    // include/class.dispatcher.php: a `_method` query argument, upper-cased, replaces the method.
    const method = query['_method'] ? query['_method'].toUpperCase() : rawMethod;
    delete query['_method'];
    const route = routeOf(decodeURIComponent(url.pathname));
    const record: RecordedRequest = {
      method,
      rawMethod,
      path: url.pathname,
      route: route ?? url.pathname,
      query,
      headers: { ...req.headers },
      status: 0,
      at: new Date(),
    };
    this.requests.push(record);

    // The body is read before faults are matched, so a fault can target one object ("the POST for jane").
    let body: Buffer | undefined;
    let bodyError: Error | undefined;
    try {
      body = await readBody(req, MAX_OPS_BODY_BYTES);
      record.body = parseJson(body);
    } catch (err) {
      bodyError = err instanceof Error ? err : new Error(String(err));
    }
    const fault = this.takeFault(record);
    if (fault?.options.drop) {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    try {
      if (bodyError) throw bodyError;
      if (fault) {
        reply = {
          status: fault.status,
          body: fault.body ?? defaultFaultBody(fault.status),
          headers: {
            ...(fault.options.retryAfter !== undefined ? { 'Retry-After': String(fault.options.retryAfter) } : {}),
            ...fault.options.headers,
          },
        };
      } else if (route === undefined) reply = plain(404, 'Not Found');
      else if (route === 'ops' || route.startsWith('ops/')) reply = this.ops(method, route, query, req, body);
      else if (/^tickets\.(json|xml|email)$/.test(route) && method === 'POST') reply = this.official(route, req, body);
      else reply = plain(400, 'URL not supported');
    } catch (err) {
      reply =
        err instanceof BodyTooLarge
          ? jsonError(413, 'payload_too_large', `Request body exceeds ${MAX_OPS_BODY_BYTES} bytes`)
          : jsonError(500, 'internal', (err as Error).message);
    }
    record.status = reply.status;
    send(res, reply);
  }

  private takeFault(r: RecordedRequest): Fault | undefined {
    const i = this.faults.findIndex((f) => f.remaining > 0 && matches(f.match, r));
    if (i < 0) return undefined;
    const fault = this.faults[i]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(i, 1);
    return fault;
  }

  // The official API (include/api.tickets.php, include/class.api.php): plain-text bodies.
  private official(route: string, req: IncomingMessage, body: Buffer | undefined): Reply {
    const key = header(req, 'x-api-key');
    if (!key || key.toUpperCase() !== this.apiKey.toUpperCase()) return plain(401, 'Valid API key required');
    if (this.options.apiKeyState === 'inactive')
      return plain(401, 'API key not found/active or source IP not authorized');
    if (this.options.apiKeyState === 'no-create') return plain(401, 'API key not authorized');
    if (route !== 'tickets.json') return plain(415, 'Unsupported data format');
    let data: unknown;
    try {
      data = JSON.parse(body?.toString('utf8') ?? '');
    } catch {
      return plain(400, 'Syntax error, malformed JSON');
    }
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return plain(400, 'No errors');
    const input = data as Record<string, unknown>;
    const errors: [string, string][] = [];
    if (typeof input['email'] !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input['email']))
      errors.push(['user', 'Incomplete client information']);
    if (typeof input['subject'] !== 'string' || input['subject'] === '')
      errors.push(['20', 'Issue Summary is a required field']);
    if (typeof input['message'] !== 'string' || input['message'] === '')
      errors.push(['21', 'Issue Details is a required field']);
    if (errors.length) return plain(500, `Unable to create new ticket :${errors.map((e) => e.join('\n')).join('\n')}`);
    const email = String(input['email']);
    if (this.options.bannedEmails?.some((b) => b.toLowerCase() === email.toLowerCase()))
      return plain(403, `Ticket denied: ${email}`);
    const parsed = officialTicketCreate.safeParse(data);
    if (!parsed.success) {
      const f = issuesToFields(parsed.error)[0]!;
      return plain(500, `Unable to create new ticket :${f.field}\n${f.message}`);
    }
    return plain(201, this.state.createOfficialTicket(parsed.data).number);
  }

  // The ops extension (infra/osticket/): JSON everywhere.
  private ops(
    method: string,
    route: string,
    query: Record<string, string>,
    req: IncomingMessage,
    body: Buffer | undefined,
  ): Reply {
    const key = header(req, 'x-ops-key');
    if (!key || (key !== this.opsKey && key !== this.readOnlyKey))
      return jsonError(401, 'unauthorized', 'A valid X-Ops-Key header is required');
    if (method !== 'GET' && key !== this.opsKey)
      return jsonError(403, 'forbidden', 'This key is read-only; writes need the read-write key');
    const parts = route.split('/').slice(1);
    const [name, idText, extra] = parts;
    if (!name || extra !== undefined) return jsonError(404, 'not_found', `No ops route ${route}`);
    if (idText !== undefined && !/^[1-9][0-9]{0,9}$/.test(idText))
      return jsonError(404, 'not_found', `No ops route ${route}`);
    const id = idText === undefined ? undefined : Number(idText);
    try {
      if (name === 'health' && id === undefined) {
        if (method !== 'GET') return notAllowed(method, route);
        return ok(health, {
          ok: true,
          osTicketVersion: this.state.osTicketVersion,
          extensionVersion: this.state.extensionVersion,
          dbTime: this.state.now(),
          dbTimezone: 'UTC',
          lastCronRunAt: this.state.lastCronRunAt,
        });
      }
      if (name === 'settings' && id === undefined) {
        if (method === 'GET') return ok(settingsSchema, this.state.settings);
        if (method !== 'PATCH') return notAllowed(method, route);
        const input = parseBody(settingsUpdate, body);
        if ('status' in input) return input;
        return ok(settingsSchema, this.state.writeSettings(input.value));
      }
      if (name === 'tickets') {
        if (method !== 'GET') return notAllowed(method, route);
        if (id !== undefined) return this.one(ticketSchema, this.state.tickets.get(id), `ticket ${id}`);
        return this.listTickets(query);
      }
      if (!(name in resources)) return jsonError(404, 'not_found', `No ops route ${route}`);
      const resource = name as ResourceName;
      const def = resources[resource];
      const store = this.state[resource] as Map<number, unknown>;
      if (method === 'GET') {
        if (id !== undefined) return this.one(def.item, store.get(id), `${resource} ${id}`);
        const q = listQuery.safeParse(query);
        if (!q.success) return jsonError(400, 'bad_request', 'Invalid query', issuesToFields(q.error));
        return this.pageOf(def.item, [...store.values()] as { id: number }[], q.data.limit, q.data.after, (x) => [
          x.id,
        ]);
      }
      if (!def.create || !def.update) return notAllowed(method, route);
      if (method === 'POST' && id === undefined) {
        const input = parseBody(def.create as z.ZodType<Record<string, unknown>>, body);
        if ('status' in input) return input;
        return { status: 201, body: def.item.parse(this.write(resource, input.value)) };
      }
      if (method === 'PATCH' && id !== undefined) {
        if (!store.has(id)) return jsonError(404, 'not_found', `${resource} ${id} not found`);
        const input = parseBody(def.update as z.ZodType<Record<string, unknown>>, body);
        if ('status' in input) return input;
        return { status: 200, body: def.item.parse(this.write(resource, input.value, id)) };
      }
      return notAllowed(method, route);
    } catch (err) {
      if (err instanceof FakeValidationError)
        return jsonError(422, 'validation_failed', 'Validation failed', err.fields);
      if (err instanceof FakeConflictError) return jsonError(409, 'conflict', err.message);
      if (err instanceof FakeNotFoundError) return jsonError(404, 'not_found', err.message);
      throw err;
    }
  }

  private write(resource: ResourceName, input: Record<string, unknown>, id?: number): unknown {
    const s = this.state;
    switch (resource) {
      case 'roles':
        return s.writeRole(input, id);
      case 'departments':
        return s.writeDepartment(input, id);
      case 'teams':
        return s.writeTeam(input, id);
      case 'agents':
        return s.writeAgent(input, id);
      case 'users':
        return s.writeUser(input, id);
      case 'sla':
        return s.writeSla(input, id);
      case 'schedules':
        return s.writeSchedule(input, id);
      case 'topics':
        return s.writeTopic(input, id);
      default:
        throw new FakeNotFoundError(`${resource} is read-only`);
    }
  }

  private one(schema: z.ZodTypeAny, item: unknown, what: string): Reply {
    if (item === undefined) return jsonError(404, 'not_found', `${what} not found`);
    return { status: 200, body: schema.parse(item) };
  }

  private listTickets(query: Record<string, string>): Reply {
    const q = ticketListQuery.safeParse(query);
    if (!q.success) return jsonError(400, 'bad_request', 'Invalid query', issuesToFields(q.error));
    const state = q.data.state ?? 'open';
    const since = q.data.updated_since ? Date.parse(q.data.updated_since) : undefined;
    const rows = [...this.state.tickets.values()].filter(
      (t) => (state === 'all' || t.status.state === state) && (since === undefined || Date.parse(t.updatedAt) >= since),
    );
    return this.pageOf(ticketSchema, rows, q.data.limit, q.data.after, (t) => [Date.parse(t.updatedAt), t.id]);
  }

  /** Keyset pagination over `key` (ascending); the cursor is base64url JSON of the last key. */
  private pageOf<T>(
    schema: z.ZodTypeAny,
    rows: T[],
    limit: number | undefined,
    after: string | undefined,
    key: (row: T) => number[],
  ): Reply {
    let afterKey: number[] | undefined;
    if (after !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
        if (!Array.isArray(decoded) || !decoded.every((n) => typeof n === 'number')) throw new Error('bad cursor');
        afterKey = decoded;
      } catch {
        return jsonError(400, 'bad_request', 'Invalid query', [{ field: 'after', message: 'is not a valid cursor' }]);
      }
    }
    const sorted = rows.map((r) => ({ r, k: key(r) })).sort((a, b) => compareKeys(a.k, b.k));
    const remaining = afterKey ? sorted.filter((x) => compareKeys(x.k, afterKey) > 0) : sorted;
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const items = remaining.slice(0, size);
    const last = items[items.length - 1];
    const next =
      remaining.length > size && last ? Buffer.from(JSON.stringify(last.k), 'utf8').toString('base64url') : null;
    return { status: 200, body: page(schema).parse({ items: items.map((x) => x.r), next }) };
  }
}

// ---------------------------------------------------------------------------------------------------------------

class BodyTooLarge extends Error {}

function routeOf(pathname: string): string | undefined {
  const m = /^\/api\/(?:http\.php\/)?(.*)$/.exec(pathname);
  return m ? m[1]!.replace(/\/+$/, '') : undefined;
}

function parseJson(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function matches(match: FaultMatch, r: Pick<RecordedRequest, 'method' | 'route' | 'query' | 'path' | 'body'>): boolean {
  const routeMatches = (m: string | RegExp) =>
    typeof m === 'string' ? r.route === m.replace(/^\/+/, '') || r.path === m : m.test(r.route);
  if (typeof match === 'function') return match(r);
  if (typeof match === 'string' || match instanceof RegExp) return routeMatches(match);
  return (match.method === undefined || match.method.toUpperCase() === r.method) && routeMatches(match.route);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(size ? Buffer.concat(chunks) : undefined)));
    req.on('error', reject);
  });
}

function parseBody<T>(schema: z.ZodType<T>, body: Buffer | undefined): { value: T } | Reply {
  let data: unknown;
  try {
    data = body === undefined ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return jsonError(400, 'bad_request', 'Request body is not valid JSON', [
      { field: 'body', message: 'invalid JSON' },
    ]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return jsonError(422, 'validation_failed', 'Validation failed', issuesToFields(parsed.error));
  return { value: parsed.data };
}

function ok(schema: z.ZodTypeAny, value: unknown): Reply {
  return { status: 200, body: schema.parse(value) };
}

function plain(status: number, text: string): Reply {
  return { status, body: text, headers: { 'Content-Type': PLAIN } };
}

function jsonError(status: number, code: string, message: string, fields: FieldProblem[] = []): Reply {
  return { status, body: errorEnvelope.parse({ error: { code, message, fields } }) };
}

function notAllowed(method: string, route: string): Reply {
  return jsonError(405, 'method_not_allowed', `${method} is not allowed on ${route}`);
}

function defaultFaultBody(status: number): unknown {
  if (status === 422)
    return {
      error: {
        code: 'validation_failed',
        message: 'Validation failed',
        fields: [{ field: 'name', message: 'invalid' }],
      },
    };
  return { error: { code: status >= 500 ? 'internal' : 'bad_request', message: `Injected ${status}`, fields: [] } };
}

function send(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': isText ? PLAIN : 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}
