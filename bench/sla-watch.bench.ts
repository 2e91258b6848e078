// SLA watch evaluation benchmark: 100,000 open tickets over three schedules (osTicket's default business hours
// with US holidays, 24/7, and Europe/Berlin with a lunch break), evaluation only (no I/O), versus a naive
// minute-stepping reference on the same 100,000 tickets. Prints `bench sla.sweep100k.ms`,
// `bench sla.sweep100k.peakMB`, `bench sla.naive100k.ms` and the ratio.
import type { Ticket } from '../shared/osticket/contract';
import { compileSchedule, twentyFourSeven } from '../shared/sla/business-hours';
import { evaluateTicket, type BusinessTimeEngine, type ScheduleRef } from '../shared/sla/watch/evaluator';
import { buildPolicy } from '../shared/sla/watch/policy';
import { defaultEngine } from '../shared/sla/watch/target-snapshot';
import { berlinLunch, monFri } from '../test/sla/schedule-fixtures';
import { naiveEngine } from './sla-naive-reference';

const TICKETS = 100_000;
const NOW = new Date('2026-12-07T10:00:00Z'); // a Monday

function schedules(): ScheduleRef[] {
  // osTicket's default schedule (Mon–Fri 08–17 with its U.S. holidays, floating, so the default zone applies),
  // 24/7, and Berlin with a lunch break: the same fixtures as the engine's tests and benchmark.
  const business = compileSchedule(monFri(), { defaultTimezone: 'America/New_York' });
  const lunch = compileSchedule(berlinLunch());
  return [
    { schedule: business, timeZone: business.zone, name: business.name },
    { schedule: twentyFourSeven('UTC'), timeZone: 'UTC', name: '24/7' },
    { schedule: lunch, timeZone: lunch.zone, name: lunch.name },
  ];
}

/** Per schedule: plan and how far back tickets were created (so states mix ok, warning, breached). */
const plans = [
  { name: 'Sev-C', graceHours: 8, spanHours: 72 },
  { name: 'Sev-A', graceHours: 1, spanHours: 2 },
  { name: 'Sev-B', graceHours: 4, spanHours: 30 },
];

/** Deterministic pseudo-random tickets: 80% with a stored est_duedate, 20% computed by the engine. */
function tickets(n: number, refs: ScheduleRef[]): { ticket: Ticket; ref: number }[] {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: { ticket: Ticket; ref: number }[] = [];
  for (let i = 0; i < n; i++) {
    const ref = i % 3;
    const plan = plans[ref]!;
    const created = new Date(NOW.getTime() - Math.floor(rnd() * plan.spanHours * 3_600_000));
    const iso = created.toISOString();
    let est: string | null = null;
    if (rnd() < 0.8) {
      const due = defaultEngine.addBusinessHours(created, plan.graceHours, refs[ref]!.schedule);
      est = due.kind === 'due' ? due.at.toISOString() : null;
    }
    out.push({
      ref,
      ticket: {
        id: i + 1,
        number: String(100000 + i),
        subject: `Ticket ${i}`,
        status: { id: 1, name: 'Open', state: 'open' },
        priority: { id: 2, name: 'Normal' },
        department: { id: 1 + (i % 5), name: `Dept ${i % 5}` },
        topic: null,
        sla: { id: ref + 1, name: plan.name, graceHours: plan.graceHours, scheduleId: ref + 1 },
        assignee: { staff: null, team: null },
        user: { name: 'User', email: 'user@example.com' },
        createdAt: iso,
        updatedAt: iso,
        reopenedAt: null,
        closedAt: null,
        dueDate: null,
        estDueDate: est,
        isOverdue: false,
        isAnswered: false,
        firstResponseAt: rnd() < 0.5 ? iso : null,
        lastMessageAt: iso,
        lastResponseAt: null,
      },
    });
  }
  return out;
}

const policy = buildPolicy({
  defaults: { warnAt: 0.75, escalations: [{ level: 2, afterBreachMinutes: 60 }] },
  plans: { 'Sev-A': { firstResponseHours: 0.25 }, 'Sev-B': { firstResponseHours: 1 } },
});

function sweep(items: { ticket: Ticket; ref: number }[], refs: ScheduleRef[], engine: BusinessTimeEngine): number {
  let notOk = 0;
  for (const { ticket, ref } of items) {
    const e = evaluateTicket(ticket, policy.planFor(ticket.sla?.name), refs[ref]!, NOW, engine);
    for (const c of e.clocks) if (c.state !== 'ok') notOk++;
  }
  return notOk;
}

export async function run(): Promise<void> {
  const data = tickets(TICKETS, schedules());
  // Each sweep compiles its schedules afresh (as a real sweep does), so day caches start cold.
  const runs: number[] = [];
  let notOk = 0;
  for (let i = 0; i < 3; i++) {
    const refs = schedules();
    const t0 = performance.now();
    notOk = sweep(data, refs, defaultEngine);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const fast = runs[1]!;
  const peakMB = process.resourceUsage().maxRSS / 1024;

  // The naive reference evaluates the same 100,000 tickets once. It steps whole minutes from each ticket's start,
  // so a clock within a minute of a boundary can land in the other state: its count is shown, not asserted.
  const naiveRefs = schedules();
  const t1 = performance.now();
  const naiveNotOk = sweep(data, naiveRefs, naiveEngine);
  const naive = performance.now() - t1;

  console.log(
    `# sla-watch: ${TICKETS} tickets, ${notOk} clocks not ok (naive reference: ${naiveNotOk}); median of 3 sweeps`,
  );
  console.log(`bench sla.sweep100k.ms: ${fast.toFixed(1)}`);
  console.log(`bench sla.sweep100k.peakMB: ${peakMB.toFixed(1)}`);
  console.log(`bench sla.naive100k.ms: ${naive.toFixed(0)}`);
  console.log(`bench sla.naive100k.ratio: ${(naive / fast).toFixed(1)}`);
  return Promise.resolve();
}
