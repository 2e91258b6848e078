// A small AMQP 1.0 broker on rhea that the real @azure/service-bus SDK can talk to (connection string ending in
// `;UseDevelopmentEmulator=true`, plain TCP on 127.0.0.1). Focused on queues: send (single and batched),
// receive in peekLock, complete, abandon with redelivery (delivery-count +1), dead-letter after
// maxDeliveryCount (readable at `<queue>/$deadletterqueue`), and scheduled enqueue times.
// What the SDK needs is listed in /work/shared/azure/FACTS.md: SASL ANONYMOUS, $cbs put-token replies,
// max_message_size on attach, batch format 0x80013700, broker-assigned message ids, x-opt-* annotations,
// lock tokens in .NET GUID byte order as delivery tags, drain, and settling after rcv_settle_mode=second.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  create_container,
  message as amqpMessage,
  type Connection,
  type Delivery,
  type EventContext,
  type Message,
  type Receiver,
  type Sender,
} from 'rhea';

const BATCH_FORMAT = 0x80013700;
const DLQ_SUFFIX = '/$deadletterqueue';

export interface StoredMessage {
  sequenceNumber: number;
  message: Message;
  /** Previous delivery attempts (the AMQP header delivery-count sent with the next delivery). */
  deliveryCount: number;
  enqueuedTime: Date;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
}

interface Queue {
  name: string;
  ready: StoredMessage[];
  scheduled: number;
  consumers: Sender[];
  next: number;
}

interface InFlight {
  queue: Queue;
  stored: StoredMessage;
  sender: Sender;
}

export interface AmqpBroker {
  port: number;
  /** A Service Bus connection string for this broker (development-emulator form: plain TCP). */
  connectionString: string;
  /** Messages waiting (not locked) in a queue; `<queue>/$deadletterqueue` for its dead letters. */
  messages(queueName: string): StoredMessage[];
  /** Counts of settlement outcomes seen, for assertions. */
  outcomes: { accepted: number; abandoned: number; released: number; rejected: number };
  stop(): Promise<void>;
}

type Attachable = Sender | Receiver;
interface LinkInternals {
  local: { attach: { max_message_size?: number; rcv_settle_mode?: number; snd_settle_mode?: number } };
  remote: {
    attach?: {
      source?: { address?: string };
      target?: { address?: string };
      rcv_settle_mode?: number;
      snd_settle_mode?: number;
    };
  };
}
type DeliveryInternals = Delivery & {
  update(settled: boolean, state?: unknown): void;
  remote_state?: Record<string, unknown>;
};

