// The `@azure/functions-core` module that the Functions Node.js worker injects, provided by the local host.
// `@azure/functions` 4.x requires it lazily; here it records every registerFunction call (metadata + handler)
// so the host serves exactly the registrations Azure would load.
import Module from 'node:module';

export interface RpcBindingInfo {
  type?: string;
  direction?: 'in' | 'out' | 'inout';
  name?: string;
  [property: string]: unknown;
}

export interface RpcDuration {
  seconds?: number;
}

export interface RpcRetryOptions {
  maxRetryCount?: number;
  retryStrategy?: 'exponentialBackoff' | 'fixedDelay';
  delayInterval?: RpcDuration;
  minimumInterval?: RpcDuration;
  maximumInterval?: RpcDuration;
}

export interface FunctionMetadata {
  name: string;
  functionId?: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: RpcRetryOptions;
}

export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;

export interface Registration {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
  /** The app file being loaded when the function registered, if any. */
  file: string | undefined;
}

export interface Disposable {
  dispose(): void;
}

export type SystemLogSink = (level: string, category: string, message: string) => void;

const registrations: Registration[] = [];
const hooks = new Map<string, Set<HookCallback>>();
let loadingFile: string | undefined;
let programmingModel: unknown;
let systemLogSink: SystemLogSink | undefined;

export const version = '4.0.0-local-host';
export const hostVersion = '4.0.0-local-host';

export function registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
  if (registrations.some((r) => r.metadata.name === metadata.name))
    throw new Error(`A function named "${metadata.name}" is already registered`);
  const registration: Registration = { metadata, callback, file: loadingFile };
  registrations.push(registration);
  return {
    dispose: () => {
      const i = registrations.indexOf(registration);
      if (i >= 0) registrations.splice(i, 1);
    },
  };
}

export function setProgrammingModel(model: unknown): void {
  programmingModel = model;
}

export function getProgrammingModel(): unknown {
  return programmingModel;
}

export function registerHook(hookName: string, callback: HookCallback): Disposable {
  let set = hooks.get(hookName);
  if (!set) hooks.set(hookName, (set = new Set()));
  set.add(callback);
  return { dispose: () => set.delete(callback) };
}

/** System logs from `@azure/functions` itself (not user logs, which go through the InvocationContext). */
export function log(level: string, category: string, message: string): void {
  systemLogSink?.(level, category, message);
}

// ---- host-side API (not part of functions-core) ----

export function setSystemLogSink(sink: SystemLogSink | undefined): void {
  systemLogSink = sink;
}

export function hooksFor(hookName: string): HookCallback[] {
  return [...(hooks.get(hookName) ?? [])];
}

/**
 * Requires one app file, recording the functions it registers. A file already in the module cache registers
 * nothing the second time, so its earlier registrations are returned instead.
 */
export async function loadAppFile(file: string, load: (file: string) => Promise<unknown>): Promise<Registration[]> {
  const earlier = registrations.filter((r) => r.file === file);
  if (earlier.length > 0) return earlier;
  loadingFile = file;
  try {
    await load(file);
  } finally {
    loadingFile = undefined;
  }
  return registrations.filter((r) => r.file === file);
}

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
let resolverInstalls = 0;
let originalResolve: ResolveFilename | undefined;

/**
 * Makes `require('@azure/functions-core')` resolve to this module under plain Node, as the worker does.
 * Returns an uninstaller. (Under jest, whose resolver ignores this hook, tests map the name with a virtual mock.)
 */
export function installCoreApiResolver(): () => void {
  const mod = Module as unknown as { _resolveFilename: ResolveFilename };
  if (resolverInstalls++ === 0) {
    const original = mod._resolveFilename;
    originalResolve = original;
    const self = __filename;
    mod._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      if (request === '@azure/functions-core') return self;
      return original.call(this, request, ...rest);
    };
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--resolverInstalls === 0 && originalResolve) {
      mod._resolveFilename = originalResolve;
      originalResolve = undefined;
    }
  };
}
