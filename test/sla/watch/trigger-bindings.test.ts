// The SLA triggers as the local Functions host loads them from functions/: schedules from %SETTING%s, the status
// route behind the function key, the ack route anonymous (its signed token is the credential). This file must not
// import the function files itself, or their registrations would happen before the host records them.
import { join } from 'node:path';
import { keyHeader, startFixtureHost, type FixtureHost } from '../../dev/host-harness';

describe('SLA triggers as the Functions host loads them', () => {
  let fx: FixtureHost;
  beforeAll(async () => {
    fx = await startFixtureHost(
      [
        'functions/sla-watch-timer.ts',
        'functions/sla-digest-timer.ts',
        'functions/sla-status-http.ts',
        'functions/sla-ack-http.ts',
      ],
      {
        // Far-away schedules: the timers must not fire during the test.
        SLA_WATCH_SCHEDULE: '0 0 0 1 1 *',
        SLA_DIGEST_SCHEDULE: '0 30 0 1 1 *',
        SLA_ACK_SECRET: 'triggers-test-ack-secret-0123456789',
      },
      join(__dirname, '..', '..', '..'),
    );
  });
  afterAll(() => fx.host.stop());

  it('registers the two timers on their %SETTING% schedules and the two routes with their auth levels', () => {
    const byName = Object.fromEntries(fx.host.functions.map((f) => [f.name, f]));
    expect(byName['sla-watch']).toMatchObject({ trigger: 'timerTrigger', schedule: '0 0 0 1 1 *' });
    expect(byName['sla-digest']).toMatchObject({ trigger: 'timerTrigger', schedule: '0 30 0 1 1 *' });
    expect(byName['sla-status']).toMatchObject({ methods: ['GET'], authLevel: 'function' });
    expect(byName['sla-ack']).toMatchObject({ methods: ['GET', 'POST'], authLevel: 'anonymous' });
  });

  it('GET /api/sla/status needs the function key', async () => {
    expect((await fx.get('/api/sla/status')).status).toBe(401);
  });

  it('the ack link needs no function key: the token itself is checked (401 for a forged one)', async () => {
    for (const init of [
      {},
      { method: 'POST', body: 'by=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ]) {
      const res = await fx.get('/api/sla/ack?token=forged.token', init);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Invalid or expired acknowledgement link');
    }
    // a function key changes nothing for a forged token
    expect((await fx.get('/api/sla/ack?token=forged.token', { headers: keyHeader })).status).toBe(401);
  });
});
