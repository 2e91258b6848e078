// Host output lines: `[time] [functionName] level: message`. The host logs names, ids and statuses, never
// request headers, keys or bodies; function logs pass through `redact` as a second line of defence.
import { format } from 'node:util';
import { redact } from '../../shared/logging/redact';

export type LineWriter = (line: string) => void;

export interface HostLog {
  /** A host message, shown as `[time] [host] level: message`. */
  host(level: string, message: string): void;
  /** A log line from a function invocation (InvocationContext logHandler). */
  fn(functionName: string, level: string, args: unknown[]): void;
  /** Raw output for the banner. */
  raw(line: string): void;
}

const time = (d: Date) => d.toISOString().slice(11, 23);

export function createHostLog(
  write: LineWriter = (l) => console.log(l),
  clock: () => Date = () => new Date(),
): HostLog {
  const line = (source: string, level: string, message: string) =>
    write(`[${time(clock())}] [${source}] ${level}: ${message}`);
  return {
    host: (level, message) => line('host', level, message),
    fn: (functionName, level, args) => line(functionName, level, String(redact(format(...args)))),
    raw: (l) => write(l),
  };
}
