import {
  addBusinessHours,
  businessHoursBetween,
  compileSchedule,
  subtractBusinessHours,
  twentyFourSeven,
  ScheduleError,
  type DueResult,
  type ScheduleInput,
} from '../../shared/sla/business-hours';
import { ValidationError } from '../../shared/errors';
import { allWeek, berlinLunch, holidaySchedule, monFri, twentyFourFive, utc, weekendsOnly } from './schedule-fixtures';

function at(result: DueResult): string {
  if (result.kind !== 'due') throw new Error(`expected a due date, got unreachable: ${result.reason}`);
  return result.at.toISOString().replace('.000Z', 'Z');
}

const mf = compileSchedule(monFri(), { defaultTimezone: 'UTC' });

describe('addBusinessHours, correct model: FACTS.md §4 and SLA-QUIRKS.md examples', () => {
  test.each([
    ['Fri 19:52:18 + 18 h (osTicket: Wed 08:00)', '2026-12-04 19:52:18', 18, '2026-12-08T17:00:00Z'],
    ['Mon 08:00 + 18 h is an exact fit ending at Tue closing', '2026-12-07 08:00:00', 18, '2026-12-08T17:00:00Z'],
    ['Mon 09:30 + 18 h', '2026-12-07 09:30:00', 18, '2026-12-09T09:30:00Z'],
    ['Thu 24 Dec 16:00 + 18 h skips Christmas and the weekend', '2026-12-24 16:00:00', 18, '2026-12-29T16:00:00Z'],
    ['one second before closing counts one second', '2026-12-07 16:59:59', 1, '2026-12-08T08:59:59Z'],
    ['a start exactly at closing counts from the next opening', '2026-12-07 17:00:00', 1, '2026-12-08T09:00:00Z'],
  ])('%s', (_name, start, hours, due) => {
    expect(at(addBusinessHours(utc(start), hours, mf))).toBe(due);
  });

  test('24/7: Fri 22:00 + 4 h is Sat 02:00 (23:59:59 means midnight; osTicket says 02:00:01)', () => {
    expect(at(addBusinessHours(utc('2026-12-04 22:00:00'), 4, compileSchedule(allWeek())))).toBe(
      '2026-12-05T02:00:00Z',
    );
    expect(at(addBusinessHours(utc('2026-12-04 22:00:00'), 4, twentyFourSeven()))).toBe('2026-12-05T02:00:00Z');
  });

  test('24/5: Fri 12:00 + 4 h and Sat 12:00 + 4 h', () => {
    const s = compileSchedule(twentyFourFive());
    expect(at(addBusinessHours(utc('2026-12-04 12:00:00'), 4, s))).toBe('2026-12-04T16:00:00Z');
    expect(at(addBusinessHours(utc('2026-12-05 12:00:00'), 4, s))).toBe('2026-12-07T04:00:00Z');
  });

  test('zero hours is the start itself', () => {
    expect(at(addBusinessHours(utc('2026-12-05 12:00:00'), 0, mf))).toBe('2026-12-05T12:00:00Z');
  });

  test('a long grace jumps whole weeks and keeps counting holidays (500 h from Fri 10:00)', () => {
    const due = addBusinessHours(utc('2026-12-04 10:00:00'), 500, mf);
    expect(businessHoursBetween(utc('2026-12-04 10:00:00'), new Date(at(due)), mf)).toBe(500);
    // 55 full days of 9 h plus 5 h; Christmas and New Year's Day are skipped.
    expect(at(due)).toBe('2027-02-24T15:00:00Z');
  });
});

