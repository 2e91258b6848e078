// Real Service Bus for queue triggers and outputs, used when the trigger's `connection` setting is configured:
// a connection string (`<connection>`) or a namespace with DefaultAzureCredential
// (`<connection>__fullyQualifiedNamespace`). Receivers use peekLock: complete on success, abandon on failure,
// so the broker redelivers and dead-letters after its max delivery count. The SDK is imported lazily.
import type {
  ServiceBusClient,
  ServiceBusReceivedMessage,
  ServiceBusReceiver,
  ServiceBusSender,
} from '@azure/service-bus';
import { ConfigError } from '../../shared/errors';
import type { MessageHandler, OutgoingMessage, QueueMessage } from './in-process-queue';
import type { HostLog } from './log';
import type { Env } from './settings';

export interface RealServiceBus {
  connectionName: string;
  send(queueName: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(queueName: string, handler: MessageHandler, opts?: { maxConcurrentCalls?: number }): void;
  close(): Promise<void>;
}

/** True when the connection setting (or its identity-based form) is set, i.e. real Service Bus should be used. */
export function isRealConnection(connectionName: string | undefined, env: Env): boolean {
  if (!connectionName) return false;
  return Boolean(env[connectionName]?.trim() || env[`${connectionName}__fullyQualifiedNamespace`]?.trim());
}

export async function createRealServiceBus(deps: {
  connectionName: string;
  env: Env;
  log: HostLog;
  describeError: (err: unknown) => string;
}): Promise<RealServiceBus> {
  const { connectionName, env, log } = deps;
  const { ServiceBusClient } = await import('@azure/service-bus');
  let client: ServiceBusClient;
  const connectionString = env[connectionName]?.trim();
  if (connectionString) {
    try {
      client = new ServiceBusClient(connectionString);
    } catch (err) {
      throw new ConfigError(connectionName, `is not a valid Service Bus connection string: ${deps.describeError(err)}`);
    }
  } else {
    const namespace = env[`${connectionName}__fullyQualifiedNamespace`]?.trim();
    if (!namespace) throw new ConfigError(connectionName, 'is required for real Service Bus mode');
    const { DefaultAzureCredential } = await import('@azure/identity');
    const clientId = env[`${connectionName}__clientId`]?.trim();
    client = new ServiceBusClient(
      namespace,
      new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
    );
  }

  const senders = new Map<string, ServiceBusSender>();
  const receivers: ServiceBusReceiver[] = [];
  const subscriptions: { close(): Promise<void> }[] = [];

  return {
    connectionName,
    async send(queueName, messages) {
      let sender = senders.get(queueName);
      if (!sender) senders.set(queueName, (sender = client.createSender(queueName)));
      // A scheduled enqueue time travels as the x-opt-scheduled-enqueue-time annotation of an ordinary send.
      await sender.sendMessages(
        messages.map((m) => ({
          body: m.body,
          ...(m.messageId ? { messageId: m.messageId } : {}),
          contentType: m.contentType ?? (typeof m.body === 'string' ? 'text/plain' : 'application/json'),
          ...(m.applicationProperties
            ? { applicationProperties: m.applicationProperties as Record<string, string> }
            : {}),
          ...(m.scheduledEnqueueTimeUtc ? { scheduledEnqueueTimeUtc: m.scheduledEnqueueTimeUtc } : {}),
        })),
      );
    },
    subscribe(queueName, handler, opts = {}) {
      const receiver = client.createReceiver(queueName, { receiveMode: 'peekLock' });
      receivers.push(receiver);
      const subscription = receiver.subscribe(
        {
          processMessage: async (message) => {
            try {
              await handler(toQueueMessage(message));
            } catch {
              // The invoker has logged the failure; abandoning makes the broker redeliver or dead-letter it.
              await receiver.abandonMessage(message);
              return;
            }
            await receiver.completeMessage(message);
          },
          processError: async (args) => {
            log.host(
              'warning',
              `Service Bus receiver for '${queueName}' (${args.errorSource}): ${deps.describeError(args.error)}`,
            );
            return Promise.resolve();
          },
        },
        { autoCompleteMessages: false, maxConcurrentCalls: Math.max(1, opts.maxConcurrentCalls ?? 1) },
      );
      subscriptions.push(subscription);
    },
    async close() {
      await Promise.allSettled(subscriptions.map((s) => s.close()));
      await Promise.allSettled(receivers.map((r) => r.close()));
      await Promise.allSettled([...senders.values()].map((s) => s.close()));
      await client.close();
    },
  };
}

function toQueueMessage(m: ServiceBusReceivedMessage): QueueMessage {
  return {
    messageId: m.messageId === undefined ? '' : String(m.messageId),
    body: m.body as unknown,
    contentType: m.contentType,
    applicationProperties: { ...(m.applicationProperties ?? {}) },
    sequenceNumber: m.sequenceNumber === undefined ? 0 : Number(m.sequenceNumber.toString()),
    enqueuedTimeUtc: m.enqueuedTimeUtc ?? new Date(),
    scheduledEnqueueTimeUtc: m.scheduledEnqueueTimeUtc,
    // The JS SDK passes the AMQP delivery-count (previous attempts); Functions reports attempts, 1-based.
    deliveryCount: (m.deliveryCount ?? 0) + 1,
  };
}
