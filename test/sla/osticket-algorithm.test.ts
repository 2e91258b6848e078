import { osTicketDueDate } from '../../shared/sla/osticket-algorithm';
import { explainOsTicketDeviation, deviationMessage, type TicketDueInput } from '../../shared/sla/deviation-explainer';
import type { ScheduleInput } from '../../shared/sla/business-hours';
import { allWeek, berlinLunch, holidaySchedule, monFri, twentyFourFive, utc, weekendsOnly } from './schedule-fixtures';

const UTC = { defaultTimezone: 'UTC' };
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

describe('osTicketDueDate reproduces every verified due date of FACTS.md §4', () => {
  test.each([
    ['Default SLA 18 h, schedule 1, Fri 19:52:18', monFri(), '2026-12-04 19:52:18', 18, '2026-12-09T08:00:00Z'],
    ['same, Mon 08:00 (quirk 1)', monFri(), '2026-12-07 08:00:00', 18, '2026-12-09T08:00:00Z'],
    ['same, Mon 09:30', monFri(), '2026-12-07 09:30:00', 18, '2026-12-09T09:30:00Z'],
    ['same, Thu 24 Dec 16:00 (Christmas)', monFri(), '2026-12-24 16:00:00', 18, '2026-12-29T16:00:00Z'],
    ['4 h, 24/7, Fri 22:00', allWeek(), '2026-12-04 22:00:00', 4, '2026-12-05T02:00:01Z'],
    ['4 h, 24/5, Fri 12:00', twentyFourFive(), '2026-12-04 12:00:00', 4, '2026-12-04T16:00:00Z'],
    ['4 h, 24/5, Sat 12:00', twentyFourFive(), '2026-12-05 12:00:00', 4, '2026-12-07T04:00:00Z'],
    ['end-to-end: 4 h on 24/7 at 19:56:14', allWeek(), '2026-12-04 19:56:14', 4, '2026-12-04T23:56:14Z'],
  ])('%s', (_name, schedule, start, hours, due) => {
    expect(iso(osTicketDueDate(utc(start), hours, schedule, UTC))).toBe(due);
  });
});

