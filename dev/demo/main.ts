// `npm run demo`: the app end to end on this machine, no Azure and no osTicket needed (see docs/demo.md).
// Options: --port <n> (default 7071; 0 = any free port). Ctrl-C stops the host, Azurite and every fake.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bannerLines } from '../host/banner';
import { describeError } from '../host/invoke';
import { stopOnSignals } from '../host/shutdown';
import { startDemo } from './demo';
import { guideLines } from './guide';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log('Usage: npm run demo [-- --port <n>]');
    return;
  }
  const port = values.port === undefined ? 7071 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  // dist/dev/demo/main.js -> the app root
  const demo = await startDemo({ appRoot: resolve(__dirname, '..', '..', '..'), port });
  for (const line of [...bannerLines(demo.host, 'osticket-ops'), ...guideLines(demo)]) console.log(line);

  stopOnSignals(() => demo.stop(), 'the host, Azurite and the fakes', describeError);
}

main().catch((err: unknown) => {
  console.error(`The demo could not start: ${describeError(err)}`);
  process.exit(1);
});
