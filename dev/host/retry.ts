// The function-level `retry` option (fixedDelay / exponentialBackoff), as the host applies it to timer triggers.
import type { RpcRetryOptions } from './core-api';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Maximum retries; -1 (unlimited in Azure) is capped so a local run cannot spin forever. */
export function maxRetries(options: RpcRetryOptions | undefined): number {
  const n = options?.maxRetryCount ?? 0;
  return n < 0 ? 100 : n;
}

/** Delay before retry number `retry` (1-based). */
export function retryDelayMs(options: RpcRetryOptions, retry: number): number {
  const secs = (d: { seconds?: number } | undefined) => (d?.seconds ?? 0) * 1000;
  if (options.retryStrategy === 'exponentialBackoff') {
    const min = secs(options.minimumInterval);
    const max = secs(options.maximumInterval) || Number.MAX_SAFE_INTEGER;
    return Math.min(max, min * 2 ** (retry - 1));
  }
  return secs(options.delayInterval);
}

/**
 * Runs `attempt(retryCount)` and retries it on failure per the options. Stops early when `signal` aborts
 * (host shutdown). Rethrows the last error.
 */
export async function runWithRetry<T>(
  options: RpcRetryOptions | undefined,
  attempt: (retryCount: number, maxRetryCount: number) => Promise<T>,
  onRetry: (retry: number, delayMs: number, err: unknown) => void,
  opts: { sleep?: Sleep; signal?: AbortSignal } = {},
): Promise<T> {
  const max = maxRetries(options);
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry, max);
    } catch (err) {
      if (!options || retry >= max || opts.signal?.aborted) throw err;
      const delay = retryDelayMs(options, retry + 1);
      onRetry(retry + 1, delay, err);
      await (opts.sleep ?? sleep)(delay, opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}
