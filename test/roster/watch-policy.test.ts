// The roster as the SLA watch's policy source: per-plan `watch:` blocks validated with the roster, handed over
// as plan overrides, never part of what is sent to osTicket.
import { buildPolicy, defaultPolicyInput } from '../../shared/sla/watch/policy';
import { ValidationError } from '../../shared/errors';
import { parseRoster } from '../../shared/roster/roster-parser';
import { desiredObjects } from '../../shared/roster/roster-objects';
import { watchPolicyFromRoster } from '../../shared/roster/watch-fields';
import { sampleRoster } from './roster-fixtures';

it('hands the sample roster watch blocks to the SLA watch policy', async () => {
  const roster = await sampleRoster();
  const overrides = watchPolicyFromRoster(roster);
  expect(Object.keys(overrides)).toEqual(['Sev-A', 'Sev-B', 'Sev-C']);
  const policy = buildPolicy(defaultPolicyInput, overrides);
  expect(policy.planFor('sev-a')).toEqual({
    warnAt: 0.75,
    firstResponseHours: 0.25,
    escalations: [{ level: 2, afterBreachMinutes: 60 }],
  });
  expect(policy.planFor('Sev-C').firstResponseHours).toBe(4);
  // the desired osTicket state of an SLA plan carries no watch fields
  const sla = desiredObjects(roster).find((d) => d.kind === 'sla' && d.name === 'Sev-A')!;
  expect(Object.keys(sla.view).sort()).toEqual(['active', 'graceHours', 'overdueAlerts', 'schedule', 'transient']);
});

it('validates watch fields by path', () => {
  const attempt = () =>
    parseRoster({
      slaPlans: [
        {
          name: 'Sev-A',
          graceHours: 1,
          watch: { warnAt: 1.5, escalations: [{ level: 1, afterBreachMinutes: 60, emails: ['nope'] }], colour: 'x' },
        },
      ],
    });
  expect(attempt).toThrow(ValidationError);
  try {
    attempt();
  } catch (err) {
    const fields = (err as ValidationError).fields.map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'slaPlans[0].watch.warnAt',
        'slaPlans[0].watch.escalations[0].level',
        'slaPlans[0].watch.escalations[0].emails[0]',
      ]),
    );
    expect(fields.some((f) => f.startsWith('slaPlans[0].watch'))).toBe(true);
  }
});
