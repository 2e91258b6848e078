// The embedded queue on its own: at-least-once delivery, concurrency, dead-lettering and scheduling.
import { createEmbeddedQueues, type QueueMessage } from '../../dev/host/in-process-queue';

const until = async (test: () => boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

it('keeps messages until a consumer subscribes, then delivers each once when handlers succeed', async () => {
  const queues = createEmbeddedQueues({ maxDeliveryCount: 5 });
  const seen: QueueMessage[] = [];
  queues.send('q', [{ body: { a: 1 } }, { body: 'two', messageId: 'fixed' }]);
  expect(queues.stats()).toEqual([{ name: 'q', active: 2, scheduled: 0, inFlight: 0, deadLettered: 0, consumers: 0 }]);
  queues.subscribe('q', (m) => Promise.resolve(void seen.push(m)));
  await until(() => seen.length === 2);
  expect(seen.map((m) => [m.body, m.deliveryCount])).toEqual([
    [{ a: 1 }, 1],
    ['two', 1],
  ]);
  expect(seen[1]!.messageId).toBe('fixed');
  expect(seen[0]!.sequenceNumber).toBeLessThan(seen[1]!.sequenceNumber);
  await queues.close();
  expect(queues.stats()[0]).toMatchObject({ active: 0, inFlight: 0 });
});

it('copies bodies on send, so later changes by the sender do not leak into the queue', async () => {
  const queues = createEmbeddedQueues({ maxDeliveryCount: 1 });
  const body = { n: 1 };
  queues.send('q', [{ body }]);
  body.n = 2;
  let got: unknown;
  queues.subscribe('q', (m) => Promise.resolve(void (got = m.body)));
  await until(() => got !== undefined);
  expect(got).toEqual({ n: 1 });
  await queues.close();
});

it('limits concurrency per consumer', async () => {
  const queues = createEmbeddedQueues({ maxDeliveryCount: 1 });
  let active = 0;
  let peak = 0;
  let done = 0;
  queues.subscribe(
    'q',
    async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      done++;
    },
    { maxConcurrentCalls: 2 },
  );
  queues.send(
    'q',
    Array.from({ length: 6 }, (_, i) => ({ body: i })),
  );
  await until(() => done === 6);
  expect(peak).toBe(2);
  await queues.close();
});

it('dead-letters after maxDeliveryCount with the last error, redacted by the describer', async () => {
  const queues = createEmbeddedQueues({ maxDeliveryCount: 2, describeError: () => 'described' });
  const counts: number[] = [];
  queues.subscribe('q', (m) => {
    counts.push(m.deliveryCount);
    return Promise.reject(new Error('nope'));
  });
  queues.send('q', [{ body: 'x' }]);
  await until(() => queues.deadLetters('q')!.length === 1);
  expect(counts).toEqual([1, 2]);
  expect(queues.deadLetters('q')![0]).toMatchObject({
    deliveryCount: 2,
    deadLetterReason: 'MaxDeliveryCountExceeded',
    deadLetterErrorDescription: 'Message could not be consumed after 2 delivery attempts. Last error: described',
  });
  expect(queues.deadLetters('missing')).toBeUndefined();
  await queues.close();
});

it('activates a scheduled message only at its time, against the injected clock', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const queues = createEmbeddedQueues({ maxDeliveryCount: 1, clock: () => now });
  const seen: QueueMessage[] = [];
  queues.subscribe('q', (m) => Promise.resolve(void seen.push(m)));
  const at = new Date(now.getTime() + 50);
  queues.send('q', [{ body: 'later', scheduledEnqueueTimeUtc: at }]);
  expect(queues.stats()[0]).toMatchObject({ scheduled: 1, active: 0 });
  await new Promise((r) => setTimeout(r, 80));
  expect(seen).toHaveLength(0); // the clock has not reached `at`: the timer re-arms instead of delivering early
  now = new Date(at.getTime());
  await until(() => seen.length === 1);
  expect(seen[0]!.scheduledEnqueueTimeUtc).toEqual(at);
  await queues.close();
});

it('refuses sends after close', async () => {
  const queues = createEmbeddedQueues({ maxDeliveryCount: 1 });
  await queues.close();
  expect(() => queues.send('q', [{ body: 1 }])).toThrow(/closed/);
});
