// The rhea test broker against the real @azure/service-bus SDK: the protocol pieces the local host relies on.
import { ServiceBusClient } from '@azure/service-bus';
import { startAmqpBroker, type AmqpBroker } from '../fakes/amqp-broker';

let broker: AmqpBroker;
let client: ServiceBusClient;

beforeAll(async () => {
  broker = await startAmqpBroker({ maxDeliveryCount: 3 });
  client = new ServiceBusClient(broker.connectionString);
});

afterAll(async () => {
  await client.close();
  await broker.stop();
});

it('sends a batch and receives it in peekLock with broker annotations', async () => {
  const sender = client.createSender('orders');
  const receiver = client.createReceiver('orders', { receiveMode: 'peekLock' });
  try {
    await sender.sendMessages([{ body: { n: 1 } }, { body: 'two', messageId: 'm-2' }]);
    const got = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2000 });
    expect(got.map((m) => m.body)).toEqual([{ n: 1 }, 'two']);
    expect(got[0]!.messageId).toEqual(expect.any(String));
    expect(got[1]!.messageId).toBe('m-2');
    expect(got[0]!.deliveryCount).toBe(0);
    expect(got[0]!.sequenceNumber!.toNumber()).toBeGreaterThan(0);
    expect(got[0]!.enqueuedTimeUtc).toBeInstanceOf(Date);
    expect(got[0]!.lockToken).toMatch(/^[0-9a-f-]{36}$/);
    for (const m of got) await receiver.completeMessage(m);
    expect(broker.messages('orders')).toHaveLength(0);
  } finally {
    await sender.close();
    await receiver.close();
  }
});

it('redelivers an abandoned message with a higher deliveryCount, then dead-letters it', async () => {
  const sender = client.createSender('flaky');
  const receiver = client.createReceiver('flaky');
  const dlq = client.createReceiver('flaky', { subQueueType: 'deadLetter' });
  try {
    await sender.sendMessages({ body: { bad: true } });
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      counts.push(m!.deliveryCount!);
      await receiver.abandonMessage(m!);
    }
    expect(counts).toEqual([0, 1, 2]);
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
    expect(dead!.body).toEqual({ bad: true });
    expect(dead!.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    await dlq.completeMessage(dead!);
  } finally {
    await Promise.all([sender.close(), receiver.close(), dlq.close()]);
  }
});

it('holds a scheduled message until its time', async () => {
  const sender = client.createSender('later');
  const receiver = client.createReceiver('later');
  try {
    const at = new Date(Date.now() + 600);
    await sender.sendMessages({ body: 'soon', scheduledEnqueueTimeUtc: at });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toHaveLength(0);
    const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3000 });
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    expect(m!.body).toBe('soon');
    await receiver.completeMessage(m!);
  } finally {
    await Promise.all([sender.close(), receiver.close()]);
  }
});
