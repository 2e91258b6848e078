// Turns recorded v4 registrations into the host's view of each function: its trigger, outputs and retry policy.
import type { FunctionCallback, Registration, RpcBindingInfo, RpcRetryOptions } from './core-api';

export type TriggerKind = 'http' | 'timer' | 'serviceBus' | 'other';

export interface OutputBinding {
  /** Binding name; `$return` for the return value. */
  name: string;
  type: string;
  queueName?: string;
  connection?: string;
}

export interface HostFunction {
  name: string;
  kind: TriggerKind;
  /** The trigger binding as registered (type, route, methods, authLevel, schedule, queueName, connection, ...). */
  trigger: RpcBindingInfo & { name: string; type: string };
  outputs: OutputBinding[];
  inputs: RpcBindingInfo[];
  retry: RpcRetryOptions | undefined;
  callback: FunctionCallback;
  file: string | undefined;
  /** All bindings by name, as `@azure/functions` produced them. */
  bindings: Record<string, RpcBindingInfo>;
}

function kindOf(type: string): TriggerKind {
  const t = type.toLowerCase();
  if (t === 'httptrigger') return 'http';
  if (t === 'timertrigger') return 'timer';
  if (t === 'servicebustrigger') return 'serviceBus';
  return 'other';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function toHostFunction(registration: Registration): HostFunction {
  const { metadata, callback, file } = registration;
  let trigger: HostFunction['trigger'] | undefined;
  const outputs: OutputBinding[] = [];
  const inputs: RpcBindingInfo[] = [];
  for (const [name, binding] of Object.entries(metadata.bindings)) {
    const type = str(binding.type) ?? 'unknown';
    if (/trigger$/i.test(type)) trigger = { ...binding, name, type };
    else if (binding.direction === 'out') {
      const queueName = str(binding['queueName']);
      const connection = str(binding['connection']);
      outputs.push({ name, type, ...(queueName ? { queueName } : {}), ...(connection ? { connection } : {}) });
    } else inputs.push({ ...binding, name });
  }
  if (!trigger) throw new Error(`Function "${metadata.name}" has no trigger binding`);
  return {
    name: metadata.name,
    kind: kindOf(trigger.type),
    trigger,
    outputs,
    inputs,
    retry: metadata.retryOptions,
    callback,
    file,
    bindings: metadata.bindings,
  };
}

/** Effective options for `new InvocationContext({ options })`, as the worker builds them from the bindings. */
export function effectiveOptions(fn: HostFunction) {
  const ret = fn.bindings['$return'];
  return {
    trigger: fn.trigger,
    return: ret ? { ...ret, name: '$return', type: str(ret.type) ?? 'unknown' } : undefined,
    extraInputs: fn.inputs.map((b) => ({ ...b, name: String(b.name), type: str(b.type) ?? 'unknown' })),
    extraOutputs: fn.outputs
      .filter((o) => o.name !== '$return')
      .map((o) => ({ ...fn.bindings[o.name], name: o.name, type: o.type })),
  };
}
