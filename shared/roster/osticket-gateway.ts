// The roster's view of one osTicket: read every object once (all pages), create, update. Adapts the connector's
// typed client (shared/osticket/) so the planner and applier depend only on the contract types.
import type {
  Agent,
  AgentCreate,
  AgentUpdate,
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  OsTicketSettings,
  Priority,
  Role,
  RoleCreate,
  RoleUpdate,
  Schedule,
  ScheduleCreate,
  ScheduleUpdate,
  SettingsUpdate,
  SlaCreate,
  SlaPlan,
  SlaUpdate,
  Team,
  TeamCreate,
  TeamUpdate,
  Topic,
  TopicCreate,
  TopicUpdate,
  User,
  UserCreate,
  UserUpdate,
} from '../osticket/contract';

export interface GatewayResources {
  roles: { item: Role; create: RoleCreate; update: RoleUpdate };
  schedules: { item: Schedule; create: ScheduleCreate; update: ScheduleUpdate };
  sla: { item: SlaPlan; create: SlaCreate; update: SlaUpdate };
  departments: { item: Department; create: DepartmentCreate; update: DepartmentUpdate };
  agents: { item: Agent; create: AgentCreate; update: AgentUpdate };
  teams: { item: Team; create: TeamCreate; update: TeamUpdate };
  topics: { item: Topic; create: TopicCreate; update: TopicUpdate };
  users: { item: User; create: UserCreate; update: UserUpdate };
}
export type GatewayResource = keyof GatewayResources;

export interface ListStats {
  requests: number;
  pages: number;
}

export interface RosterGateway {
  listAll<R extends GatewayResource>(resource: R): Promise<GatewayResources[R]['item'][]>;
  listPriorities(): Promise<Priority[]>;
  getSettings(): Promise<OsTicketSettings>;
  create<R extends GatewayResource>(
    resource: R,
    body: GatewayResources[R]['create'],
  ): Promise<GatewayResources[R]['item']>;
  update<R extends GatewayResource>(
    resource: R,
    id: number,
    body: GatewayResources[R]['update'],
  ): Promise<GatewayResources[R]['item']>;
  updateSettings(body: SettingsUpdate): Promise<OsTicketSettings>;
  /** Requests and list pages read so far (reads only). */
  stats(): ListStats;
}
