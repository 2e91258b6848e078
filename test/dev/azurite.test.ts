// Azurite autostart: reuse whatever already listens on the table port instead of starting a second one.
import { createServer, type Server } from 'node:net';
import { AZURITE_PORTS, ensureAzurite, isListening } from '../../dev/host/azurite';
import { createHostLog } from '../../dev/host/log';
import { freePort } from '../helpers/azurite';

it('reuses a listener on 10002 and leaves it running on stop', async () => {
  let server: Server | undefined;
  if (!(await isListening(AZURITE_PORTS.table))) {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(AZURITE_PORTS.table, '127.0.0.1', resolve));
  }
  const lines: string[] = [];
  try {
    const handle = await ensureAzurite({ appRoot: '/nonexistent', log: createHostLog((l) => lines.push(l)) });
    expect(handle.started).toBe(false);
    expect(lines.join('\n')).toMatch(/already listens on 10002; reusing it/);
    await handle.stop();
    expect(await isListening(AZURITE_PORTS.table)).toBe(true);
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
});

it('reports a free port as not listening', async () => {
  expect(await isListening(await freePort())).toBe(false);
});
