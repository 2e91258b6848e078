// Real Service Bus mode: with the trigger's connection setting configured, the host uses @azure/service-bus
// (receivers in peekLock, senders for output bindings) against the rhea test broker.

import { startAmqpBroker, type AmqpBroker } from '../fakes/amqp-broker';
import { probe } from '../fixtures/host-app/probe';
import { keyHeader, startFixtureHost, type FixtureHost } from './host-harness';

let broker: AmqpBroker;
let fx: FixtureHost;

beforeAll(async () => {
  broker = await startAmqpBroker({ maxDeliveryCount: 3 });
  fx = await startFixtureHost(['functions/queue-*.ts', 'functions/http-enqueue.ts'], {
    FixtureServiceBus: broker.connectionString,
  });
});

afterAll(async () => {
  await fx?.host.stop();
  await broker?.stop();
});

beforeEach(() => probe.clear());

it('runs queue triggers in real mode and never prints the connection string', () => {
  expect(fx.host.functions.filter((f) => f.trigger === 'serviceBusTrigger').map((f) => f.mode)).toEqual([
    'real',
    'real',
  ]);
  expect(fx.output()).not.toContain(broker.connectionString.split('SharedAccessKey=')[1]!);
});

it('sends an HTTP output binding through a ServiceBusSender; the trigger chains through its return binding', async () => {
  expect((await fx.post('/api/enqueue', { id: 'r-1' })).status).toBe(202);
  const done = await probe.until(() => probe.of('workDone')[0], 10000);
  expect(done.input).toEqual({ done: 'r-1' });
  const work = probe.of('work')[0]!;
  expect(work.input).toEqual({ id: 'r-1' });
  expect(work.triggerMetadata).toMatchObject({ messageId: expect.any(String), deliveryCount: 1 });
  await probe.until(() => broker.outcomes.accepted >= 2);
  expect(broker.messages('work-items')).toHaveLength(0);
});

it('abandons a failing message so the broker redelivers it, then dead-letters it after maxDeliveryCount', async () => {
  const res = await fx.post('/admin/queues/work-items/messages', { id: 'r-bad', fail: true }, { headers: keyHeader });
  expect(res.status).toBe(202);
  const attempts = await probe.until(() => probe.of('work').length >= 3 && probe.of('work'), 10000);
  expect(attempts.map((a) => a.triggerMetadata!['deliveryCount'])).toEqual([1, 2, 3]);
  const dead = await probe.until(() => broker.messages('work-items/$deadletterqueue')[0], 5000);
  expect(dead.deadLetterReason).toBe('MaxDeliveryCountExceeded');
  expect(broker.outcomes.abandoned).toBeGreaterThanOrEqual(3);
  const list = await fx.get('/admin/queues', { headers: keyHeader });
  const { queues } = (await list.json()) as { queues: { name: string; mode: string }[] };
  expect(queues.filter((q) => q.name.startsWith('work-')).map((q) => q.mode)).toEqual(['real', 'real']);
});
