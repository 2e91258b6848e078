// Reads everything the roster manages from one osTicket: each list endpoint once, all pages, in parallel.
// The cost of a no-change plan is therefore the page count of the lists, whatever the roster's size.
import type {
  Agent,
  Department,
  OsTicketSettings,
  Priority,
  Role,
  Schedule,
  SlaPlan,
  Team,
  Topic,
  User,
} from '../osticket/contract';
import type { RosterGateway } from './osticket-gateway';

export interface CurrentState {
  roles: Role[];
  schedules: Schedule[];
  sla: SlaPlan[];
  departments: Department[];
  agents: Agent[];
  teams: Team[];
  topics: Topic[];
  users: User[];
  priorities: Priority[];
  settings: OsTicketSettings;
}

export async function readCurrentState(gateway: RosterGateway): Promise<CurrentState> {
  const [roles, schedules, sla, departments, agents, teams, topics, users, priorities, settings] = await Promise.all([
    gateway.listAll('roles'),
    gateway.listAll('schedules'),
    gateway.listAll('sla'),
    gateway.listAll('departments'),
    gateway.listAll('agents'),
    gateway.listAll('teams'),
    gateway.listAll('topics'),
    gateway.listAll('users'),
    gateway.listPriorities(),
    gateway.getSettings(),
  ]);
  return { roles, schedules, sla, departments, agents, teams, topics, users, priorities, settings };
}

/** id → display name per resource, for turning the current state's ids into roster names. */
export interface NameIndex {
  role: Map<number, string>;
  schedule: Map<number, string>;
  sla: Map<number, string>;
  department: Map<number, string>;
  agent: Map<number, string>;
  team: Map<number, string>;
  topic: Map<number, string>;
  priority: Map<number, string>;
}

export function nameIndex(state: CurrentState): NameIndex {
  const by = <T extends { id: number }>(items: T[], name: (t: T) => string) =>
    new Map(items.map((i) => [i.id, name(i)]));
  return {
    role: by(state.roles, (r) => r.name),
    schedule: by(state.schedules, (s) => s.name),
    sla: by(state.sla, (s) => s.name),
    department: by(state.departments, (d) => d.name),
    agent: by(state.agents, (a) => a.username),
    team: by(state.teams, (t) => t.name),
    topic: by(state.topics, (t) => t.name),
    priority: by(state.priorities, (p) => p.name),
  };
}
