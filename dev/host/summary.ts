// What the host tells people about each function: its URL, schedule or queue, or why it is in error.
import type { HttpRoute } from './http-functions';
import type { QueueHub, QueueMode } from './queues';
import type { HostFunction } from './registry';
import type { Timers } from './timers';

export interface FunctionSummary {
  name: string;
  trigger: string;
  url?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  nextRun?: string;
  queueName?: string;
  mode?: QueueMode;
  /** Set when the function could not be started (e.g. a missing %SETTING%); the rest of the app still runs. */
  error?: string;
}

export function summarizeFunctions(deps: {
  functions: HostFunction[];
  routes: HttpRoute[];
  timers: Timers | undefined;
  hub: QueueHub | undefined;
  baseUrl: string;
  routePrefix: string;
  errors: Map<string, string>;
}): FunctionSummary[] {
  const prefix = deps.routePrefix.replace(/^\/+|\/+$/g, '');
  return deps.functions.map((fn): FunctionSummary => {
    const error = deps.errors.get(fn.name);
    const base = { name: fn.name, trigger: fn.trigger.type, ...(error ? { error } : {}) };
    if (fn.kind === 'http') {
      const route = deps.routes.find((r) => r.fn === fn);
      if (!route) return base;
      return {
        ...base,
        url: `${deps.baseUrl}/${prefix ? `${prefix}/` : ''}${route.route.template.replace(/^\/+/, '')}`,
        methods: route.methods ?? ['*'],
        authLevel: route.authLevel,
      };
    }
    if (fn.kind === 'timer') {
      const t = deps.timers?.timers.find((x) => x.name === fn.name);
      return { ...base, ...(t ? { schedule: t.schedule, nextRun: t.nextRun()?.toISOString() } : {}) };
    }
    if (fn.kind === 'serviceBus') {
      const q = deps.hub?.triggers.find((x) => x.functionName === fn.name);
      return { ...base, ...(q ? { queueName: q.queueName, mode: q.mode } : {}) };
    }
    return base;
  });
}
