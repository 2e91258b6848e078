// Tickets and schedules for SLA watch tests.
import type { Ticket } from '../../../shared/osticket/contract';
import { compileSchedule, twentyFourSeven, type ScheduleInput } from '../../../shared/sla/business-hours';
import type { ScheduleRef } from '../../../shared/sla/watch/evaluator';
import { buildPolicy, type PolicyInput } from '../../../shared/sla/watch/policy';
import { berlinLunch } from '../schedule-fixtures';

const weekly = (day: number, startsAt: string, endsAt: string, id: number) => ({
  id,
  name: `day ${day}`,
  repeats: 'weekly' as const,
  startsOn: '2019-01-01',
  startsAt,
  endsOn: '2019-01-01',
  endsAt,
  day,
});

export const businessHoursInput: ScheduleInput = {
  id: 1,
  name: 'Monday - Friday 8am - 5pm',
  timezone: 'Europe/Berlin',
  entries: [1, 2, 3, 4, 5].map((d) => weekly(d, '08:00:00', '17:00:00', d)),
  holidays: [],
};

export const lunchBreakInput: ScheduleInput = berlinLunch();

export const refs = {
  business: (): ScheduleRef => ({
    schedule: compileSchedule(businessHoursInput),
    timeZone: 'Europe/Berlin',
    name: 'business',
  }),
  lunch: (): ScheduleRef => ({ schedule: compileSchedule(lunchBreakInput), timeZone: 'Europe/Berlin', name: 'lunch' }),
  allDay: (): ScheduleRef => ({ schedule: twentyFourSeven('UTC'), timeZone: 'UTC', name: '24/7' }),
};

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  const createdAt = overrides.createdAt ?? '2026-12-04T20:00:00Z';
  return {
    id: 7,
    number: '100007',
    subject: 'Online banking is down',
    status: { id: 1, name: 'Open', state: 'open' },
    priority: { id: 4, name: 'Emergency' },
    department: { id: 4, name: 'System Administrators' },
    topic: null,
    sla: { id: 2, name: 'Sev-A', graceHours: 1, scheduleId: 2 },
    assignee: { staff: { id: 2, name: 'Jane Doe' }, team: null },
    user: { name: 'Karen', email: 'karen@example.com' },
    createdAt,
    updatedAt: createdAt,
    reopenedAt: null,
    closedAt: null,
    dueDate: null,
    estDueDate: null,
    isOverdue: false,
    isAnswered: false,
    firstResponseAt: null,
    lastMessageAt: createdAt,
    lastResponseAt: null,
    ...overrides,
  };
}

export const policyOf = (input: PolicyInput = {}) => buildPolicy(input);

export const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000);
