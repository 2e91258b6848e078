// startHost(): the local Functions host in one call. Loads settings, captures the app's v4 registrations
// through the provided @azure/functions-core, then serves HTTP triggers, runs timers and feeds queue triggers.
import { ConfigError } from '../../shared/errors';
import { createAdmin } from './admin';
import { expandGlobs, readMainGlob } from './app-files';
import { ensureAzurite, type AzuriteHandle } from './azurite';
import { hooksFor, installCoreApiResolver, loadAppFile, setSystemLogSink, type Registration } from './core-api';
import { readHostJson } from './host-config';
import { buildHttpRoutes, createHttpFunctions } from './http-functions';
import { startHttpServer, type HostServer } from './http-server';
import { createInvoker, describeError, type FunctionsLib, type Invoker } from './invoke';
import { createHostLog, type LineWriter } from './log';
import { queueOutputSender, startQueues, type QueueHub } from './queues';
import { toHostFunction, type HostFunction } from './registry';
import { applySettings, loadLocalSettings, resolvePort, type Env } from './settings';
import { summarizeFunctions, type FunctionSummary } from './summary';
import { startTimers, type Timers } from './timers';

export interface StartHostOptions {
  /** Folder with package.json (whose "main" globs the function files), host.json and local.settings.json. */
  appRoot: string;
  /** Port to listen on; 0 picks a free one. Default: --port, FUNCTIONS_HTTP_PORT, Host.LocalHttpPort, 7071. */
  port?: number;
  /** Value of a `--port` argument, if any. */
  cliPort?: string;
  /** Explicit settings (tests): applied over the environment instead of reading local.settings.json. */
  settings?: Record<string, string>;
  /** Globs of function files relative to appRoot; default: package.json "main". */
  functionGlobs?: string[];
  /** Start Azurite when AzureWebJobsStorage is UseDevelopmentStorage=true (default true). */
  azurite?: boolean;
  /** Where output lines go (default console.log). */
  write?: LineWriter;
  env?: Env;
}

export type { FunctionSummary } from './summary';

export interface Host {
  url: string;
  port: number;
  functions: FunctionSummary[];
  queues: QueueHub | undefined;
  timers: Timers | undefined;
  /** Messages worth showing at startup (settings file created, Azurite reused, load errors). */
  notices: string[];
  stop(): Promise<void>;
}

function parseMaxDeliveryCount(env: Env): number {
  const raw = env['DEV_QUEUE_MAX_DELIVERY_COUNT']?.trim();
  if (!raw) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 2000)
    throw new ConfigError('DEV_QUEUE_MAX_DELIVERY_COUNT', 'must be a whole number from 1 to 2000');
  return n;
}

