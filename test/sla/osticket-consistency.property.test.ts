import fc from 'fast-check';
import { addBusinessHours, compileSchedule, type ScheduleInput } from '../../shared/sla/business-hours';
import { OSTICKET_QUIRKS, osTicketDueDate } from '../../shared/sla/osticket-algorithm';
import { allWeek, berlinLunch, monFri, weekendsOnly } from './schedule-fixtures';

// With every documented quirk switched off, the osTicket model must agree with the correct engine: this is what
// lets the explainer attribute a difference to one quirk.
const schedules: [string, ScheduleInput][] = [
  ['Mon–Fri 8–17 with U.S. holidays (New York)', monFri('America/New_York')],
  ['Berlin lunch break', berlinLunch()],
  ['24/7 New York', allWeek('America/New_York')],
  ['weekends only', weekendsOnly('UTC')],
];

const start = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2027, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000));

test.each(schedules)('%s: osTicket model with all quirks fixed == correct engine', (_name, input) => {
  const compiled = compileSchedule(input, { defaultTimezone: 'UTC' });
  fc.assert(
    fc.property(start, fc.integer({ min: 1, max: 60 }), (s, h) => {
      const correct = addBusinessHours(s, h, compiled);
      const model = osTicketDueDate(s, h, input, { defaultTimezone: 'UTC', fixed: OSTICKET_QUIRKS });
      expect(correct.kind === 'due' && correct.at.toISOString()).toBe(model.toISOString());
    }),
    { numRuns: 60 },
  );
});
