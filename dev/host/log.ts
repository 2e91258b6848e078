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

// Function log levels (InvocationContext) and the LOG_LEVEL setting's names, by severity.
const RANK: Record<string, number> = {
  trace: 0,
  debug: 1,
  information: 2,
  info: 2,
  warning: 3,
  warn: 3,
  error: 4,
  critical: 5,
};

/** Whether a function log line at `level` is shown under LOG_LEVEL (default info), as host.json's logLevel does. */
export function shownAt(level: string, minimum: string | undefined): boolean {
  return (RANK[level] ?? RANK['information']!) >= (RANK[minimum ?? 'info'] ?? RANK['info']!);
}

export function createHostLog(
  write: LineWriter = (l) => console.log(l),
  clock: () => Date = () => new Date(),
  minimumLevel: () => string | undefined = () => process.env['LOG_LEVEL'],
): HostLog {
  const line = (source: string, level: string, message: string) =>
    write(`[${time(clock())}] [${source}] ${level}: ${message}`);
  return {
    host: (level, message) => line('host', level, message),
    fn: (functionName, level, args) => {
      if (shownAt(level, minimumLevel())) line(functionName, level, String(redact(format(...args))));
    },
    raw: (l) => write(l),
  };
}
