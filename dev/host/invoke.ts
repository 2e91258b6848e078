// One invocation the way the worker runs it: an InvocationContext from the app's own `@azure/functions`,
// pre/post invocation hooks, the handler, then output bindings (Service Bus outputs go to the queue backend).
import type * as Functions from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { redact } from '../../shared/logging/redact';
import { hooksFor } from './core-api';
import type { HostLog } from './log';
import { effectiveOptions, type HostFunction, type OutputBinding } from './registry';

export type FunctionsLib = typeof Functions;

export type OutputSender = (fn: HostFunction, binding: OutputBinding, messages: unknown[]) => Promise<void>;

export interface InvokeOptions {
  /** Why the function runs, for the Executing line (e.g. `Timer fired`, `New queue message`). */
  reason?: string;
  triggerMetadata?: Record<string, unknown>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

export interface InvokeResult {
  result: unknown;
  invocationId: string;
}

export type Invoker = (fn: HostFunction, input: unknown, opts?: InvokeOptions) => Promise<InvokeResult>;

export function createInvoker(deps: {
  lib: FunctionsLib;
  log: HostLog;
  sendOutput: OutputSender;
  /** Shared with the appStart/appTerminate hooks, as the worker shares it across every hook of the app. */
  appHookData?: Record<string, unknown>;
}): Invoker {
  const appHookData = deps.appHookData ?? {};
  const warned = new Set<string>();

  async function writeOutputs(fn: HostFunction, context: Functions.InvocationContext, result: unknown) {
    for (const binding of fn.outputs) {
      const value = binding.name === '$return' ? result : context.extraOutputs.get(binding.name);
      if (binding.type.toLowerCase() === 'http' || value === undefined || value === null) continue;
      if (binding.type.toLowerCase() !== 'servicebus') {
        const key = `${fn.name}/${binding.name}`;
        if (!warned.has(key)) {
          warned.add(key);
          deps.log.host(
            'warning',
            `${fn.name}: output binding type "${binding.type}" is not supported locally; ignored`,
          );
        }
        continue;
      }
      await deps.sendOutput(fn, binding, Array.isArray(value) ? value : [value]);
    }
  }

  return async (fn, input, opts = {}) => {
    const invocationId = randomUUID();
    const context = new deps.lib.InvocationContext({
      invocationId,
      functionName: fn.name,
      logHandler: (level, ...args) => deps.log.fn(fn.name, level, args),
      triggerMetadata: opts.triggerMetadata ?? {},
      ...(opts.retryContext ? { retryContext: opts.retryContext } : {}),
      options: effectiveOptions(fn) as Functions.EffectiveFunctionOptions,
    });
    const started = Date.now();
    deps.log.host('info', `Executing '${fn.name}' (Reason='${opts.reason ?? 'invoked'}', Id=${invocationId})`);
    try {
      const result = await run(fn, context, input);
      deps.log.host(
        'info',
        `Executed '${fn.name}' (Succeeded, Id=${invocationId}, Duration=${Date.now() - started}ms)`,
      );
      return { result, invocationId };
    } catch (err) {
      deps.log.host(
        'error',
        `Executed '${fn.name}' (Failed, Id=${invocationId}, Duration=${Date.now() - started}ms): ${describeError(err)}`,
      );
      throw err;
    }
  };

  async function run(fn: HostFunction, context: Functions.InvocationContext, input: unknown): Promise<unknown> {
    const hookData: Record<string, unknown> = {};
    const pre = { hookData, appHookData, invocationContext: context, inputs: [input], functionCallback: fn.callback };
    for (const hook of hooksFor('preInvocation')) await hook(pre);
    let result: unknown = undefined;
    let error: unknown = undefined;
    try {
      result = await pre.functionCallback(...pre.inputs, context);
    } catch (err) {
      error = err;
    }
    const post = { hookData, appHookData, invocationContext: context, inputs: pre.inputs, result, error };
    for (const hook of hooksFor('postInvocation')) await hook(post);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrow exactly what the handler threw
    if (post.error !== undefined && post.error !== null) throw post.error;
    await writeOutputs(fn, context, post.result);
    return post.result;
  }
}

/** `Name: message`, redacted; works for errors from any realm (no instanceof). */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const e = err as { name?: unknown; message?: unknown };
    return String(redact(`${typeof e.name === 'string' ? e.name : 'Error'}: ${String(e.message)}`));
  }
  return String(redact(String(err)));
}