export async function startHost(options: StartHostOptions): Promise<Host> {
  const env = options.env ?? process.env;
  const log = createHostLog(options.write);
  const notices: string[] = [];
  const notice = (message: string) => (notices.push(message), log.host('info', message));
  const cleanups: (() => unknown)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        log.host('warning', `Shutdown step failed: ${describeError(err)}`);
      }
    }
  };

  try {
    let localHttpPort: number | undefined;
    if (options.settings) cleanups.push(applySettings(options.settings, env, true));
    else {
      const local = loadLocalSettings(options.appRoot);
      if (local.createdFromSample)
        notice('local.settings.json was missing: created it from local.settings.sample.json (edit it to configure)');
      localHttpPort = local.localHttpPort;
      if (local.missingFromSample.length)
        notice(
          `local.settings.json lacks settings that local.settings.sample.json has: ${local.missingFromSample.join(', ')}`,
        );
      cleanups.push(applySettings(local.values, env, false));
    }
    const hostJson = readHostJson(options.appRoot);
    const port = options.port ?? resolvePort({ cliPort: options.cliPort, env, localHttpPort });

    cleanups.push(installCoreApiResolver());
    setSystemLogSink((level, _category, message) => {
      if (/warn|error|critical/i.test(level)) log.host(level, message);
    });
    cleanups.push(() => setSystemLogSink(undefined));

    const globs = options.functionGlobs ?? [readMainGlob(options.appRoot)];
    const files = expandGlobs(options.appRoot, globs);
    if (files.length === 0) notice(`No function files match ${globs.join(', ')} (did the build run?)`);
    const lib = (await import(require.resolve('@azure/functions', { paths: [options.appRoot] }))) as FunctionsLib;
    const registrations: Registration[] = [];
    for (const file of files) {
      try {
        registrations.push(...(await loadAppFile(file, (f) => import(f))));
      } catch (err) {
        notice(`Worker failed to load ${file}: ${describeError(err)}`);
      }
    }
    const functions: HostFunction[] = registrations.map(toHostFunction);

    if (options.azurite !== false && env['AzureWebJobsStorage']?.trim() === 'UseDevelopmentStorage=true') {
      const azurite: AzuriteHandle = await ensureAzurite({ appRoot: options.appRoot, log });
      if (!azurite.started) notices.push('Azurite: reusing the one already listening on 10002');
      cleanups.push(() => azurite.stop());
    }

    let hub: QueueHub | undefined;
    let timers: Timers | undefined;
    const appHookData: Record<string, unknown> = {};
    const invoke: Invoker = createInvoker({
      lib,
      log,
      appHookData,
      sendOutput: queueOutputSender(() => {
        if (!hub) throw new Error('Service Bus output used, but the host has no queues');
        return hub;
      }, env),
    });
    const functionKey = () => env['DEV_FUNCTION_KEY']?.trim() || undefined;
    const ofKind = (k: HostFunction['kind']) => functions.filter((f) => f.kind === k);
    const functionErrors = new Map<string, string>();
    const onFunctionError = (fn: HostFunction, err: unknown) => {
      functionErrors.set(fn.name, describeError(err));
      notice(`The '${fn.name}' function is in error and will not run: ${describeError(err)}`);
    };

    // As in the worker: appStart and appTerminate share one app-level `hookData`; `appHookData` also reaches
    // the invocation hooks.
    const appLevelHookData: Record<string, unknown> = {};
    for (const hook of hooksFor('appStart'))
      await hook({ hookData: appLevelHookData, appHookData, functionAppDirectory: options.appRoot });
    cleanups.push(async () => {
      for (const hook of hooksFor('appTerminate')) await hook({ hookData: appLevelHookData, appHookData });
    });

    const usesServiceBus = functions.some(
      (f) => f.kind === 'serviceBus' || f.outputs.some((o) => o.type.toLowerCase() === 'servicebus'),
    );
    if (usesServiceBus) {
      hub = await startQueues({
        functions: ofKind('serviceBus'),
        allFunctions: functions,
        env,
        invoke: () => invoke,
        log,
        maxDeliveryCount: parseMaxDeliveryCount(env),
        maxConcurrentCalls: hostJson.maxConcurrentCalls,
        onFunctionError,
      });
      const started = hub;
      cleanups.push(() => started.stop());
    }
    if (ofKind('timer').length) {
      timers = await startTimers({ functions: ofKind('timer'), env, invoke, log, onFunctionError });
      const started = timers;
      cleanups.push(() => started.stop());
    }

    const routes = buildHttpRoutes(ofKind('http'), onFunctionError);
    const server: HostServer = await startHttpServer({
      port,
      routePrefix: hostJson.routePrefix,
      functions: createHttpFunctions({ routes, lib, invoke, log, functionKey }),
      admin: createAdmin({ functions, invoke, timers: () => timers, queues: () => hub, log, functionKey }),
      log,
    });
    // The listener closes first, so no new work arrives while timers and queues wind down.
    cleanups.push(() => server.close());

    const summaries = summarizeFunctions({
      functions,
      routes,
      timers,
      hub,
      baseUrl: server.url,
      routePrefix: hostJson.routePrefix,
      errors: functionErrors,
    });
    for (const fn of ofKind('other'))
      notice(
        `${fn.name}: ${fn.trigger.type} is not run by the local host (call it through /admin/functions/${fn.name})`,
      );

    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      functions: summaries,
      queues: hub,
      timers,
      notices,
      stop: () => (stopping ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