describe('DST weeks', () => {
  const ny = compileSchedule(monFri('America/New_York'));
  const berlin = compileSchedule({ ...monFri('Europe/Berlin', []), name: 'Berlin 8-17' });

  test('America/New_York spring forward: Fri 16:00 EST + 2 h is Mon 09:00 EDT', () => {
    expect(at(addBusinessHours(utc('2026-03-06 21:00:00'), 2, ny))).toBe('2026-03-09T13:00:00Z');
  });

  test('America/New_York fall back: Fri 16:00 EDT + 2 h is Mon 09:00 EST', () => {
    expect(at(addBusinessHours(utc('2026-10-30 20:00:00'), 2, ny))).toBe('2026-11-02T14:00:00Z');
  });

  test('Europe/Berlin spring forward: Fri 16:00 CET + 2 h is Mon 09:00 CEST', () => {
    expect(at(addBusinessHours(utc('2026-03-27 15:00:00'), 2, berlin))).toBe('2026-03-30T07:00:00Z');
  });

  test('Europe/Berlin fall back: Fri 16:00 CEST + 2 h is Mon 09:00 CET', () => {
    expect(at(addBusinessHours(utc('2026-10-23 14:00:00'), 2, berlin))).toBe('2026-10-26T08:00:00Z');
  });

  test('a week with a DST change still has 45 business hours', () => {
    expect(businessHoursBetween(utc('2026-03-07 00:00:00'), utc('2026-03-14 00:00:00'), ny)).toBe(45);
    expect(businessHoursBetween(utc('2026-10-24 00:00:00'), utc('2026-10-31 00:00:00'), berlin)).toBe(45);
  });

  test('a DST change inside business hours counts real elapsed time (Sunday 01:00–05:00 is 3 h on 29 March)', () => {
    const s = compileSchedule({
      id: 'night',
      name: 'Night shift',
      timezone: 'Europe/Berlin',
      entries: [
        {
          repeats: 'weekly',
          day: 7,
          startsOn: '2019-01-01',
          endsOn: '2019-01-01',
          startsAt: '01:00:00',
          endsAt: '05:00:00',
        },
      ],
      holidays: [],
    });
    expect(businessHoursBetween(utc('2026-03-28 12:00:00'), utc('2026-03-29 12:00:00'), s)).toBe(3);
    expect(businessHoursBetween(utc('2026-10-24 12:00:00'), utc('2026-10-25 12:00:00'), s)).toBe(5);
  });
});

describe('24/7 in a DST zone', () => {
  const s = twentyFourSeven('America/New_York');

  test('spring-forward day is 23 h, fall-back day 25 h', () => {
    expect(businessHoursBetween(utc('2026-03-08 05:00:00'), utc('2026-03-09 04:00:00'), s)).toBe(23);
    expect(businessHoursBetween(utc('2026-11-01 04:00:00'), utc('2026-11-02 05:00:00'), s)).toBe(25);
  });

  test('grace is real elapsed time across the change', () => {
    expect(at(addBusinessHours(utc('2026-03-08 03:00:00'), 6, s))).toBe('2026-03-08T09:00:00Z');
    expect(at(addBusinessHours(utc('2026-11-01 05:30:00'), 1, s))).toBe('2026-11-01T06:30:00Z');
  });
});

describe('lunch-break schedule (two entries a day)', () => {
  const b = compileSchedule(berlinLunch());

  test('all entries of a day count', () => {
    // Mon 11:00 CET + 3 h: 11–12 and 13–15.
    expect(at(addBusinessHours(utc('2026-12-07 10:00:00'), 3, b))).toBe('2026-12-07T14:00:00Z');
    expect(at(addBusinessHours(utc('2026-12-07 07:00:00'), 8, b))).toBe('2026-12-07T16:00:00Z');
  });

  test('a start in the lunch break counts from 13:00', () => {
    expect(at(addBusinessHours(utc('2026-12-07 11:30:00'), 1, b))).toBe('2026-12-07T13:00:00Z');
  });

  test('an exact fit ends at the morning closing time', () => {
    expect(at(addBusinessHours(utc('2026-12-07 07:00:00'), 4, b))).toBe('2026-12-07T11:00:00Z');
  });

  test('a day has 8 business hours', () => {
    expect(businessHoursBetween(utc('2026-12-07 00:00:00'), utc('2026-12-08 00:00:00'), b)).toBe(8);
  });
});