describe('osTicketDueDate reproduces the SLA-QUIRKS.md observations', () => {
  test('exact fit before a full-day holiday ends at the holiday 23:59:59', () => {
    // Wed 23 Dec 08:00 + 18 h: Wed and Thu fill it exactly; Fri 25 is Christmas, the last date of the bucket.
    expect(iso(osTicketDueDate(utc('2026-12-23 08:00:00'), 18, monFri(), UTC))).toBe('2026-12-25T23:59:59Z');
  });

  test('exact fit on the last date of a bucket stays at closing', () => {
    // Wed 08:00 + 18 h: bucket Wed..Sat; Thu is filled last, Fri is in the bucket, so Fri 08:00.
    expect(iso(osTicketDueDate(utc('2026-12-02 08:00:00'), 18, monFri(), UTC))).toBe('2026-12-04T08:00:00Z');
    // Thu 08:00 + 9 h: bucket Thu..Sun, Thu is filled, Fri follows: Fri 08:00.
    expect(iso(osTicketDueDate(utc('2026-12-03 08:00:00'), 9, monFri(), UTC))).toBe('2026-12-04T08:00:00Z');
    // Fri 08:00 + 9 h: bucket Fri..Mon, Fri is filled, Mon 7 follows in the bucket: Mon 08:00.
    expect(iso(osTicketDueDate(utc('2026-12-04 08:00:00'), 9, monFri(), UTC))).toBe('2026-12-07T08:00:00Z');
    // Mon 08:00 + 36 h: bucket Mon..Thu all filled; Thu is the bucket's last date, so Thu 17:00 stays.
    expect(iso(osTicketDueDate(utc('2026-12-07 08:00:00'), 36, monFri(), UTC))).toBe('2026-12-10T17:00:00Z');
  });

  test('only the first entry per date: the lunch-break afternoon is ignored', () => {
    expect(iso(osTicketDueDate(utc('2026-12-07 07:00:00'), 6, berlinLunch(), UTC))).toBe('2026-12-08T09:00:00Z');
  });

  test('weekends-only: a start on Monday, Tuesday or Sunday after closing gives due = start', () => {
    for (const start of ['2026-12-07 10:00:00', '2026-12-08 10:00:00', '2026-12-06 18:00:00'])
      expect(iso(osTicketDueDate(utc(start), 4, weekendsOnly(), UTC))).toBe(iso(utc(start)));
    // A Wednesday start is cut off at the end of the first weekend.
    expect(iso(osTicketDueDate(utc('2026-12-09 10:00:00'), 20, weekendsOnly(), UTC))).toBe('2026-12-13T17:00:00Z');
  });

  test('24/7 in New York: 1 h takes 2 h on the fall-back day, and due = start at 01:59:59 on spring-forward', () => {
    expect(iso(osTicketDueDate(utc('2026-11-01 05:30:00'), 1, allWeek('America/New_York'), UTC))).toBe(
      '2026-11-01T07:30:00Z',
    );
    expect(iso(osTicketDueDate(utc('2026-03-08 06:59:59'), 1, allWeek('America/New_York'), UTC))).toBe(
      '2026-03-08T06:59:59Z',
    );
  });

  test('a partial holiday counts (entry end − holiday end) + lead time, regardless of the start time', () => {
    const s = monFri('UTC', [partialHoliday()]);
    // Tue 11:00 + 2 h: osTicket counts (17−13) + (12−8) = 8 h and backs off 6 h from 17:00: 11:00, the start.
    expect(iso(osTicketDueDate(utc('2026-12-08 11:00:00'), 2, s, UTC))).toBe('2026-12-08T11:00:00Z');
    // A one-off holiday that already ended before the start is ignored entirely (here harmlessly).
    expect(iso(osTicketDueDate(utc('2026-12-08 14:00:00'), 2, s, UTC))).toBe('2026-12-08T16:00:00Z');
  });

  test('a floating schedule uses the agent time zone when there is one', () => {
    expect(iso(osTicketDueDate(utc('2026-12-07 15:00:00'), 4, monFri(), UTC))).toBe('2026-12-08T10:00:00Z');
    expect(
      iso(osTicketDueDate(utc('2026-12-07 15:00:00'), 4, monFri(), { ...UTC, agentTimezone: 'America/New_York' })),
    ).toBe('2026-12-07T19:00:00Z');
  });

  test('no schedule, or a schedule without entries: wall-clock hours', () => {
    expect(iso(osTicketDueDate(utc('2026-12-05 10:00:00'), 18, null, UTC))).toBe('2026-12-06T04:00:00Z');
    expect(iso(osTicketDueDate(utc('2026-12-05 10:00:00'), 2, { ...monFri(), entries: [] }, UTC))).toBe(
      '2026-12-05T12:00:00Z',
    );
  });
});

function partialHoliday(): ScheduleInput {
  return holidaySchedule('Staff party', [
    {
      id: 1,
      name: 'Party',
      repeats: 'never',
      startsOn: '2026-12-08',
      endsOn: '2026-12-08',
      startsAt: '12:00:00',
      endsAt: '13:00:00',
    },
  ]);
}

function ticket(
  start: string,
  graceHours: number,
  schedule: ScheduleInput,
  options: { agentTimezone?: string } = {},
): TicketDueInput {
  const storedDue = osTicketDueDate(utc(start), graceHours, schedule, { ...UTC, ...options });
  return { number: '100001', start: utc(start), graceHours, storedDue };
}

