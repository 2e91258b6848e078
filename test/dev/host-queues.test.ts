// Service Bus queue triggers on the embedded in-process queues: delivery with trigger metadata, output
// bindings chaining functions, redelivery then dead-lettering, scheduled messages and the admin endpoints.

import { probe } from '../fixtures/host-app/probe';
import { keyHeader, startFixtureHost, type FixtureHost } from './host-harness';

let fx: FixtureHost;

beforeAll(async () => {
  fx = await startFixtureHost(['functions/queue-*.ts', 'functions/http-enqueue.ts'], {
    DEV_QUEUE_MAX_DELIVERY_COUNT: '3',
    FixtureServiceBus: '',
  });
});

afterAll(async () => {
  await fx.host.stop();
});

beforeEach(() => probe.clear());

const enqueue = (body: unknown, query = '') =>
  fx.post(`/admin/queues/work-items/messages${query}`, body, { headers: keyHeader });

it('lists queue triggers in embedded mode', () => {
  expect(fx.host.functions.filter((f) => f.trigger === 'serviceBusTrigger')).toEqual([
    { name: 'work', trigger: 'serviceBusTrigger', queueName: 'work-items', mode: 'embedded' },
    { name: 'workDone', trigger: 'serviceBusTrigger', queueName: 'work-done', mode: 'embedded' },
  ]);
});

it('delivers an HTTP output-binding message to the queue trigger, whose return value chains to the next queue', async () => {
  const res = await fx.post('/api/enqueue', { id: 'w-1' });
  expect(res.status).toBe(202);
  const done = await probe.until(() => probe.of('workDone')[0]);
  expect(done.input).toEqual({ done: 'w-1' });
  const work = probe.of('work')[0]!;
  expect(work.input).toEqual({ id: 'w-1' });
  expect(work.triggerMetadata).toMatchObject({ messageId: expect.any(String), deliveryCount: 1 });
  expect(Date.parse(work.triggerMetadata!['enqueuedTimeUtc'] as string)).toBeGreaterThan(Date.now() - 5000);
});

it('redelivers a failing message (deliveryCount 1, 2, 3) and then dead-letters it with the reason', async () => {
  const res = await enqueue({ id: 'w-bad', fail: true });
  expect(res.status).toBe(202);
  const { messageId } = (await res.json()) as { messageId: string };
  const attempts = await probe.until(() => probe.of('work').length >= 3 && probe.of('work'));
  expect(attempts.map((a) => a.triggerMetadata!['deliveryCount'])).toEqual([1, 2, 3]);
  expect(new Set(attempts.map((a) => a.triggerMetadata!['messageId']))).toEqual(new Set([messageId]));

  await probe.until(() => fx.host.queues!.deadLetters('work-items')!.length === 1);
  const list = await fx.get('/admin/queues/work-items/deadletter', { headers: keyHeader });
  expect(list.status).toBe(200);
  const body = (await list.json()) as { queue: string; messages: Record<string, unknown>[] };
  expect(body).toMatchObject({ queue: 'work-items' });
  expect(body.messages).toHaveLength(1);
  expect(body.messages[0]).toMatchObject({
    messageId,
    body: { id: 'w-bad', fail: true },
    deliveryCount: 3,
    deadLetterReason: 'MaxDeliveryCountExceeded',
  });
  expect(body.messages[0]!['deadLetterErrorDescription']).toMatch(/after 3 delivery attempts.*work item w-bad failed/);
  expect(JSON.stringify(body)).not.toContain('abc123secret');
  expect(fx.output()).not.toContain('abc123secret');
  expect(probe.of('work')).toHaveLength(3);
});

it('never delivers a scheduled message before its time', async () => {
  const at = new Date(Date.now() + 700);
  const res = await enqueue({ id: 'w-later' }, `?scheduledEnqueueTimeUtc=${encodeURIComponent(at.toISOString())}`);
  expect(res.status).toBe(202);
  expect(await res.json()).toMatchObject({ scheduledEnqueueTimeUtc: at.toISOString() });
  const counts = (await (await fx.get('/admin/queues', { headers: keyHeader })).json()) as {
    queues: { name: string; scheduled: number }[];
  };
  expect(counts.queues.find((q) => q.name === 'work-items')).toMatchObject({ scheduled: 1, mode: 'embedded' });
  const work = await probe.until(() => probe.of('work')[0], 3000);
  expect(work.at).toBeGreaterThanOrEqual(at.getTime());
  expect(work.triggerMetadata!['scheduledEnqueueTimeUtc']).toBe(at.toISOString());
});

it('reports counts per queue and guards the admin endpoints', async () => {
  const unauth = await fx.get('/admin/queues');
  expect(unauth.status).toBe(401);
  const res = await fx.get('/admin/queues', { headers: keyHeader });
  const { queues } = (await res.json()) as { queues: { name: string }[] };
  expect(queues.map((q) => q.name).sort()).toEqual(['work-done', 'work-items']);
  expect((await fx.get('/admin/queues/nope/deadletter', { headers: keyHeader })).status).toBe(404);
  const badTime = await enqueue({ id: 'x' }, '?scheduledEnqueueTimeUtc=tomorrow');
  expect(badTime.status).toBe(400);
  expect(await badTime.json()).toEqual({
    error: { code: 'validation_failed', message: 'scheduledEnqueueTimeUtc: must be an ISO 8601 date-time' },
  });
  expect((await fx.post('/admin/queues/work-items/messages', '', { headers: keyHeader })).status).toBe(400);
});

it('runs a queue function through the admin endpoint with the input as the message body', async () => {
  const res = await fx.post('/admin/functions/workDone', { input: '{"done":"by-admin"}' }, { headers: keyHeader });
  expect(res.status).toBe(202);
  const run = await probe.until(() => probe.of('workDone')[0]);
  expect(run.input).toEqual({ done: 'by-admin' });
  expect(run.triggerMetadata).toMatchObject({ deliveryCount: 1 });
});
