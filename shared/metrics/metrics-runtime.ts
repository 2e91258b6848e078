// Composition root for the metrics capability: wires the Logs client, Table storage and clock once per process
// (lazily, on first use) and hands each invocation a service bound to its own logger.
import type { Env } from '../config/settings';
import type { Logger } from '../logging/logger';
import { redactingLogger } from '../logging/logger';
import { createTableClientFactory, type TableClientFactory } from '../storage/table-client-factory';
import { createHardeningLog } from './hardening-log';
import { createLogsTarget, type LogsClientOptions, type LogsTarget } from './logs-client';
import { createMetricsService, type MetricsService } from './metrics-service';
import { createSnapshotLog } from './snapshot-log';
import { createWindowCounter } from './window-counts';

export type MetricsServiceFactory = (logger: Logger) => MetricsService;

export interface MetricsRuntimeOptions {
  env?: Env;
  logs?: LogsClientOptions;
  tables?: TableClientFactory;
  clock?: () => Date;
}

export function createMetricsRuntime(options: MetricsRuntimeOptions = {}): MetricsServiceFactory {
  const clock = options.clock ?? (() => new Date());
  let target: Promise<LogsTarget> | undefined;
  let tables = options.tables;
  const logsTarget = () => {
    target ??= createLogsTarget({ env: options.env, ...options.logs }).catch((err: unknown) => {
      target = undefined; // a missing setting is fixed without a restart
      throw err;
    });
    return target;
  };
  const tableFactory: TableClientFactory = (name) => {
    tables ??= createTableClientFactory({ env: options.env });
    return tables(name);
  };
  const hardening = createHardeningLog({ tables: tableFactory, clock });
  const snapshots = createSnapshotLog({ tables: tableFactory });
  return (logger) => {
    const log = redactingLogger(logger);
    return createMetricsService({
      counter: async () => {
        const { client, workspaceId } = await logsTarget();
        return createWindowCounter({ client, workspaceId, logger: log });
      },
      hardening,
      snapshots,
      clock,
      logger: log,
    });
  };
}

let processRuntime: MetricsServiceFactory | undefined;

/** The process-wide service factory used by the function triggers. */
export const metricsService: MetricsServiceFactory = (logger) => {
  processRuntime ??= createMetricsRuntime();
  return processRuntime(logger);
};
