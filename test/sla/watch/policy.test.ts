import { ConfigError } from '../../../shared/errors';
import {
  buildPolicy,
  channelRefsForEscalation,
  channelRefsForTicket,
  defaultPolicyInput,
  emailChannelId,
  parsePolicySetting,
  planPolicySchema,
  resolveChannels,
} from '../../../shared/sla/watch/policy';
import { ticket } from './fixtures';

describe('SLA_POLICY parsing', () => {
  it('falls back to the defaults when empty', () => {
    expect(parsePolicySetting(undefined)).toBe(defaultPolicyInput);
    expect(parsePolicySetting('  ')).toBe(defaultPolicyInput);
    const p = buildPolicy(defaultPolicyInput).planFor('anything');
    expect(p).toEqual({
      warnAt: 0.75,
      firstResponseHours: undefined,
      escalations: [{ level: 2, afterBreachMinutes: 60 }],
    });
  });

  it('names the setting and the field that is wrong', () => {
    expect(() => parsePolicySetting('{not json')).toThrow(ConfigError);
    expect(() => parsePolicySetting('{not json')).toThrow(/SLA_POLICY must be JSON/);
    expect(() => parsePolicySetting(JSON.stringify({ plans: { 'Sev-A': { warnAt: 2 } } }))).toThrow(
      /SLA_POLICY is invalid at plans\.Sev-A\.warnAt: must be from 0 to 1/,
    );
    expect(() =>
      parsePolicySetting(JSON.stringify({ plans: { x: { escalations: [{ level: 1, afterBreachMinutes: 5 }] } } })),
    ).toThrow(/level 1 is the breach alert/);
    expect(() => parsePolicySetting(JSON.stringify({ routes: [{ teamsWebhookSetting: 'https://evil' }] }))).toThrow(
      /routes\[0\]\.teamsWebhookSetting/,
    );
    expect(() => parsePolicySetting(JSON.stringify({ unknown: 1 }))).toThrow(ConfigError);
  });
});

describe('buildPolicy', () => {
  const policy = buildPolicy(
    {
      defaults: { warnAt: 0.8 },
      plans: {
        'sev-a': {
          firstResponseHours: 0.25,
          escalations: [
            { level: 3, afterBreachMinutes: 120, emails: ['cio@example.com'] },
            { level: 2, afterBreachMinutes: 60 },
          ],
        },
      },
    },
    { 'Sev-B': { warnAt: 0.5 } },
  );

  it('finds plans case-insensitively and inherits the defaults', () => {
    const a = policy.planFor('Sev-A');
    expect(a.warnAt).toBe(0.8);
    expect(a.firstResponseHours).toBe(0.25);
    expect(a.escalations.map((e) => e.level)).toEqual([2, 3]);
    expect(policy.planFor('Sev-B').warnAt).toBe(0.5);
    expect(policy.planFor(undefined).warnAt).toBe(0.8);
  });

  it('accepts the roster watch: block shape', () => {
    const roster = {
      warnAt: 0.9,
      firstResponseHours: 1,
      escalations: [{ level: 2, afterBreachMinutes: 30, teamsWebhookSetting: 'TEAMS_ESCALATION_URL' }],
    };
    expect(planPolicySchema.parse(roster)).toEqual(roster);
  });
});

describe('routing', () => {
  const policy = buildPolicy({
    routes: [
      { name: 'sysadmins', department: 'System Administrators', teamsWebhookSetting: 'TEAMS_SYSADMINS' },
      { name: 'emergencies', priority: 'emergency', emails: ['Oncall@example.com'] },
      { name: 'level2', team: 'Level II Support', emailsSetting: 'LEVEL2_EMAILS' },
    ],
    fallback: { teamsWebhookSetting: 'TEAMS_WEBHOOK_URL' },
  });
  const env = {
    TEAMS_SYSADMINS: 'https://prod.westeurope.logic.azure.com/workflows/1?sig=abc',
    TEAMS_WEBHOOK_URL: 'https://prod.westeurope.logic.azure.com/workflows/2?sig=def',
    LEVEL2_EMAILS: 'b@example.com;a@example.com',
  };
  const all = { teams: true, email: true };

  it('sends a ticket to every matching route (department, priority, team)', () => {
    const t = ticket({ assignee: { staff: null, team: { id: 2, name: 'Level II Support' } } });
    const channels = resolveChannels(channelRefsForTicket(policy, t), env, all);
    expect(channels.map((c) => c.id)).toEqual([
      'teams:TEAMS_SYSADMINS',
      'email:a@example.com,b@example.com,oncall@example.com',
    ]);
  });

  it('uses the fallback when no route matches', () => {
    const t = ticket({ department: { id: 1, name: 'Support' }, priority: { id: 2, name: 'Normal' } });
    expect(resolveChannels(channelRefsForTicket(policy, t), env, all).map((c) => c.id)).toEqual([
      'teams:TEAMS_WEBHOOK_URL',
    ]);
  });

  it('skips unset settings (reported) and channels the app cannot send to', () => {
    const missing = new Set<string>();
    const t = ticket({ assignee: { staff: null, team: { id: 2, name: 'Level II Support' } } });
    expect(resolveChannels(channelRefsForTicket(policy, t), {}, all, missing).map((c) => c.id)).toEqual([
      'email:oncall@example.com',
    ]);
    expect([...missing].sort()).toEqual(['LEVEL2_EMAILS', 'TEAMS_SYSADMINS']);
    expect(resolveChannels(channelRefsForTicket(policy, t), env, { teams: false, email: false })).toEqual([]);
  });

  it('sends an escalation to its own recipients when it names any, else to the routes', () => {
    const t = ticket();
    expect(
      channelRefsForEscalation(policy, t, { level: 2, afterBreachMinutes: 60, emails: ['cio@example.com'] }),
    ).toEqual([{ level: 2, afterBreachMinutes: 60, emails: ['cio@example.com'] }]);
    expect(channelRefsForEscalation(policy, t, { level: 2, afterBreachMinutes: 60 })).toEqual(
      channelRefsForTicket(policy, t),
    );
  });

  it('keeps long recipient lists short and stable in channel ids', () => {
    const many = Array.from({ length: 20 }, (_, i) => `person${i}@example.com`).sort();
    const id = emailChannelId(many);
    expect(id.length).toBeLessThan(80);
    expect(emailChannelId([...many])).toBe(id);
  });
});
