// The embedded Service Bus stand-in: one in-memory queue per name with at-least-once delivery, peek-lock
// semantics (a failed handler means redelivery, deliveryCount +1), dead-lettering after maxDeliveryCount and
// scheduled enqueue times that are never delivered early. Messages live only as long as the host process.
import { randomUUID } from 'node:crypto';

export interface OutgoingMessage {
  body: unknown;
  messageId?: string;
  contentType?: string;
  applicationProperties?: Record<string, unknown>;
  scheduledEnqueueTimeUtc?: Date;
}

export interface QueueMessage {
  messageId: string;
  body: unknown;
  contentType: string | undefined;
  applicationProperties: Record<string, unknown>;
  sequenceNumber: number;
  enqueuedTimeUtc: Date;
  scheduledEnqueueTimeUtc: Date | undefined;
  deliveryCount: number;
}

export interface DeadLetteredMessage extends QueueMessage {
  deadLetterReason: string;
  deadLetterErrorDescription: string;
  deadLetteredTimeUtc: Date;
}

export interface QueueStats {
  name: string;
  active: number;
  scheduled: number;
  inFlight: number;
  deadLettered: number;
  consumers: number;
}

/** Settles a delivery: resolve to complete it, reject to abandon it (redelivery or dead-letter). */
export type MessageHandler = (message: QueueMessage) => Promise<void>;

export interface EmbeddedQueues {
  send(queueName: string, messages: OutgoingMessage[]): QueueMessage[];
  subscribe(queueName: string, handler: MessageHandler, opts?: { maxConcurrentCalls?: number }): void;
  /** Declares a queue so it shows up in stats before its first message. */
  ensure(queueName: string): void;
  stats(): QueueStats[];
  deadLetters(queueName: string): DeadLetteredMessage[] | undefined;
  /** Stops deliveries and timers; resolves once the handlers already running have settled. */
  close(): Promise<void>;
}

interface Consumer {
  handler: MessageHandler;
  max: number;
  active: number;
}

interface Queue {
  name: string;
  ready: QueueMessage[];
  scheduled: QueueMessage[];
  dead: DeadLetteredMessage[];
  consumers: Consumer[];
  next: number;
  inFlight: number;
  timer: NodeJS.Timeout | undefined;
}

export interface EmbeddedQueueOptions {
  maxDeliveryCount: number;
  clock?: () => Date;
  /** Pause before an abandoned message becomes visible again (Service Bus redelivers at once; 0 by default). */
  redeliveryDelayMs?: number;
  describeError?: (err: unknown) => string;
}

export function createEmbeddedQueues(options: EmbeddedQueueOptions): EmbeddedQueues {
  const clock = options.clock ?? (() => new Date());
  const describe = options.describeError ?? ((err: unknown) => String((err as { message?: unknown })?.message ?? err));
  const queues = new Map<string, Queue>();
  const pending = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;
  let closed = false;

  function queue(name: string): Queue {
    let q = queues.get(name);
    if (!q) {
      q = { name, ready: [], scheduled: [], dead: [], consumers: [], next: 0, inFlight: 0, timer: undefined };
      queues.set(name, q);
    }
    return q;
  }

  function later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  }

  function armSchedule(q: Queue) {
    if (q.timer) {
      clearTimeout(q.timer);
      timers.delete(q.timer);
      q.timer = undefined;
    }
    if (closed || q.scheduled.length === 0) return;
    const due = Math.min(...q.scheduled.map((m) => m.scheduledEnqueueTimeUtc!.getTime()));
    // Timers may fire a little early; the re-check below never activates a message before its time.
    q.timer = later(Math.max(0, due - clock().getTime()), () => {
      q.timer = undefined;
      const now = clock().getTime();
      const [dueNow, notYet] = partition(q.scheduled, (m) => m.scheduledEnqueueTimeUtc!.getTime() <= now);
      q.scheduled = notYet;
      for (const m of dueNow) q.ready.push({ ...m, enqueuedTimeUtc: new Date(now) });
      armSchedule(q);
      pump(q);
    });
  }

  function pickConsumer(q: Queue): Consumer | undefined {
    for (let i = 0; i < q.consumers.length; i++) {
      const c = q.consumers[(q.next + i) % q.consumers.length]!;
      if (c.active < c.max) {
        q.next = (q.next + i + 1) % q.consumers.length;
        return c;
      }
    }
    return undefined;
  }

  function pump(q: Queue) {
    while (!closed && q.ready.length > 0) {
      const consumer = pickConsumer(q);
      if (!consumer) return;
      const message = q.ready.shift()!;
      message.deliveryCount += 1;
      consumer.active++;
      q.inFlight++;
      const delivery = Promise.resolve()
        .then(() => consumer.handler({ ...message, applicationProperties: { ...message.applicationProperties } }))
        .then(
          () => undefined,
          (err: unknown) => abandon(q, message, err),
        )
        .finally(() => {
          consumer.active--;
          q.inFlight--;
          pending.delete(delivery);
          if (!closed) setImmediate(() => pump(q));
        });
      pending.add(delivery);
    }
  }

  function abandon(q: Queue, message: QueueMessage, err: unknown) {
    if (message.deliveryCount >= options.maxDeliveryCount) {
      q.dead.push({
        ...message,
        deadLetterReason: 'MaxDeliveryCountExceeded',
        deadLetterErrorDescription: `Message could not be consumed after ${message.deliveryCount} delivery attempts. Last error: ${describe(err)}`,
        deadLetteredTimeUtc: clock(),
      });
      return;
    }
    const delay = options.redeliveryDelayMs ?? 0;
    if (delay > 0) later(delay, () => (q.ready.unshift(message), pump(q)));
    else q.ready.unshift(message);
  }

  return {
    send(queueName, messages) {
      if (closed) throw new Error('The embedded queues are closed');
      const q = queue(queueName);
      const now = clock();
      const sent = messages.map((m): QueueMessage => {
        const scheduled = m.scheduledEnqueueTimeUtc;
        const message: QueueMessage = {
          messageId: m.messageId ?? randomUUID().replace(/-/g, ''),
          body: structuredClone(m.body),
          contentType: m.contentType,
          applicationProperties: { ...m.applicationProperties },
          sequenceNumber: ++sequence,
          enqueuedTimeUtc: now,
          scheduledEnqueueTimeUtc: scheduled,
          deliveryCount: 0,
        };
        if (scheduled && scheduled.getTime() > now.getTime()) q.scheduled.push(message);
        else q.ready.push(message);
        return message;
      });
      armSchedule(q);
      pump(q);
      return sent;
    },
    subscribe(queueName, handler, opts = {}) {
      const q = queue(queueName);
      q.consumers.push({ handler, max: Math.max(1, opts.maxConcurrentCalls ?? 1), active: 0 });
      pump(q);
    },
    ensure(queueName) {
      queue(queueName);
    },
    stats() {
      return [...queues.values()].map((q) => ({
        name: q.name,
        active: q.ready.length,
        scheduled: q.scheduled.length,
        inFlight: q.inFlight,
        deadLettered: q.dead.length,
        consumers: q.consumers.length,
      }));
    },
    deadLetters(queueName) {
      return queues.get(queueName)?.dead.map((m) => ({ ...m }));
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const q of queues.values()) q.timer = undefined;
      await Promise.all([...pending]);
    },
  };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
