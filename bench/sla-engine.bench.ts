// Benchmark of the business-hours engine: 100,000 tickets (an add, a subtract and a between each) across the default
// Mon–Fri 08–17 schedule with U.S. holidays (America/New_York), 24/7 and a Berlin lunch-break schedule.
import {
  addBusinessHours,
  businessHoursBetween,
  compileSchedule,
  subtractBusinessHours,
  twentyFourSeven,
  type CompiledSchedule,
  type ScheduleInput,
} from '../shared/sla/business-hours';

const TICKETS = 100_000;

function yearly(id: number, month: number, day: number, week: number | null = null) {
  return {
    id,
    repeats: 'yearly' as const,
    startsOn: '2019-01-01',
    startsAt: '00:00:00',
    endsOn: '2019-01-01',
    endsAt: '23:59:59',
    month,
    day,
    week,
  };
}

function schedules(): CompiledSchedule[] {
  const holidays: ScheduleInput = {
    id: 4,
    name: 'U.S. Holidays',
    timezone: null,
    entries: [
      yearly(1, 1, 1),
      yearly(2, 1, 1, 3),
      yearly(3, 5, 1, -1),
      yearly(4, 7, 4),
      yearly(5, 9, 1, 1),
      yearly(6, 10, 1, 2),
      yearly(7, 11, 11),
      yearly(8, 11, 4, 4),
      yearly(9, 12, 25),
    ],
    holidays: [],
  };
  const weekly = (id: number, day: number, startsAt: string, endsAt: string) => ({
    id,
    repeats: 'weekly' as const,
    startsOn: '2019-01-01',
    endsOn: '2019-01-01',
    startsAt,
    endsAt,
    day,
  });
  const monFri = compileSchedule({
    id: 1,
    name: 'Mon-Fri 8-17 with U.S. Holidays',
    timezone: 'America/New_York',
    entries: [1, 2, 3, 4, 5].map((d) => weekly(d, d, '08:00:00', '17:00:00')),
    holidays: [holidays],
  });
  const berlin = compileSchedule({
    id: 7,
    name: 'Berlin',
    timezone: 'Europe/Berlin',
    entries: [1, 2, 3, 4, 5].flatMap((d) => [
      weekly(d, d, '08:00:00', '12:00:00'),
      weekly(10 + d, d, '13:00:00', '17:00:00'),
    ]),
    holidays: [],
  });
  return [monFri, twentyFourSeven('America/New_York'), berlin];
}

/** A small deterministic PRNG (mulberry32), so every run evaluates the same tickets. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function run(): Promise<void> {
  const random = prng(42);
  const from = Date.UTC(2026, 0, 1);
  const span = 365 * 86_400_000;
  const graces = [1, 4, 8, 18, 24, 40, 72];
  const starts = new Float64Array(TICKETS);
  const hours = new Float64Array(TICKETS);
  for (let i = 0; i < TICKETS; i++) {
    starts[i] = from + Math.floor((random() * span) / 1000) * 1000;
    hours[i] = graces[Math.floor(random() * graces.length)]!;
  }
  // Compiling is once per schedule and process (and loads the ICU time-zone data): outside the timed loop.
  const compiled = schedules();
  const t0 = performance.now();
  let checksum = 0;
  for (let i = 0; i < TICKETS; i++) {
    const schedule = compiled[i % compiled.length]!;
    const start = new Date(starts[i]!);
    const due = addBusinessHours(start, hours[i]!, schedule);
    if (due.kind !== 'due') continue;
    const warn = subtractBusinessHours(due.at, hours[i]! / 4, schedule);
    checksum += businessHoursBetween(start, warn.kind === 'due' ? warn.at : due.at, schedule);
  }
  const ms = performance.now() - t0;
  if (!Number.isFinite(checksum)) throw new Error('engine produced a non-finite result');
  console.log(`bench sla.engine100k.ms: ${Math.round(ms)}`);
  await Promise.resolve();
}
