// App and invocation hooks in the local host: each scope shares its hookData, as in the Functions worker.
import { probe } from '../fixtures/host-app/probe';
import { startFixtureHost } from './host-harness';

it('shares hookData between appStart and appTerminate, and between pre- and postInvocation', async () => {
  const fx = await startFixtureHost(['functions/hooks.ts']);
  try {
    expect((await fx.get('/api/hooked')).status).toBe(204);
    expect(probe.of('postInvocation').map((e) => e.input)).toEqual(['hooked']);
  } finally {
    await fx.host.stop();
  }
  expect(probe.of('appTerminate').map((e) => e.input)).toEqual(['appStart']);
});