describe('monthly and yearly entries', () => {
  const base = { startsOn: '2019-01-01', endsOn: '2019-01-01' };

  test('monthly on the last Friday (week = -1)', () => {
    const s = compileSchedule({
      id: 'm',
      name: 'Last Friday',
      timezone: 'UTC',
      entries: [{ ...base, repeats: 'monthly', week: -1, day: 5, startsAt: '10:00:00', endsAt: '12:00:00' }],
      holidays: [],
    });
    expect(at(addBusinessHours(utc('2026-12-01 00:00:00'), 1, s))).toBe('2026-12-25T11:00:00Z');
    expect(at(addBusinessHours(utc('2026-12-01 00:00:00'), 3, s))).toBe('2027-01-29T11:00:00Z');
  });

  test('monthly on a day of the month, and the second Tuesday', () => {
    const s = compileSchedule({
      id: 'm2',
      name: 'Monthly',
      timezone: 'UTC',
      entries: [
        { ...base, id: 1, repeats: 'monthly', day: 15, startsAt: '09:00:00', endsAt: '17:00:00' },
        { ...base, id: 2, repeats: 'monthly', week: 2, day: 2, startsAt: '09:00:00', endsAt: '10:00:00' },
      ],
      holidays: [],
    });
    // After 16 Dec 2026: Tue 12 Jan 2027 (second Tuesday) 1 h, then Fri 15 Jan.
    expect(at(addBusinessHours(utc('2026-12-16 00:00:00'), 3, s))).toBe('2027-01-15T11:00:00Z');
  });

  test('yearly holidays: Memorial Day (last Monday of May) and Thanksgiving (4th Thursday)', () => {
    expect(at(addBusinessHours(utc('2026-05-22 16:00:00'), 2, mf))).toBe('2026-05-26T09:00:00Z');
    expect(at(addBusinessHours(utc('2026-11-25 16:00:00'), 2, mf))).toBe('2026-11-27T09:00:00Z');
  });

  test('yearly business entry on the first Saturday of June', () => {
    const s = compileSchedule({
      id: 'y',
      name: 'Open day',
      timezone: 'UTC',
      entries: [{ ...base, repeats: 'yearly', month: 6, week: 1, day: 6, startsAt: '10:00:00', endsAt: '14:00:00' }],
      holidays: [],
    });
    expect(at(addBusinessHours(utc('2026-01-01 00:00:00'), 2, s))).toBe('2026-06-06T12:00:00Z');
  });
});

describe('holidays', () => {
  test('a full-day holiday removes the day', () => {
    const s = compileSchedule(
      monFri('UTC', [
        holidaySchedule('Closure', [
          { repeats: 'never', startsOn: '2026-12-08', endsOn: '2026-12-08', startsAt: '00:00:00', endsAt: '23:59:59' },
        ]),
      ]),
    );
    expect(at(addBusinessHours(utc('2026-12-07 16:00:00'), 2, s))).toBe('2026-12-09T09:00:00Z');
  });

  test('a partial holiday cuts out its interval', () => {
    const s = compileSchedule(
      monFri('UTC', [
        holidaySchedule('Lunch', [
          { repeats: 'never', startsOn: '2026-12-08', endsOn: '2026-12-08', startsAt: '12:00:00', endsAt: '13:00:00' },
        ]),
      ]),
    );
    expect(at(addBusinessHours(utc('2026-12-08 11:00:00'), 2, s))).toBe('2026-12-08T14:00:00Z');
    expect(at(addBusinessHours(utc('2026-12-08 14:00:00'), 2, s))).toBe('2026-12-08T16:00:00Z');
    expect(businessHoursBetween(utc('2026-12-08 00:00:00'), utc('2026-12-09 00:00:00'), s)).toBe(8);
  });

  test('a start on a holiday counts from the next business opening', () => {
    expect(at(addBusinessHours(utc('2026-12-25 10:00:00'), 1, mf))).toBe('2026-12-28T09:00:00Z');
  });

  test('a start on a weekend counts from Monday', () => {
    expect(at(addBusinessHours(utc('2026-12-05 10:00:00'), 1, mf))).toBe('2026-12-07T09:00:00Z');
  });
});

