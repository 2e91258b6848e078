// host.json values the local host honours: the HTTP route prefix and Service Bus concurrency.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../shared/errors';

export interface HostJson {
  routePrefix: string;
  maxConcurrentCalls: number;
}

export function readHostJson(appRoot: string): HostJson {
  const file = join(appRoot, 'host.json');
  const fallback: HostJson = { routePrefix: 'api', maxConcurrentCalls: 16 };
  if (!existsSync(file)) return fallback;
  let json: { extensions?: { http?: { routePrefix?: unknown }; serviceBus?: { maxConcurrentCalls?: unknown } } };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (err) {
    throw new ConfigError('host.json', `is not valid JSON: ${(err as Error).message}`);
  }
  const prefix = json.extensions?.http?.routePrefix;
  const calls = json.extensions?.serviceBus?.maxConcurrentCalls;
  return {
    routePrefix: typeof prefix === 'string' ? prefix : fallback.routePrefix,
    maxConcurrentCalls: typeof calls === 'number' && calls >= 1 ? Math.floor(calls) : fallback.maxConcurrentCalls,
  };
}
