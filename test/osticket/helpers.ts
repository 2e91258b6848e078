// Factories for the osTicket tests: a started fake plus a client pointed at it, with recorded (instant) sleeps.
import { createOsTicketClient, type OsTicketClientOptions } from '../../shared/osticket/client';
import { FakeOsTicketServer, type FakeOsTicketOptions } from '../fakes/osticket-server';
import { testContext } from '../helpers/context';

export async function startFake(options: FakeOsTicketOptions = {}) {
  const fake = new FakeOsTicketServer(options);
  const { url } = await fake.start();
  return { fake, url };
}

export function clientFor(fake: FakeOsTicketServer, overrides: Partial<OsTicketClientOptions> = {}) {
  const { context, text } = testContext('osticket-test');
  const sleeps: number[] = [];
  const client = createOsTicketClient({
    baseUrl: fake.url,
    opsKey: fake.opsKey,
    apiKey: fake.apiKey,
    apiStyle: 'rewrite',
    timeoutMs: 5000,
    logger: context,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { client, sleeps, logs: text };
}