describe('starts_on / stops_on bounds', () => {
  const base = { startsAt: '09:00:00', endsAt: '12:00:00' };

  test('a one-off entry occurs only on its dates; past it the grace is unreachable', () => {
    const s = compileSchedule({
      id: 'once',
      name: 'Once',
      timezone: 'UTC',
      entries: [{ ...base, repeats: 'never', startsOn: '2026-12-10', endsOn: '2026-12-10' }],
      holidays: [],
    });
    expect(at(addBusinessHours(utc('2026-12-01 00:00:00'), 2, s))).toBe('2026-12-10T11:00:00Z');
    const r = addBusinessHours(utc('2026-12-01 00:00:00'), 4, s);
    expect(r).toEqual({ kind: 'unreachable', reason: expect.stringContaining('no business time after 2026-12-10') });
  });

  test('stopsOn ends the recurrence', () => {
    const s = compileSchedule({
      id: 'stop',
      name: 'Mondays until 14 Dec',
      timezone: 'UTC',
      entries: [
        { ...base, repeats: 'weekly', day: 1, startsOn: '2026-01-01', endsOn: '2026-01-01', stopsOn: '2026-12-14' },
      ],
      holidays: [],
    });
    expect(at(addBusinessHours(utc('2026-12-08 00:00:00'), 3, s))).toBe('2026-12-14T12:00:00Z');
    expect(addBusinessHours(utc('2026-12-08 00:00:00'), 4, s).kind).toBe('unreachable');
  });

  test('a UTC stopsOn (as the connector sends it) is placed on the schedule-local calendar', () => {
    const s = compileSchedule({
      id: 'stop-utc',
      name: 'Berlin Mondays',
      timezone: 'Europe/Berlin',
      entries: [
        {
          ...base,
          repeats: 'weekly',
          day: 1,
          startsOn: '2026-01-01',
          endsOn: '2026-01-01',
          stopsOn: '2026-12-14T22:59:59Z',
        },
      ],
      holidays: [],
    });
    // 22:59:59Z is 23:59:59 on Monday 14 December in Berlin: that Monday is the last occurrence.
    expect(at(addBusinessHours(utc('2026-12-08 00:00:00'), 3, s))).toBe('2026-12-14T11:00:00Z');
    expect(addBusinessHours(utc('2026-12-08 00:00:00'), 4, s).kind).toBe('unreachable');
  });

  test('a repeating entry applies before its startsOn in the correct model, unless honorStartsOn', () => {
    const input: ScheduleInput = {
      id: 'future',
      name: 'Future',
      timezone: 'UTC',
      entries: [{ ...base, repeats: 'daily', startsOn: '2026-12-10', endsOn: '2026-12-10' }],
      holidays: [],
    };
    expect(at(addBusinessHours(utc('2026-12-07 00:00:00'), 1, compileSchedule(input)))).toBe('2026-12-07T10:00:00Z');
    const honoring = compileSchedule(input, { honorStartsOn: true });
    expect(at(addBusinessHours(utc('2026-12-07 00:00:00'), 1, honoring))).toBe('2026-12-10T10:00:00Z');
    expect(subtractBusinessHours(utc('2026-12-09 00:00:00'), 1, honoring).kind).toBe('unreachable');
  });
});

describe('subtractBusinessHours (warning points) and businessHoursBetween', () => {
  test('a warning 2 h before Tue 17:00 is Tue 15:00; 2 h before Mon 09:00 is Fri 16:00', () => {
    expect(at(subtractBusinessHours(utc('2026-12-08 17:00:00'), 2, mf))).toBe('2026-12-08T15:00:00Z');
    expect(at(subtractBusinessHours(utc('2026-12-07 09:00:00'), 2, mf))).toBe('2026-12-04T16:00:00Z');
  });

  test('an exact fit backwards is the opening (the latest instant with that much time left)', () => {
    expect(at(subtractBusinessHours(utc('2026-12-08 17:00:00'), 9, mf))).toBe('2026-12-08T08:00:00Z');
  });

  test('far-apart instants (beyond the dense day cache) are still exact', () => {
    const days = (Date.UTC(2080, 0, 1) - Date.UTC(1990, 0, 1)) / 86_400_000;
    expect(businessHoursBetween(utc('1990-01-01 00:00:00'), utc('2080-01-01 00:00:00'), twentyFourSeven())).toBe(
      days * 24,
    );
    const ny = twentyFourSeven('America/New_York');
    expect(businessHoursBetween(utc('2026-01-01 05:00:00'), utc('2027-01-01 05:00:00'), ny)).toBe(365 * 24);
    expect(at(addBusinessHours(utc('2070-03-01 00:00:00'), 24, ny))).toBe('2070-03-02T00:00:00Z');
  });

  test('between is negative when b is before a, and 0 outside hours', () => {
    expect(businessHoursBetween(utc('2026-12-08 17:00:00'), utc('2026-12-07 08:00:00'), mf)).toBe(-18);
    expect(businessHoursBetween(utc('2026-12-05 00:00:00'), utc('2026-12-06 23:00:00'), mf)).toBe(0);
  });
});

