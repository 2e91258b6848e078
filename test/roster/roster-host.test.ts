// The roster triggers as registered for Azure, served by the local Functions host: the function key is
// required (401 without it), and a YAML plan works end to end over HTTP against the fake osTicket.

import { join } from 'node:path';
import { startHost, type Host } from '../../dev/host/host';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { sampleRosterText, startEmptyFake } from './roster-fixtures';

const KEY = 'roster-host-test-key-0123456789';
let host: Host;
let fake: FakeOsTicketServer;

beforeAll(async () => {
  fake = await startEmptyFake();
  host = await startHost({
    appRoot: join(__dirname, '..', '..'),
    port: 0,
    azurite: false,
    functionGlobs: ['functions/roster-*.ts'],
    settings: {
      DEV_FUNCTION_KEY: KEY,
      OSTICKET_URL: fake.url,
      OSTICKET_OPS_KEY: fake.opsKey,
      OSTICKET_TARGET_NAME: 'hosted',
      AzureWebJobsStorage: process.env['TEST_TABLE_CONNECTION']!,
      ServiceBusConnection: '',
      ROSTER_SYNC_SCHEDULE: '0 0 0 1 1 *',
      ROSTER_COMMANDS_QUEUE: 'roster-commands',
    },
    write: () => {},
  });
});

afterAll(async () => {
  await host?.stop();
  await fake?.stop();
});

it('registers the roster HTTP, timer and queue triggers', () => {
  const byName = Object.fromEntries(host.functions.map((f) => [f.name, f]));
  expect(byName['roster-plan']).toMatchObject({ trigger: 'httpTrigger', methods: ['POST'], authLevel: 'function' });
  expect(byName['roster-apply']).toMatchObject({ trigger: 'httpTrigger', methods: ['POST'], authLevel: 'function' });
  expect(byName['roster-runs']).toMatchObject({ trigger: 'httpTrigger', methods: ['GET'], authLevel: 'function' });
  expect(byName['roster-sync']).toMatchObject({ trigger: 'timerTrigger' });
  expect(byName['roster-commands']).toMatchObject({ trigger: 'serviceBusTrigger', queueName: 'roster-commands' });
});

it('answers 401 without the function key and never touches osTicket', async () => {
  const res = await fetch(`${host.url}/api/roster/apply`, { method: 'POST', body: sampleRosterText });
  expect(res.status).toBe(401);
  expect(fake.requestCount()).toBe(0);
});

it('plans a YAML body with the key', async () => {
  const res = await fetch(`${host.url}/api/roster/plan?format=text`, {
    method: 'POST',
    headers: { 'x-functions-key': KEY, 'content-type': 'application/x-yaml' },
    body: sampleRosterText,
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toContain('Roster plan for hosted: 18 changes');
  expect(text).toMatch(/CREATE\s+team\s+Level II Support/);
});
