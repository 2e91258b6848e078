// `npm start`: runs the local Functions host over the built app (dist/functions/*.js), like `func start`.
// Options: --port <n> (else FUNCTIONS_HTTP_PORT, Host.LocalHttpPort, 7071) and --no-azurite.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bannerLines } from './banner';
import { startHost } from './host';
import { describeError } from './invoke';
import { stopOnSignals } from './shutdown';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'no-azurite': { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log('Usage: node dist/dev/host/main.js [--port <n>] [--no-azurite]');
    return;
  }
  // dist/dev/host/main.js -> the app root (where package.json, host.json and local.settings.json live)
  const appRoot = resolve(__dirname, '..', '..', '..');
  const host = await startHost({
    appRoot,
    ...(values.port !== undefined ? { cliPort: values.port } : {}),
    azurite: !values['no-azurite'],
  });
  for (const line of bannerLines(host, 'osticket-ops')) console.log(line);

  stopOnSignals(
    () => host.stop(),
    'timers, queues, the HTTP server and Azurite (waits for running functions)',
    describeError,
  );
}

main().catch((err: unknown) => {
  console.error(`The local host could not start: ${describeError(err)}`);
  process.exit(1);
});
