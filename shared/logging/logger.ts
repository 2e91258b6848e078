// The narrow logger every service takes, and a redacting adapter over the Functions invocation context.
import type { InvocationContext } from '@azure/functions';
import { redact } from './redact';

export type Logger = Pick<InvocationContext, 'debug' | 'info' | 'warn' | 'error'>;

/** Wraps a context (or any logger) so every string argument passes through `redact`, with known secrets removed. */
export function redactingLogger(target: Logger, secrets: readonly (string | undefined)[] = []): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const clean = (args: unknown[]): unknown[] => args.map((a) => redact(a, known));
  return {
    debug: (...args: unknown[]) => target.debug(...clean(args)),
    info: (...args: unknown[]) => target.info(...clean(args)),
    warn: (...args: unknown[]) => target.warn(...clean(args)),
    error: (...args: unknown[]) => target.error(...clean(args)),
  };
}

/** A logger that drops everything; for benchmarks and CLI quiet mode. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A logger writing to the console; for the CLI and the local host. */
export const consoleLogger: Logger = redactingLogger({
  debug: (...a: unknown[]) => console.debug(...a),
  info: (...a: unknown[]) => console.info(...a),
  warn: (...a: unknown[]) => console.warn(...a),
  error: (...a: unknown[]) => console.error(...a),
});
