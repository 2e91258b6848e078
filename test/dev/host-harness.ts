// Starts the local host in-process on a free port over the fixture app (test/fixtures/host-app), capturing
// its output lines. jest.config.js maps '@azure/functions-core' to dev/host/core-api (moduleNameMapper),
// because jest's resolver does not see the host's Module._resolveFilename hook.
import { join } from 'node:path';
import { startHost, type Host } from '../../dev/host/host';

export const FIXTURE_ROOT = join(__dirname, '..', 'fixtures', 'host-app');
export const FUNCTION_KEY = 'fixture-function-key-0123456789';

export interface FixtureHost {
  host: Host;
  lines: string[];
  output(): string;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
}

export async function startFixtureHost(
  functionGlobs: string[],
  settings: Record<string, string> = {},
  appRoot = FIXTURE_ROOT,
): Promise<FixtureHost> {
  const lines: string[] = [];
  const host = await startHost({
    appRoot,
    port: 0,
    azurite: false,
    functionGlobs,
    settings: { DEV_FUNCTION_KEY: FUNCTION_KEY, ...settings },
    write: (line) => lines.push(line),
  });
  const send = (path: string, init: RequestInit = {}) => fetch(`${host.url}${path}`, init);
  return {
    host,
    lines,
    output: () => lines.join('\n'),
    get: send,
    post: (path, body, init = {}) =>
      send(path, {
        method: 'POST',
        body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
      }),
  };
}

export const keyHeader = { 'x-functions-key': FUNCTION_KEY };