describe('explainOsTicketDeviation names each documented deviation', () => {
  test('exact fit', () => {
    const e = explainOsTicketDeviation(ticket('2026-12-07 08:00:00', 18, monFri()), monFri(), UTC);
    expect(e.deviation).toBe('exact_fit');
    expect(e.correct).toEqual({ kind: 'due', at: utc('2026-12-08 17:00:00') });
    expect(e.differenceSeconds).toBe(15 * 3600);
    expect(e.message).toMatch(/next opening/);
  });

  test('one entry per date (the Berlin lunch break)', () => {
    const e = explainOsTicketDeviation(ticket('2026-12-07 07:00:00', 6, berlinLunch()), berlinLunch(), UTC);
    expect(e.deviation).toBe('one_entry_per_date');
    expect(e.message).toBe(
      'Berlin: the 13:00–17:00 entries are never used by osTicket (it keeps one entry per date); model the lunch break as a partial holiday',
    );
  });

  test('23:59:59 days', () => {
    const e = explainOsTicketDeviation(ticket('2026-12-04 22:00:00', 4, allWeek()), allWeek(), UTC);
    expect(e.deviation).toBe('midnight_2359');
    expect(e.differenceSeconds).toBe(1);
  });

  test('gap stop', () => {
    const e = explainOsTicketDeviation(ticket('2026-12-07 10:00:00', 4, weekendsOnly()), weekendsOnly(), UTC);
    expect(e.deviation).toBe('gap_stop');
    expect(e.osTicketDue).toEqual(utc('2026-12-07 10:00:00'));
    expect(e.correct).toEqual({ kind: 'due', at: utc('2026-12-12 13:00:00') });
  });

  test('partial holiday', () => {
    const s = monFri('UTC', [partialHoliday()]);
    const e = explainOsTicketDeviation(ticket('2026-12-08 11:00:00', 2, s), s, UTC);
    expect(e.deviation).toBe('partial_holiday');
    expect(e.osTicketDue).toEqual(utc('2026-12-08 11:00:00'));
    expect(e.correct).toEqual({ kind: 'due', at: utc('2026-12-08 14:00:00') });
  });

  test('DST (24/7 on the fall-back day)', () => {
    const s = allWeek('America/New_York');
    const e = explainOsTicketDeviation(ticket('2026-11-01 05:30:00', 1, s), s, UTC);
    expect(e.deviation).toBe('dst');
    expect(e.differenceSeconds).toBe(3600);
  });

  test('floating time zone (recomputed by an agent in New York)', () => {
    const e = explainOsTicketDeviation(
      ticket('2026-12-07 15:00:00', 4, monFri(), { agentTimezone: 'America/New_York' }),
      monFri(),
      {
        ...UTC,
        agentTimezones: ['Europe/London', 'America/New_York'],
      },
    );
    expect(e.deviation).toBe('floating_timezone');
    expect(e.message).toMatch(/agent's zone America\/New_York instead of UTC/);
  });

  test('starts_on', () => {
    const s: ScheduleInput = {
      ...monFri('UTC', []),
      entries: monFri('UTC', []).entries.map((e) => ({ ...e, startsOn: '2026-12-09', endsOn: '2026-12-09' })),
    };
    const e = explainOsTicketDeviation(ticket('2026-12-07 09:00:00', 4, s), s, UTC);
    expect(e.deviation).toBe('starts_on');
    expect(e.osTicketDue).toEqual(utc('2026-12-09 12:00:00'));
    expect(e.correct).toEqual({ kind: 'due', at: utc('2026-12-07 13:00:00') });
  });

  test('agreement is `none`, an arbitrary stored date is `unexplained`', () => {
    const agree = explainOsTicketDeviation(ticket('2026-12-07 09:30:00', 18, monFri()), monFri(), UTC);
    expect(agree.deviation).toBe('none');
    expect(agree.differenceSeconds).toBe(0);
    const odd = explainOsTicketDeviation(
      { number: '1', start: utc('2026-12-07 09:30:00'), graceHours: 18, storedDue: utc('2026-12-10 11:11:11') },
      monFri(),
      UTC,
    );
    expect(odd.deviation).toBe('unexplained');
    expect(odd.message).toMatch(/matches none of the documented deviations/);
  });

  test('every deviation code has a message naming the schedule', () => {
    for (const code of [
      'exact_fit',
      'one_entry_per_date',
      'midnight_2359',
      'gap_stop',
      'partial_holiday',
      'dst',
      'floating_timezone',
      'starts_on',
      'unexplained',
    ] as const)
      expect(deviationMessage(code, berlinLunch())).toMatch(/^Berlin: /);
  });
});
