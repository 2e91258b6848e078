// Schedules shaped like osTicket's fresh-install data (include/i18n/en_US/schedule.yaml) and the SLA-QUIRKS examples.
import type { ScheduleEntryInput, ScheduleInput } from '../../shared/sla/business-hours';

const ALL_DAY = { startsAt: '00:00:00', endsAt: '23:59:59' };

function yearly(id: number, name: string, month: number, day: number, week: number | null = null): ScheduleEntryInput {
  return { id, name, repeats: 'yearly', startsOn: '2019-01-01', endsOn: '2019-01-01', ...ALL_DAY, month, day, week };
}

export function usHolidays(): ScheduleInput {
  return {
    id: 4,
    name: 'U.S. Holidays',
    timezone: null,
    entries: [
      yearly(1, "New Year's Day", 1, 1),
      yearly(2, 'MLK Day', 1, 1, 3),
      yearly(3, 'Memorial Day', 5, 1, -1),
      yearly(4, 'Independence Day', 7, 4),
      yearly(5, 'Labor Day', 9, 1, 1),
      yearly(6, "Indigenous Peoples' Day", 10, 1, 2),
      yearly(7, 'Veterans Day', 11, 11),
      yearly(8, 'Thanksgiving Day', 11, 4, 4),
      { ...yearly(9, 'Christmas Day', 12, 25), startsOn: '2019-11-25', endsOn: '2019-11-25' },
    ],
    holidays: [],
  };
}

/** Schedule 1: "Monday - Friday 8am - 5pm with U.S. Holidays" (five weekly entries). */
export function monFri(timezone: string | null = null, holidays: ScheduleInput[] = [usHolidays()]): ScheduleInput {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  return {
    id: 1,
    name: 'Monday - Friday 8am - 5pm with U.S. Holidays',
    timezone,
    entries: days.map((name, i) => ({
      id: i + 1,
      name,
      repeats: 'weekly' as const,
      startsOn: '2019-01-01',
      startsAt: '08:00:00',
      endsOn: '2019-01-01',
      endsAt: '17:00:00',
      day: i + 1,
    })),
    holidays,
  };
}

export function allWeek(timezone: string | null = null): ScheduleInput {
  return {
    id: 2,
    name: '24/7',
    timezone,
    entries: [{ id: 10, name: 'Daily', repeats: 'daily', startsOn: '2019-01-01', endsOn: '2019-01-01', ...ALL_DAY }],
    holidays: [],
  };
}

export function twentyFourFive(timezone: string | null = null): ScheduleInput {
  return {
    id: 3,
    name: '24/5',
    timezone,
    entries: [
      { id: 11, name: 'Weekdays', repeats: 'weekdays', startsOn: '2019-01-01', endsOn: '2019-01-01', ...ALL_DAY },
    ],
    holidays: [],
  };
}

/** Berlin with a lunch break as two entries a day: 08–12 and 13–17 on weekdays. */
export function berlinLunch(): ScheduleInput {
  const entry = (id: number, name: string, startsAt: string, endsAt: string): ScheduleEntryInput => ({
    id,
    name,
    repeats: 'weekdays',
    startsOn: '2019-01-01',
    endsOn: '2019-01-01',
    startsAt,
    endsAt,
  });
  return {
    id: 7,
    name: 'Berlin',
    timezone: 'Europe/Berlin',
    entries: [entry(20, 'Morning', '08:00:00', '12:00:00'), entry(21, 'Afternoon', '13:00:00', '17:00:00')],
    holidays: [],
  };
}

export function weekendsOnly(timezone: string | null = 'UTC'): ScheduleInput {
  return {
    id: 8,
    name: 'Weekends',
    timezone,
    entries: [
      {
        id: 30,
        name: 'Weekend',
        repeats: 'weekends',
        startsOn: '2019-01-01',
        endsOn: '2019-01-01',
        startsAt: '09:00:00',
        endsAt: '17:00:00',
      },
    ],
    holidays: [],
  };
}

export function holidaySchedule(name: string, entries: ScheduleEntryInput[]): ScheduleInput {
  return { id: name, name, timezone: null, entries, holidays: [] };
}

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function utc(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}Z`);
}
