// Roster benchmark: plan and apply a large roster (500 agents, 5000 users, 50 departments, 100 help topics) against
// the fake osTicket on loopback, then plan again with nothing to change.
//   roster.apply.ms        wall time of the first apply (read state, plan, every create) on an empty osTicket
//   roster.plan.ms         wall time of the no-change plan
//   roster.noop.requests   HTTP requests the no-change plan sent (list pages + settings)
//   roster.noop.pages      list pages it read: bounded by the list page counts, not by the roster's size
//   roster.peakMB          peak resident memory of the process during the run
import { silentLogger } from '../shared/logging/logger';
import { createOsTicketClient } from '../shared/osticket/client';
import { createClientGateway } from '../shared/roster/client-gateway';
import { applyOn, planOn } from '../shared/roster/roster-engine';
import { parseRoster } from '../shared/roster/roster-parser';
import { FakeOsTicketServer } from '../test/fakes/osticket-server';

export function bigRoster(size = { agents: 500, users: 5000, departments: 50, topics: 100, teams: 20 }) {
  const dept = (i: number) => `Department ${String(i).padStart(2, '0')}`;
  const priorities = ['low', 'normal', 'high', 'emergency'];
  return parseRoster({
    roles: [
      { name: 'Supreme Admin', permissions: 'all' },
      { name: 'Agent', permissions: ['ticket.create', 'ticket.reply', 'ticket.close'] },
    ],
    schedules: [
      { name: '24/7', timezone: 'UTC', entries: [{ repeats: 'daily', startsAt: '00:00', endsAt: '23:59:59' }] },
      {
        name: 'Business Hours',
        timezone: 'Europe/Berlin',
        entries: [1, 2, 3, 4, 5].map((day) => ({ repeats: 'weekly', day, startsAt: '08:00', endsAt: '17:00' })),
      },
    ],
    slaPlans: [
      { name: 'Sev-A', graceHours: 1, schedule: '24/7' },
      { name: 'Sev-B', graceHours: 4, schedule: '24/7' },
      { name: 'Sev-C', graceHours: 8, schedule: 'Business Hours' },
    ],
    departments: Array.from({ length: size.departments }, (_, i) => ({
      name: dept(i),
      ...(i >= 10 ? { parent: dept(i % 10) } : {}),
      sla: ['Sev-A', 'Sev-B', 'Sev-C'][i % 3],
    })),
    agents: Array.from({ length: size.agents }, (_, i) => ({
      username: `agent${i}`,
      firstName: 'Agent',
      lastName: `Number ${i}`,
      email: `agent${i}@example.com`,
      department: dept(i % size.departments),
      role: i % 50 === 0 ? 'Supreme Admin' : 'Agent',
      access: [{ department: dept((i + 1) % size.departments), role: 'Agent' }],
      teams: [`Team ${i % size.teams}`],
      admin: i % 100 === 0,
    })),
    teams: Array.from({ length: size.teams }, (_, i) => ({ name: `Team ${i}`, lead: `agent${i}` })),
    helpTopics: Array.from({ length: size.topics }, (_, i) => ({
      name: `Help topic ${i}`,
      ...(i >= 10 ? { parent: `Help topic ${i % 10}` } : {}),
      department: dept(i % size.departments),
      sla: ['Sev-A', 'Sev-B', 'Sev-C'][i % 3],
      priority: priorities[i % 4],
      assignTo: i % 2 ? { team: `Team ${i % size.teams}` } : { agent: `agent${i}` },
    })),
    users: Array.from({ length: size.users }, (_, i) => ({
      name: `Customer ${i}`,
      email: `customer${i}@example.org`,
      portalAccount: i % 10 === 0,
    })),
    settings: { registrationRequired: true, registrationMethod: 'closed' },
  });
}

export async function run(): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const fake = new FakeOsTicketServer({ defaults: false });
  for (const [id, name] of [
    [1, 'Low'],
    [2, 'Normal'],
    [3, 'High'],
    [4, 'Emergency'],
  ] as const)
    fake.state.priorities.set(id, { id, name, description: name, color: '#FFFFFF', urgency: 5 - id, isPublic: true });
  const { url } = await fake.start();
  try {
    const roster = bigRoster();
    const gateway = () =>
      createClientGateway(
        createOsTicketClient({
          baseUrl: url,
          opsKey: fake.opsKey,
          apiStyle: 'rewrite',
          timeoutMs: 30_000,
          logger: silentLogger,
        }),
      );
    const options = { target: 'bench', logger: silentLogger };

    const t0 = performance.now();
    const result = await applyOn(gateway(), roster, options);
    const applyMs = performance.now() - t0;
    if (!result.ok) throw new Error(`bench apply had problems: ${JSON.stringify(result.counts)}`);

    fake.resetRequests();
    const t1 = performance.now();
    const { plan } = await planOn(gateway(), roster, options);
    const planMs = performance.now() - t1;
    if (plan.changeCount !== 0) throw new Error(`no-change plan found ${plan.changeCount} changes`);
    const requests = fake.requestCount();
    // The no-change cost is one request per list page plus the settings read, never one per roster object.
    if (requests > plan.reads.pages + 1)
      throw new Error(`no-change plan sent ${requests} requests for ${plan.reads.pages} list pages`);
    peak = Math.max(peak, process.memoryUsage().rss);

    console.log(`bench roster.apply.ms: ${Math.round(applyMs)}`);
    console.log(`bench roster.plan.ms: ${Math.round(planMs)}`);
    console.log(`bench roster.noop.requests: ${requests}`);
    console.log(`bench roster.noop.pages: ${plan.reads.pages}`);
    console.log(`bench roster.peakMB: ${Math.round(peak / 1024 / 1024)}`);
  } finally {
    clearInterval(sampler);
    await fake.stop();
  }
}
