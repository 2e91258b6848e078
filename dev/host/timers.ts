// Timer triggers: 6-field NCRONTAB schedules (with seconds) run by croner, `%SETTING%` schedules resolved from
// settings, runOnStartup, the function `retry` option on failure, and never two runs of one timer at once.
// NCRONTAB requires day-of-month AND day-of-week to match (croner's default is cron's OR, hence legacyMode: false).
import type { Cron } from 'croner';
import { ConfigError } from '../../shared/errors';
import type { Invoker } from './invoke';
import type { HostLog } from './log';
import type { HostFunction } from './registry';
import { runWithRetry, type Sleep } from './retry';
import { resolveSettingExpression, type Env } from './settings';

export interface TimerInput {
  isPastDue: boolean;
  schedule: { adjustForDST: boolean };
  scheduleStatus: { last: string; next: string; lastUpdated: string };
}

export interface RunningTimer {
  name: string;
  schedule: string;
  nextRun(): Date | null;
  /** Runs the function now unless a run is in progress; resolves when the run (with retries) has finished. */
  run(reason: string, input?: Partial<TimerInput>): { started: boolean; done: Promise<void> };
  isRunning(): boolean;
}

export interface Timers {
  timers: RunningTimer[];
  stop(): Promise<void>;
}

/** Resolves and checks a timer's schedule; throws ConfigError naming the setting or the function. */
export function resolveSchedule(fn: HostFunction, env: Env): string {
  const raw = fn.trigger['schedule'];
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new ConfigError(`${fn.name}.schedule`, 'is required: a 6-field NCRONTAB expression');
  const schedule = resolveSettingExpression(raw, env, `the schedule of timer function ${fn.name}`);
  const fields = schedule.split(/\s+/);
  const source = raw.includes('%') ? raw.replace(/%/g, '') : `${fn.name}.schedule`;
  if (/^\d+(\.)?\d*:\d\d:\d\d$/.test(schedule))
    throw new ConfigError(source, 'uses a TimeSpan schedule, which the local host does not support: use NCRONTAB');
  if (fields.length !== 6) throw new ConfigError(source, 'must be a 6-field NCRONTAB expression (with seconds)');
  return fields.join(' ');
}

export async function startTimers(deps: {
  functions: HostFunction[];
  env: Env;
  invoke: Invoker;
  log: HostLog;
  sleep?: Sleep;
  /** A timer whose schedule cannot be resolved is reported here and left out, as the Functions host does. */
  onFunctionError: (fn: HostFunction, err: unknown) => void;
}): Promise<Timers> {
  const { Cron } = await import('croner');
  const abort = new AbortController();
  const crons: Cron[] = [];
  const inFlight = new Set<Promise<void>>();
  const timezone = deps.env['WEBSITE_TIME_ZONE'] || 'UTC';

  const build = (fn: HostFunction): RunningTimer => {
    const schedule = resolveSchedule(fn, deps.env);
    let running = false;
    let last: Date | undefined;
    let cron: Cron;
    try {
      cron = new Cron(schedule, { timezone, paused: true, legacyMode: false }, () => {
        const started = timer.run('Timer fired');
        if (!started.started) deps.log.host('warning', `${fn.name}: previous run still in progress, skipping this one`);
      });
    } catch (err) {
      throw new ConfigError(`${fn.name}.schedule`, `is not a valid NCRONTAB expression: ${(err as Error).message}`);
    }
    crons.push(cron);

    const timer: RunningTimer = {
      name: fn.name,
      schedule,
      nextRun: () => cron.nextRun(),
      isRunning: () => running,
      run(reason, input) {
        if (running || abort.signal.aborted) return { started: false, done: Promise.resolve() };
        running = true;
        const now = new Date();
        const expected = cron.previousRun() ?? now;
        const timerInput: TimerInput = {
          isPastDue: reason === 'Timer fired' && now.getTime() - expected.getTime() > 1000,
          schedule: { adjustForDST: true },
          scheduleStatus: {
            last: (last ?? new Date(0)).toISOString(),
            next: (cron.nextRun() ?? now).toISOString(),
            lastUpdated: now.toISOString(),
          },
          ...input,
        };
        const done = runWithRetry(
          fn.retry,
          (retryCount, maxRetryCount) =>
            deps.invoke(fn, timerInput, { reason, retryContext: { retryCount, maxRetryCount } }),
          (retry, delayMs) => deps.log.host('warning', `${fn.name}: retry ${retry} in ${delayMs} ms`),
          { signal: abort.signal, ...(deps.sleep ? { sleep: deps.sleep } : {}) },
        )
          .then(
            () => undefined,
            () => undefined, // already logged by the invoker; a failed timer run waits for its next schedule
          )
          .finally(() => {
            running = false;
            last = now;
            inFlight.delete(done);
          });
        inFlight.add(done);
        return { started: true, done };
      },
    };
    return timer;
  };
  const timers: RunningTimer[] = [];
  for (const fn of deps.functions) {
    try {
      timers.push(build(fn));
    } catch (err) {
      deps.onFunctionError(fn, err);
    }
  }

  for (const cron of crons) cron.resume();
  for (const timer of timers) {
    const fn = deps.functions.find((f) => f.name === timer.name);
    if (fn?.trigger['runOnStartup'] === true) timer.run('Timer fired at startup (runOnStartup)');
  }

  return {
    timers,
    async stop() {
      abort.abort();
      for (const cron of crons) cron.stop();
      await Promise.all([...inFlight]);
    },
  };
}
