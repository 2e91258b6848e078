// Benchmark of the business-hours engine: 100,000 tickets (an add, a subtract and a between each) across the default
// Mon–Fri 08–17 schedule with U.S. holidays (America/New_York), 24/7 and a Berlin lunch-break schedule.
import {
  addBusinessHours,
  businessHoursBetween,
  compileSchedule,
  subtractBusinessHours,
  twentyFourSeven,
  type CompiledSchedule,
} from '../shared/sla/business-hours';
import { berlinLunch, monFri } from '../test/sla/schedule-fixtures';

const TICKETS = 100_000;

function schedules(): CompiledSchedule[] {
  return [
    compileSchedule(monFri('America/New_York')),
    twentyFourSeven('America/New_York'),
    compileSchedule(berlinLunch()),
  ];
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
