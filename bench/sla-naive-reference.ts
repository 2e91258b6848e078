// A naive minute-stepping reference of the business-time engine, for the SLA watch benchmark only: it walks the
// calendar one minute at a time (asking the compiled schedule whether each minute is business time) instead of
// jumping whole intervals, days and weeks.
import type { CompiledSchedule, DueResult } from '../shared/sla/business-hours';
import type { BusinessTimeEngine } from '../shared/sla/watch/evaluator';

const MIN = 60_000;
const MAX_STEPS = 3 * 366 * 24 * 60;

function open(s: CompiledSchedule, t: number): boolean {
  const iv = s.day(s.ordinalOf(t)).intervals;
  for (let i = 0; i < iv.length; i += 2) if (t >= iv[i]! && t < iv[i + 1]!) return true;
  return false;
}

export const naiveEngine: BusinessTimeEngine = {
  addBusinessHours(start: Date, hours: number, s: CompiledSchedule): DueResult {
    let need = Math.round(hours * 60);
    let t = start.getTime();
    for (let steps = 0; need > 0; steps++) {
      if (steps > MAX_STEPS) return { kind: 'unreachable', reason: 'no business time within 3 years' };
      if (open(s, t)) need--;
      t += MIN;
    }
    return { kind: 'due', at: new Date(t) };
  },
  subtractBusinessHours(due: Date, hours: number, s: CompiledSchedule): DueResult {
    let need = Math.round(hours * 60);
    let t = due.getTime();
    for (let steps = 0; need > 0; steps++) {
      if (steps > MAX_STEPS) return { kind: 'unreachable', reason: 'no business time within 3 years' };
      t -= MIN;
      if (open(s, t)) need--;
    }
    return { kind: 'due', at: new Date(t) };
  },
  businessHoursBetween(a: Date, b: Date, s: CompiledSchedule): number {
    const [from, to, sign] = a <= b ? [a.getTime(), b.getTime(), 1] : [b.getTime(), a.getTime(), -1];
    let minutes = 0;
    for (let t = from; t < to; t += MIN) if (open(s, t)) minutes++;
    return (sign * minutes) / 60;
  },
};