describe('bad input', () => {
  const good = monFri('UTC', []);

  test.each([
    ['no entries', { ...good, entries: [] }, /Schedule "Monday - Friday 8am - 5pm with U.S. Holidays": has no entries/],
    ['an unknown time zone', { ...good, timezone: 'Mars/Olympus' }, /unknown time zone "Mars\/Olympus"/],
    [
      'overlapping entries',
      {
        ...berlinLunch(),
        entries: [berlinLunch().entries[0]!, { ...berlinLunch().entries[1]!, startsAt: '11:00:00' }],
      },
      /Schedule "Berlin": entries Morning \(08:00–12:00\) and Afternoon \(11:00–17:00\) overlap/,
    ],
    [
      'an end before the start',
      { ...good, entries: [{ ...good.entries[0]!, endsAt: '07:00:00' }] },
      /ends \(07:00:00\) at or before it starts \(08:00:00\)/,
    ],
    ['a bad time', { ...good, entries: [{ ...good.entries[0]!, startsAt: '25:00' }] }, /startsAt must be a time/],
    [
      'a weekly entry without a day',
      { ...good, entries: [{ ...good.entries[0]!, day: null }] },
      /day must be 1 \(Monday\)/,
    ],
  ])('%s is a ScheduleError naming the schedule', (_name, input, message) => {
    let caught: unknown;
    try {
      compileSchedule(input as ScheduleInput);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScheduleError);
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as ValidationError).fields.length).toBeGreaterThan(0);
  });

  test('a floating schedule with an unknown default zone is an error', () => {
    expect(() => compileSchedule(monFri(null), { defaultTimezone: 'Nowhere/City' })).toThrow(
      /unknown time zone "Nowhere\/City"/,
    );
  });

  test('a grace beyond the horizon is unreachable quickly, never a hang', () => {
    const leapDay = compileSchedule(
      {
        id: 'leap',
        name: 'Leap day',
        timezone: 'UTC',
        entries: [
          {
            repeats: 'yearly',
            month: 2,
            day: 29,
            startsOn: '2019-01-01',
            endsOn: '2019-01-01',
            startsAt: '09:00:00',
            endsAt: '10:00:00',
          },
        ],
        holidays: [],
      },
      { horizonDays: 365 },
    );
    const t = Date.now();
    const r = addBusinessHours(utc('2026-03-01 00:00:00'), 1, leapDay);
    expect(r).toEqual({ kind: 'unreachable', reason: expect.stringContaining('within 365 days') });
    expect(at(addBusinessHours(utc('2027-03-01 00:00:00'), 1, leapDay))).toBe('2028-02-29T10:00:00Z');
    const weekendHolidays = compileSchedule(weekendsOnly('UTC'));
    expect(addBusinessHours(utc('2026-12-07 00:00:00'), 1_000_000, weekendHolidays).kind).toBe('unreachable');
    expect(Date.now() - t).toBeLessThan(2000);
  });

  test('bad hours and dates are validation errors naming the field', () => {
    expect(() => addBusinessHours(utc('2026-12-07 00:00:00'), -1, mf)).toThrow(ValidationError);
    expect(() => addBusinessHours(utc('2026-12-07 00:00:00'), Number.NaN, mf)).toThrow(/hours must be/);
    expect(() => addBusinessHours(new Date('nope'), 1, mf)).toThrow(/start must be a valid date/);
  });
});
