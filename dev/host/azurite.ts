// Starts Azurite from node_modules when AzureWebJobsStorage is UseDevelopmentStorage=true, on the default
// ports (blob 10000, queue 10001, table 10002), with its data in the git-ignored .azurite/ folder.
// If something already listens on 10002 it is reused and left alone.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { HostLog } from './log';

export const AZURITE_PORTS = { blob: 10000, queue: 10001, table: 10002 } as const;

export interface AzuriteHandle {
  /** True when this host started Azurite (and will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

export async function ensureAzurite(deps: {
  appRoot: string;
  log: HostLog;
  timeoutMs?: number;
}): Promise<AzuriteHandle> {
  if (await isListening(AZURITE_PORTS.table)) {
    deps.log.host('info', `Azurite: something already listens on ${AZURITE_PORTS.table}; reusing it`);
    return { started: false, stop: () => Promise.resolve() };
  }
  const location = join(deps.appRoot, '.azurite');
  mkdirSync(location, { recursive: true });
  const bin = require.resolve('azurite/dist/src/azurite.js', { paths: [deps.appRoot] });
  const child = spawn(
    process.execPath,
    [bin, '--silent', '--disableTelemetry', '--skipApiVersionCheck', '--location', location],
    { cwd: deps.appRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Even a forced exit of the host must not leave Azurite running.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (deps.timeoutMs ?? 20000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}: ${stderr.trim()}`);
    const up = await Promise.all(Object.values(AZURITE_PORTS).map((p) => isListening(p)));
    if (up.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('Azurite did not start listening on 10000-10002 in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  deps.log.host('info', `Azurite started (pid ${child.pid}), data in .azurite/`);
  return { started: true, stop };
}