/** Lock tokens travel as delivery tags in .NET GUID byte order (first three groups byte-swapped). */
export function lockTokenTag(uuid = randomUUID()): Buffer {
  const b = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  return Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

const normalise = (address: string | undefined) =>
  (address ?? '').replace(/^(amqps?|sb):\/\/[^/]+\//i, '').toLowerCase();

export async function startAmqpBroker(
  options: { maxDeliveryCount?: number; lockDurationMs?: number } = {},
): Promise<AmqpBroker> {
  const maxDeliveryCount = options.maxDeliveryCount ?? 10;
  const lockDurationMs = options.lockDurationMs ?? 5 * 60_000;
  const container = create_container({ id: 'fake-service-bus' });
  (container.sasl_server_mechanisms as { enable_anonymous(): void }).enable_anonymous();

  const queues = new Map<string, Queue>();
  const inFlight = new Map<Delivery, InFlight>();
  const timers = new Set<NodeJS.Timeout>();
  const connections = new Set<Connection>();
  const outcomes = { accepted: 0, abandoned: 0, released: 0, rejected: 0 };
  let sequence = 0;

  const queue = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = { name, ready: [], scheduled: 0, consumers: [], next: 0 }));
    return q;
  };

  function pump(q: Queue) {
    let progressed = true;
    while (q.ready.length && progressed) {
      progressed = false;
      for (let i = 0; i < q.consumers.length && q.ready.length; i++) {
        const sender = q.consumers[(q.next + i) % q.consumers.length]!;
        if (!sender.sendable()) continue;
        q.next = (q.next + i + 1) % q.consumers.length;
        const stored = q.ready.shift()!;
        const now = Date.now();
        const outgoing: Message = {
          ...stored.message,
          delivery_count: stored.deliveryCount,
          message_annotations: {
            ...(stored.message.message_annotations ?? {}),
            'x-opt-locked-until': new Date(now + lockDurationMs),
            'x-opt-sequence-number': stored.sequenceNumber,
            'x-opt-enqueued-time': stored.enqueuedTime,
          },
        };
        const delivery = sender.send(outgoing, lockTokenTag());
        inFlight.set(delivery, { queue: q, stored, sender });
        progressed = true;
        break;
      }
    }
    for (const sender of q.consumers) {
      const s = sender as Sender & { _draining?: boolean };
      if (s._draining && (!q.ready.length || !sender.sendable())) sender.set_drained(true);
    }
  }

  function enqueue(q: Queue, stored: StoredMessage, front = false) {
    if (front) q.ready.unshift(stored);
    else q.ready.push(stored);
    pump(q);
  }

  function accept(name: string, message: Message) {
    const q = queue(name);
    if (message.message_id === undefined || message.message_id === null)
      message.message_id = randomUUID().replace(/-/g, '');
    const stored: StoredMessage = { sequenceNumber: ++sequence, message, deliveryCount: 0, enqueuedTime: new Date() };
    const at = message.message_annotations?.['x-opt-scheduled-enqueue-time'] as Date | number | undefined;
    const due = at === undefined ? 0 : new Date(at).getTime();
    if (due > Date.now()) {
      q.scheduled++;
      const t = setTimeout(() => {
        timers.delete(t);
        q.scheduled--;
        stored.enqueuedTime = new Date();
        enqueue(q, stored);
      }, due - Date.now());
      timers.add(t);
      return;
    }
    enqueue(q, stored);
  }

  function deadLetter(q: Queue, stored: StoredMessage, reason: string, description: string) {
    stored.deadLetterReason = reason;
    stored.deadLetterErrorDescription = description;
    stored.message = {
      ...stored.message,
      application_properties: {
        ...(stored.message.application_properties ?? {}),
        DeadLetterReason: reason,
        DeadLetterErrorDescription: description,
      },
    };
    enqueue(queue(`${q.name}${DLQ_SUFFIX}`), { ...stored, deliveryCount: 0 });
  }

  /** Abandon or lost lock: one more delivery attempt used up; dead-letter once maxDeliveryCount is reached. */
  function redeliver(q: Queue, stored: StoredMessage) {
    stored.deliveryCount++;
    if (stored.deliveryCount >= maxDeliveryCount && !q.name.endsWith(DLQ_SUFFIX))
      deadLetter(
        q,
        stored,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${stored.deliveryCount} delivery attempts.`,
      );
    else enqueue(q, stored, true);
  }

  function settle(context: EventContext, outcome: 'accepted' | 'modified' | 'released' | 'rejected') {
    const delivery = context.delivery as DeliveryInternals | undefined;
    // Only outcomes for deliveries this broker sent (client receivers) matter; sends are auto-accepted.
    if (!delivery || !context.sender) return;
    const entry = inFlight.get(delivery);
    // Settle with the client's own outcome: the SDK (rcv_settle_mode second) waits for this before resolving.
    const makeOutcome = amqpMessage as unknown as Record<typeof outcome, () => { described(): unknown }>;
    delivery.update(true, makeOutcome[outcome]().described());
    if (!entry) return;
    inFlight.delete(delivery);
    const { queue: q, stored } = entry;
    if (outcome === 'accepted') outcomes.accepted++;
    else if (outcome === 'modified') {
      outcomes.abandoned++;
      const state = delivery.remote_state ?? {};
      if (state['undeliverable_here']) enqueue(q, stored, true);
      else redeliver(q, stored);
    } else if (outcome === 'released') {
      outcomes.released++;
      enqueue(q, stored, true);
    } else {
      outcomes.rejected++;
      const info = ((state: Record<string, unknown>) =>
        (state['error'] as { info?: Record<string, string> } | undefined)?.info)(delivery.remote_state ?? {});
      deadLetter(q, stored, info?.['DeadLetterReason'] ?? 'Rejected', info?.['DeadLetterErrorDescription'] ?? '');
    }
    pump(q);
  }

  function dropSender(sender: Sender) {
    for (const q of queues.values()) q.consumers = q.consumers.filter((s) => s !== sender);
    for (const [delivery, entry] of [...inFlight]) {
      if (entry.sender !== sender) continue;
      inFlight.delete(delivery);
      redeliver(entry.queue, entry.stored);
    }
  }

  function onLinkOpen(link: Attachable) {
    const l = link as unknown as LinkInternals;
    const remote = l.remote.attach ?? {};
    if (remote.source) link.set_source({ address: remote.source.address ?? '' });
    if (remote.target) link.set_target({ address: remote.target.address ?? '' });
    l.local.attach.max_message_size = 1024 * 1024;
    if (remote.rcv_settle_mode !== undefined) l.local.attach.rcv_settle_mode = remote.rcv_settle_mode;
    if (remote.snd_settle_mode !== undefined) l.local.attach.snd_settle_mode = remote.snd_settle_mode;
  }

  container.on('connection_open', (context: EventContext) => {
    connections.add(context.connection);
  });
  container.on('receiver_open', (context: EventContext) => onLinkOpen(context.receiver!));
  container.on('sender_open', (context: EventContext) => {
    const sender = context.sender!;
    onLinkOpen(sender);
    const address = normalise((sender as unknown as LinkInternals).remote.attach?.source?.address);
    if (address === '$cbs' || address.endsWith('$management')) return;
    const q = queue(address);
    q.consumers.push(sender);
  });
  const pumpFor = (context: EventContext) => {
    const address = normalise((context.sender as unknown as LinkInternals).remote.attach?.source?.address);
    const q = queues.get(address);
    if (q) pump(q);
  };
  container.on('sendable', pumpFor);
  container.on('sender_draining', (context: EventContext) => {
    pumpFor(context);
    context.sender!.set_drained(true);
  });
  container.on('accepted', (context: EventContext) => settle(context, 'accepted'));
  container.on('modified', (context: EventContext) => settle(context, 'modified'));
  container.on('released', (context: EventContext) => settle(context, 'released'));
  container.on('rejected', (context: EventContext) => settle(context, 'rejected'));
  container.on('sender_close', (context: EventContext) => dropSender(context.sender!));
  container.on('disconnected', (context: EventContext) => {
    connections.delete(context.connection);
    for (const q of queues.values())
      for (const s of q.consumers) if (s.connection === context.connection) dropSender(s);
    for (const [, entry] of [...inFlight]) if (entry.sender.connection === context.connection) dropSender(entry.sender);
  });

  container.on('message', (context: EventContext) => {
    const receiver = context.receiver!;
    const address = normalise((receiver as unknown as LinkInternals).remote.attach?.target?.address);
    const message = context.message!;
    if (address === '$cbs' || address.endsWith('$management')) {
      const ok = address === '$cbs';
      const replyTo = message.reply_to;
      const reply = context.connection.find_sender((s: Sender) => s.name === replyTo);
      reply?.send({
        correlation_id: message.message_id,
        application_properties: ok
          ? { 'status-code': 202, 'status-description': 'Accepted' }
          : { 'status-code': 501, 'status-description': 'The test broker does not implement management operations' },
        body: ok ? undefined : null,
      });
      return;
    }
    const format = (context as EventContext & { format?: number }).format;
    if (format === BATCH_FORMAT) {
      const envelope = amqpMessage.decode(context.message as unknown as Buffer);
      const body = envelope.body as { content?: Buffer | Buffer[] } | undefined;
      const parts = Array.isArray(body?.content) ? body.content : body?.content ? [body.content] : [];
      for (const part of parts) accept(address, amqpMessage.decode(part) as unknown as Message);
      return;
    }
    accept(address, message);
  });

  const server: Server = container.listen({
    port: 0,
    host: '127.0.0.1',
    treat_modified_as_released: false,
  } as unknown as Parameters<typeof container.listen>[0]) as unknown as Server;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const key = randomBytes(16).toString('base64');

  return {
    port,
    connectionString: `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key};UseDevelopmentEmulator=true`,
    messages: (name) => [...(queues.get(name.toLowerCase())?.ready ?? [])],
    outcomes,
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      for (const c of connections) c.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Connections the SDK has not closed yet are dropped so close() can finish.
        setTimeout(() => {
          for (const c of connections) (c as Connection & { socket?: { destroy(): void } }).socket?.destroy();
        }, 200).unref();
      });
    },
  };
}
