import fc from 'fast-check';
import {
  addBusinessHours,
  businessHoursBetween,
  compileSchedule,
  subtractBusinessHours,
  twentyFourSeven,
  type CompiledSchedule,
} from '../../shared/sla/business-hours';
import { berlinLunch, monFri, usHolidays, weekendsOnly } from './schedule-fixtures';

const schedules: [string, CompiledSchedule][] = [
  ['Mon–Fri 8–17 New York with U.S. holidays', compileSchedule(monFri('America/New_York', [usHolidays()]))],
  ['24/7 New York', twentyFourSeven('America/New_York')],
  ['Berlin lunch break', compileSchedule(berlinLunch())],
  ['weekends only, Sydney', compileSchedule(weekendsOnly('Australia/Sydney'))],
];

// Starts to the second across 2025–2027 (DST changes included); graces to the minute up to 300 h.
const start = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2028, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000));
const hours = fc.integer({ min: 0, max: 300 * 60 }).map((m) => m / 60);

describe.each(schedules)('%s', (_name, schedule) => {
  test('businessHoursBetween(start, addBusinessHours(start, h)) == h', () => {
    fc.assert(
      fc.property(start, hours, (s, h) => {
        const due = addBusinessHours(s, h, schedule);
        if (due.kind !== 'due') return false;
        expect(due.at.getTime()).toBeGreaterThanOrEqual(s.getTime());
        expect(businessHoursBetween(s, due.at, schedule)).toBeCloseTo(h, 9);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  test('subtractBusinessHours inverts addBusinessHours', () => {
    fc.assert(
      fc.property(start, hours, (s, h) => {
        const due = addBusinessHours(s, h, schedule);
        if (due.kind !== 'due') return false;
        const back = subtractBusinessHours(due.at, h, schedule);
        if (back.kind !== 'due') return false;
        // Back at the start, or at the next opening when the start was outside hours: no business time between.
        expect(back.at.getTime()).toBeGreaterThanOrEqual(s.getTime());
        expect(businessHoursBetween(s, back.at, schedule)).toBe(0);
        expect(businessHoursBetween(back.at, due.at, schedule)).toBeCloseTo(h, 9);
        const again = addBusinessHours(back.at, h, schedule);
        expect(again.kind === 'due' && again.at.getTime()).toBe(due.at.getTime());
        return true;
      }),
      { numRuns: 300 },
    );
  });

  test('businessHoursBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(start, start, start, (a, b, c) => {
        const ab = businessHoursBetween(a, b, schedule);
        const bc = businessHoursBetween(b, c, schedule);
        expect(ab + bc).toBeCloseTo(businessHoursBetween(a, c, schedule), 6);
        expect(businessHoursBetween(b, a, schedule)).toBeCloseTo(-ab, 9);
      }),
      { numRuns: 100 },
    );
  });
});
