import { defaultEngine } from '../../../shared/sla/watch/target-snapshot';
import { evaluateTicket, worstClock } from '../../../shared/sla/watch/evaluator';
import { minutes, policyOf, refs, ticket } from './fixtures';

const created = '2026-12-04T20:00:00Z';
const sevA = policyOf({
  plans: { 'Sev-A': { warnAt: 0.75, escalations: [{ level: 2, afterBreachMinutes: 60 }] } },
}).planFor('Sev-A');
const evalAt = (t: ReturnType<typeof ticket>, m: number, ref = refs.allDay(), policy = sevA) =>
  evaluateTicket(t, policy, ref, minutes(created, m), defaultEngine);

describe('evaluateTicket: resolution clock', () => {
  const t = ticket({ estDueDate: '2026-12-04T21:00:00Z' });

  it.each([
    [30, 'ok', 30],
    [44, 'ok', 16],
    [50, 'warning', 10],
    [61, 'breached', -1],
    [119, 'breached', -59],
    [120, 'escalated:2', -60],
  ])('a 1 h Sev-A ticket %i minutes old is %s with %i business minutes left', (m, label, left) => {
    const [clock] = evalAt(t, m).clocks;
    expect(clock!.label).toBe(label);
    expect(clock!.businessMinutesLeft).toBeCloseTo(left, 5);
    expect(clock!.dueSource).toBe('osticket');
    expect(clock!.warnAt.toISOString()).toBe('2026-12-04T20:45:00.000Z');
  });

  it('uses the manual due date over est_duedate', () => {
    const e = evalAt(ticket({ estDueDate: '2026-12-04T21:00:00Z', dueDate: '2026-12-04T20:30:00Z' }), 31);
    expect(e.clocks[0]!.dueSource).toBe('manual');
    expect(e.clocks[0]!.label).toBe('breached');
  });

  it('computes the due date with the engine only when osTicket stored none', () => {
    const e = evalAt(ticket(), 50);
    expect(e.clocks[0]!.dueSource).toBe('engine');
    expect(e.clocks[0]!.dueAt.toISOString()).toBe('2026-12-04T21:00:00.000Z');
    expect(e.clocks[0]!.label).toBe('warning');
  });

  it('counts from the reopen time when the engine computes the due date', () => {
    const e = evalAt(ticket({ reopenedAt: '2026-12-04T20:30:00Z' }), 61);
    expect(e.clocks[0]!.dueAt.toISOString()).toBe('2026-12-04T21:30:00.000Z');
    expect(e.clocks[0]!.label).toBe('ok');
  });

  it('measures business time on a business-hours schedule (Berlin, Mon-Fri 8-17)', () => {
    // Fri 2026-12-04 16:00 CET + 8 business hours = Mon 2026-12-07 15:00 CET; warning 2 business hours before.
    const t8 = ticket({
      createdAt: '2026-12-04T15:00:00Z',
      sla: { id: 3, name: 'Sev-C', graceHours: 8, scheduleId: 1 },
      estDueDate: '2026-12-07T14:00:00Z',
    });
    const plan = policyOf().planFor('Sev-C');
    const friday = evaluateTicket(t8, plan, refs.business(), new Date('2026-12-04T15:30:00Z'), defaultEngine);
    expect(friday.clocks[0]!.label).toBe('ok');
    expect(friday.clocks[0]!.businessMinutesLeft).toBeCloseTo(450, 5);
    expect(friday.clocks[0]!.warnAt.toISOString()).toBe('2026-12-07T12:00:00.000Z');
    const monday = evaluateTicket(t8, plan, refs.business(), new Date('2026-12-07T12:30:00Z'), defaultEngine);
    expect(monday.clocks[0]!.label).toBe('warning');
    expect(monday.clocks[0]!.businessMinutesLeft).toBeCloseTo(90, 5);
    // Overdue time is business time too: Mon 17:00 CET is 2 business hours after the due time.
    const evening = evaluateTicket(t8, plan, refs.business(), new Date('2026-12-07T20:00:00Z'), defaultEngine);
    expect(evening.clocks[0]!.label).toBe('breached');
    expect(evening.clocks[0]!.businessMinutesLeft).toBeCloseTo(-120, 5);
  });

  it('skips the lunch break (Berlin 08-12 + 13-17) when the engine computes the due date', () => {
    const t = ticket({
      createdAt: '2026-12-07T10:00:00Z',
      sla: { id: 4, name: 'Sev-B', graceHours: 2, scheduleId: 5 },
    });
    const e = evaluateTicket(
      t,
      policyOf().planFor('Sev-B'),
      refs.lunch(),
      new Date('2026-12-07T10:30:00Z'),
      defaultEngine,
    );
    // 11:00 CET + 2 h: 11-12 and 13-14 -> due 14:00 CET = 13:00Z
    expect(e.clocks[0]!.dueAt.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(e.clocks[0]!.businessMinutesLeft).toBeCloseTo(90, 5);
  });

  it('has no resolution clock without an SLA or due date', () => {
    expect(evalAt(ticket({ sla: null }), 500).clocks).toEqual([]);
  });
});

describe('evaluateTicket: first-response clock', () => {
  const plan = policyOf({ defaults: { firstResponseHours: 0.25 } }).planFor('Sev-A');

  it('is evaluated with the engine until the first agent response', () => {
    const e = evaluateTicket(
      ticket({ estDueDate: '2026-12-04T21:00:00Z' }),
      plan,
      refs.allDay(),
      minutes(created, 16),
      defaultEngine,
    );
    const fr = e.clocks.find((c) => c.clock === 'firstResponse')!;
    expect(fr.label).toBe('breached');
    expect(fr.dueSource).toBe('engine');
    expect(fr.dueAt.toISOString()).toBe('2026-12-04T20:15:00.000Z');
    expect(worstClock(e)).toBe(fr);
  });

  it('stops once the connector reports a first response', () => {
    const e = evaluateTicket(
      ticket({ estDueDate: '2026-12-04T21:00:00Z', firstResponseAt: '2026-12-04T20:05:00Z' }),
      plan,
      refs.allDay(),
      minutes(created, 16),
      defaultEngine,
    );
    expect(e.clocks.map((c) => c.clock)).toEqual(['resolution']);
    expect(worstClock(e)).toBeUndefined();
  });
});
