// Timer triggers in the local host: %SETTING% schedules firing on time, the Timer object, the retry option,
// no overlapping runs, and the admin endpoint that runs a timer now.

import { probe } from '../fixtures/host-app/probe';
import { keyHeader, startFixtureHost, type FixtureHost } from './host-harness';

describe('timer triggers', () => {
  let fx: FixtureHost;

  beforeAll(async () => {
    fx = await startFixtureHost(['functions/timer-*.ts'], { FIXTURE_TICK_SCHEDULE: '*/1 * * * * *' });
  });

  afterAll(async () => {
    await fx.host.stop();
  });

  it('resolves %FIXTURE_TICK_SCHEDULE% and lists the next run', () => {
    const tick = fx.host.functions.find((f) => f.name === 'tick')!;
    expect(tick).toMatchObject({ trigger: 'timerTrigger', schedule: '*/1 * * * * *' });
    expect(Date.parse(tick.nextRun!)).toBeGreaterThan(Date.now() - 1000);
  });

  it('fires every second with a Timer object', async () => {
    const runs = await probe.until(() => probe.of('tick').length >= 2 && probe.of('tick'), 4000);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(700);
    expect(runs[0]!.input).toMatchObject({
      isPastDue: false,
      schedule: { adjustForDST: true },
      scheduleStatus: { next: expect.any(String), last: expect.any(String), lastUpdated: expect.any(String) },
    });
  });

  it('runs a timer now through POST /admin/functions/<name> (202), retrying it per its retry option', async () => {
    const res = await fx.post('/admin/functions/flaky', { input: '' }, { headers: keyHeader });
    expect(res.status).toBe(202);
    const runs = await probe.until(() => probe.of('flaky').length >= 3 && probe.of('flaky'));
    expect(runs.map((r) => r.retryCount)).toEqual([0, 1, 2]);
    await new Promise((r) => setTimeout(r, 100));
    expect(probe.of('flaky')).toHaveLength(3);
    expect(fx.output()).toMatch(/flaky: retry 1 in 0 ms/);
  });

  it('never overlaps runs of one timer', () => {
    const timer = fx.host.timers!.timers.find((t) => t.name === 'tick')!;
    const first = timer.run('test');
    const second = timer.run('test');
    expect(first.started || timer.isRunning()).toBe(true);
    expect(second.started).toBe(false);
    return first.done;
  });

  it('admin: 401 without the key, 404 for an unknown function, 400 for an HTTP-only or bad body', async () => {
    expect((await fx.post('/admin/functions/flaky', {})).status).toBe(401);
    const unknown = await fx.post('/admin/functions/nope', {}, { headers: keyHeader });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'No function named nope' } });
    const bad = await fx.post('/admin/functions/flaky', '{oops', { headers: keyHeader });
    expect(bad.status).toBe(400);
  });
});

describe('timer settings', () => {
  const inError = async (schedule: string) => {
    const fx = await startFixtureHost(['functions/timer-tick.ts'], { FIXTURE_TICK_SCHEDULE: schedule });
    await fx.host.stop();
    expect(fx.host.timers!.timers).toHaveLength(0);
    expect(fx.output()).toMatch(/The 'tick' function is in error and will not run/);
    return fx.host.functions[0]!;
  };

  it('reports a timer whose %SETTING% is missing as in error, naming the setting, and still starts', async () => {
    expect(await inError('')).toEqual({
      name: 'tick',
      trigger: 'timerTrigger',
      error: expect.stringMatching(/FIXTURE_TICK_SCHEDULE is required: it is referenced as %FIXTURE_TICK_SCHEDULE%/),
    });
  });

  it('matches day-of-month AND day-of-week, as NCRONTAB does (not cron OR)', async () => {
    const fx = await startFixtureHost(['functions/timer-tick.ts'], { FIXTURE_TICK_SCHEDULE: '0 0 0 13 * 5' });
    await fx.host.stop();
    const next = new Date(fx.host.functions[0]!.nextRun!);
    expect([next.getUTCDate(), next.getUTCDay(), next.getUTCHours()]).toEqual([13, 5, 0]);
  });

  it('reports a schedule that is not 6-field NCRONTAB', async () => {
    expect((await inError('*/5 * * * *')).error).toMatch(/FIXTURE_TICK_SCHEDULE must be a 6-field NCRONTAB expression/);
    expect((await inError('61 * * * * *')).error).toMatch(/tick.schedule is not a valid NCRONTAB expression/);
  });
});
