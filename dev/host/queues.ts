// Wires Service Bus queue triggers and output bindings to a backend: the embedded in-process queues by
// default, or real Service Bus when the binding's `connection` setting is configured.
import { ConfigError } from '../../shared/errors';
import {
  createEmbeddedQueues,
  type DeadLetteredMessage,
  type EmbeddedQueues,
  type OutgoingMessage,
  type QueueMessage,
  type QueueStats,
} from './in-process-queue';
import { describeError, type Invoker } from './invoke';
import type { HostLog } from './log';
import type { HostFunction, OutputBinding } from './registry';
import { createRealServiceBus, isRealConnection, type RealServiceBus } from './service-bus-real';
import { resolveSettingExpression, type Env } from './settings';

export type QueueMode = 'embedded' | 'real';

export interface QueueTriggerInfo {
  functionName: string;
  queueName: string;
  connection: string | undefined;
  mode: QueueMode;
}

export interface QueueHub {
  triggers: QueueTriggerInfo[];
  embedded: EmbeddedQueues;
  /** Sends to a queue through the backend a binding with this connection would use. */
  send(queueName: string, connection: string | undefined, messages: OutgoingMessage[]): Promise<void>;
  modeOf(queueName: string): QueueMode;
  /** The connection setting name bindings use for this queue, if any. */
  connectionOf(queueName: string): string | undefined;
  stats(): (QueueStats & { mode: QueueMode })[];
  deadLetters(queueName: string): DeadLetteredMessage[] | undefined;
  stop(): Promise<void>;
}

/** The trigger input: JSON text becomes the parsed value, as the Functions host does for JSON messages. */
export function messageInput(body: unknown): unknown {
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string' && /^\s*[[{]/.test(body)) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  return body;
}

export function triggerMetadata(m: QueueMessage): Record<string, unknown> {
  return {
    messageId: m.messageId,
    deliveryCount: m.deliveryCount,
    enqueuedTimeUtc: m.enqueuedTimeUtc.toISOString(),
    sequenceNumber: m.sequenceNumber,
    contentType: m.contentType,
    applicationProperties: m.applicationProperties,
    userProperties: m.applicationProperties,
    ...(m.scheduledEnqueueTimeUtc ? { scheduledEnqueueTimeUtc: m.scheduledEnqueueTimeUtc.toISOString() } : {}),
  };
}

/** Turns an output binding value into a message: strings and Buffers as they are, anything else as JSON. */
export function toOutgoing(value: unknown): OutgoingMessage {
  if (typeof value === 'string') return { body: value, contentType: 'text/plain' };
  if (Buffer.isBuffer(value)) return { body: value, contentType: 'application/octet-stream' };
  return { body: value, contentType: 'application/json' };
}

export async function startQueues(deps: {
  functions: HostFunction[];
  allFunctions: HostFunction[];
  env: Env;
  invoke: () => Invoker;
  log: HostLog;
  maxDeliveryCount: number;
  maxConcurrentCalls: number;
  /** A trigger whose queue or connection cannot be set up is reported here and left out. */
  onFunctionError: (fn: HostFunction, err: unknown) => void;
}): Promise<QueueHub> {
  const { env, log } = deps;
  const embedded = createEmbeddedQueues({ maxDeliveryCount: deps.maxDeliveryCount, describeError });
  const real = new Map<string, Promise<RealServiceBus>>();
  const modes = new Map<string, QueueMode>();
  const connections = new Map<string, string | undefined>();

  const realBus = (connection: string): Promise<RealServiceBus> => {
    let bus = real.get(connection);
    if (!bus) {
      bus = createRealServiceBus({ connectionName: connection, env, log, describeError });
      real.set(connection, bus);
    }
    return bus;
  };

  const queueNameOf = (fn: HostFunction, value: unknown, what: string): string => {
    if (typeof value !== 'string' || value.trim() === '')
      throw new ConfigError(`${fn.name}.queueName`, `is required (${what})`);
    return resolveSettingExpression(value, env, `the ${what} of function ${fn.name}`);
  };

  // Declare output queues too, so chained queues appear in /admin/queues before their first message.
  for (const fn of deps.allFunctions)
    for (const out of fn.outputs)
      if (out.type.toLowerCase() === 'servicebus' && out.queueName && !/%[^%]+%/.test(out.queueName)) {
        const name = out.queueName;
        const mode: QueueMode = isRealConnection(out.connection, env) ? 'real' : 'embedded';
        if (!modes.has(name)) modes.set(name, mode);
        if (!connections.has(name)) connections.set(name, out.connection);
        if (mode === 'embedded') embedded.ensure(name);
      }

  const triggers: QueueTriggerInfo[] = [];
  for (const fn of deps.functions) {
    try {
      const queueName = queueNameOf(fn, fn.trigger['queueName'], 'Service Bus trigger queue');
      const connection = typeof fn.trigger['connection'] === 'string' ? fn.trigger['connection'] : undefined;
      const mode: QueueMode = isRealConnection(connection, env) ? 'real' : 'embedded';
      const many = fn.trigger['cardinality'] === 'many';
      const handler = async (m: QueueMessage) => {
        const input = messageInput(m.body);
        await deps.invoke()(fn, many ? [input] : input, {
          reason: `New ServiceBus message detected on '${queueName}'`,
          triggerMetadata: triggerMetadata(m),
        });
      };
      if (mode === 'real')
        (await realBus(connection!)).subscribe(queueName, handler, { maxConcurrentCalls: deps.maxConcurrentCalls });
      else embedded.subscribe(queueName, handler, { maxConcurrentCalls: deps.maxConcurrentCalls });
      modes.set(queueName, mode);
      connections.set(queueName, connection);
      triggers.push({ functionName: fn.name, queueName, connection, mode });
    } catch (err) {
      deps.onFunctionError(fn, err);
    }
  }

  async function stopAll() {
    await embedded.close();
    const buses = await Promise.allSettled([...real.values()]);
    await Promise.allSettled(buses.map((b) => (b.status === 'fulfilled' ? b.value.close() : Promise.resolve())));
  }

  return {
    triggers,
    embedded,
    async send(queueName, connection, messages) {
      if (isRealConnection(connection, env)) await (await realBus(connection!)).send(queueName, messages);
      else embedded.send(queueName, messages);
    },
    modeOf: (queueName) => modes.get(queueName) ?? 'embedded',
    connectionOf: (queueName) => connections.get(queueName),
    stats: () => embedded.stats().map((s) => ({ ...s, mode: modes.get(s.name) ?? 'embedded' })),
    deadLetters: (queueName) => embedded.deadLetters(queueName),
    stop: stopAll,
  };
}

/** The output sender the invoker uses: Service Bus output bindings enqueue through the hub. */
export function queueOutputSender(hub: () => QueueHub, env: Env) {
  return async (fn: HostFunction, binding: OutputBinding, values: unknown[]) => {
    if (!binding.queueName) throw new ConfigError(`${fn.name}.${binding.name}.queueName`, 'is required');
    const queueName = resolveSettingExpression(binding.queueName, env, `output ${binding.name} of function ${fn.name}`);
    await hub().send(queueName, binding.connection, values.map(toOutgoing));
  };
}
