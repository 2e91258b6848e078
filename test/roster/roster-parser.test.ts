// The roster schema and reference checks: the sample parses; every problem of a bad roster is reported by path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../shared/errors';
import { parseRoster, parseRosterText } from '../../shared/roster/roster-parser';
import { ROLE_PERMISSIONS } from '../../shared/roster/roster-schema';

const sampleText = readFileSync(join(__dirname, '../../roster.sample.yaml'), 'utf8');

async function problemsOf(text: string, format: 'yaml' | 'json' | 'auto' = 'auto') {
  try {
    await parseRosterText(text, format);
  } catch (err) {
    if (err instanceof ValidationError) return err.fields.map((f) => `${f.field}: ${f.message}`);
    throw err;
  }
  throw new Error('expected the roster to be rejected');
}

describe('roster parser', () => {
  it('reads the sample roster: the tutorial configuration', async () => {
    const roster = await parseRosterText(sampleText);
    expect(roster.roles.map((r) => r.name)).toEqual(['Supreme Admin']);
    expect(roster.roles[0]!.permissions).toEqual([...ROLE_PERMISSIONS].sort());
    expect(roster.departments.map((d) => d.name)).toEqual(['System Administrators']);
    expect(roster.teams.map((t) => [t.name, t.members])).toEqual([
      ['Level I Support', ['john']],
      ['Level II Support', ['jane']],
    ]);
    expect(roster.agents.map((a) => a.username)).toEqual(['jane', 'john']);
    expect(roster.users.map((u) => u.name)).toEqual(['Karen', 'Ken']);
    expect(roster.slaPlans.map((s) => [s.name, s.graceHours, s.schedule])).toEqual([
      ['Sev-A', 1, '24/7'],
      ['Sev-B', 4, '24/7'],
      ['Sev-C', 8, 'Business Hours'],
    ]);
    expect(roster.helpTopics.map((t) => t.name)).toEqual([
      'Business Critical Outage',
      'Personal Computer Issues',
      'Equipment Request',
      'Password Reset',
    ]);
    expect(roster.helpTopics[0]).toMatchObject({ department: 'System Administrators', sla: 'Sev-A' });
    expect(roster.settings).toEqual({ registrationRequired: true, registrationMethod: 'public' });
    expect(roster.schedules[1]!.entries[0]).toMatchObject({ startsAt: '08:00:00', endsAt: '17:00:00', day: 1 });
  });

  it('reads JSON as well as YAML', async () => {
    const json = JSON.stringify({ roles: [{ name: 'R', permissions: ['ticket.create'] }] });
    await expect(parseRosterText(json, 'json')).resolves.toMatchObject({ roles: [{ name: 'R' }] });
    await expect(parseRosterText(json, 'auto')).resolves.toMatchObject({ roles: [{ name: 'R' }] });
  });

  it('reports every problem of an invalid roster, by path', async () => {
    const bad = `
roles:
  - { name: Admins, permissions: all }
  - { name: admins, permissions: [ticket.fly] }
slaPlans:
  - { name: Sev-A, graceHours: 0 }
  - { name: Sev-B, graceHours: 9000, schedule: Nowhere }
departments:
  - { name: Ops, sla: Sev-Z, manager: jon }
agents:
  - { username: jane, firstName: Jane, lastName: Doe, email: jane@example.com, department: Ops, role: Admins }
  - { username: bob, firstName: Bob, lastName: B, email: not-an-email, department: Sales, role: Admins, teams: [Tier 3] }
teams:
  - { name: Level I Support, members: [jane, jon] }
helpTopics:
  - { name: Topic One, parent: Topic Two, department: Ops }
  - { name: Topic Two, parent: Topic One, department: Ops }
  - { name: Topic Three, assignTo: { team: Nobody } }
`;
    const problems = await problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'roles[1].permissions[0]: unknown permission key',
        'slaPlans[0].graceHours: must be from 1 to 8760',
        'slaPlans[1].graceHours: must be from 1 to 8760',
        'agents[1].email: invalid e-mail',
        'roles[1].name: duplicate role "admins" (also roles[0])',
        'slaPlans[1].schedule: unknown schedule "Nowhere"',
        'departments[0].sla: unknown SLA plan "Sev-Z"',
        'departments[0].manager: unknown agent "jon"',
        'teams[0].members: unknown agent "jon"',
        'agents[1].department: unknown department "Sales"',
        'agents[1].teams: unknown team "Tier 3"',
        'helpTopics[2].assignTo.team: unknown team "Nobody"',
        'helpTopics[0].parent: cyclic parent topics: Topic One → Topic Two → Topic One',
      ]),
    );
    expect(problems).toHaveLength(13);
  });

  it('rejects a password and unknown fields instead of ignoring them', async () => {
    const problems = await problemsOf(
      JSON.stringify({
        agents: [
          {
            username: 'jane',
            firstName: 'J',
            lastName: 'D',
            email: 'j@example.com',
            department: 'D',
            role: 'R',
            password: 'hunter22',
          },
        ],
        departments: [{ name: 'D' }],
        roles: [{ name: 'R', permissions: 'all' }],
        colour: 'blue',
      }),
    );
    expect(problems).toEqual([
      'agents[0].password: unknown field: the roster never holds passwords',
      'colour: unknown field',
    ]);
    expect(problems.join('\n')).not.toContain('hunter22');
  });

  it('reports reference problems even when the schema also finds type errors and unknown fields', async () => {
    const problems = await problemsOf(`
agents:
  - { username: jane, firstName: Jane, lastName: Doe, email: jane@example.com, department: Ops, role: Admins, pin: 1 }
slaPlans:
  - { name: Sev-A, graceHours: one }
  - { name: sev-a, graceHours: 2 }
teams:
  - { name: T, members: [jane, 3, jon] }
`);
    expect(problems).toEqual([
      'slaPlans[0].graceHours: must be a whole number of hours',
      'agents[0].pin: unknown field',
      'teams[0].members[1]: agent reference must be text',
      'slaPlans[1].name: duplicate SLA plan "sev-a" (also slaPlans[0])',
      'teams[0].members: unknown agent "jon"',
      'agents[0].department: unknown department "Ops"',
      'agents[0].role: unknown role "Admins"',
    ]);
  });

  it('reports YAML syntax errors and empty input', async () => {
    expect((await problemsOf('roles: [unclosed'))[0]).toMatch(/not valid YAML/);
    expect(await problemsOf('   ')).toEqual(['(root): the roster is empty']);
    expect((await problemsOf('{"roles": ', 'json'))[0]).toMatch(/not valid JSON/);
  });

  it('checks schedule entries and holiday links', () => {
    const attempt = () =>
      parseRoster({
        schedules: [
          { name: 'Hours', entries: [{ repeats: 'weekly', startsAt: '17:00', endsAt: '08:00' }], holidays: ['Hours'] },
        ],
      });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (err) {
      expect((err as ValidationError).fields.map((f) => `${f.field}: ${f.message}`)).toEqual([
        'schedules[0].entries[0].day: is required for weekly entries (1 = Monday … 7 = Sunday)',
        'schedules[0].entries[0].endsAt: must be after startsAt',
        'schedules[0].holidays[0]: schedule "Hours" is not a holiday schedule',
      ]);
    }
  });
});
