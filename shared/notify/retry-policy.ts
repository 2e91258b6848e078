// Bounded retries for channel sends: 429/5xx honour Retry-After, otherwise exponential backoff with full jitter.

export interface RetryPolicy {
  /** Total attempts including the first; at least 1. */
  maxAttempts: number;
  /** First backoff step in ms (doubled per attempt). */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After says. */
  maxDelayMs: number;
  /** Stop retrying when the waits so far plus the next one would exceed this budget. */
  maxTotalDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxTotalDelayMs: 20_000,
};

/** What a failed attempt tells the retry loop. */
export interface AttemptFailure {
  retryable: boolean;
  /** Server-requested wait, already parsed to ms. */
  retryAfterMs?: number;
}

/** HTTP statuses worth retrying: throttling, the Workflows precondition race, and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status === 412 || (status >= 500 && status <= 599);
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into ms, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: Date = new Date()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1). Retry-After wins when given (capped);
 * otherwise full jitter over an exponential step: random(0, min(cap, base × 2^(attempt-1))).
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Thrown when retries run out; `attempts` says how many were made, `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`gave up after ${attempts} attempt(s): ${describe(options.cause)}`, options);
    this.name = 'RetriesExhaustedError';
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs `fn` until it succeeds, a failure is not retryable (rethrown as is), or the policy's attempt or
 * time budget is spent (RetriesExhaustedError with the last failure as cause).
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  classify: (err: unknown) => AttemptFailure,
  policy: RetryPolicy = defaultRetryPolicy,
  deps: RetryDeps = {},
): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const failure = classify(err);
      if (!failure.retryable) throw err;
      if (attempt >= Math.max(1, policy.maxAttempts)) throw new RetriesExhaustedError(attempt, { cause: err });
      const delay = backoffDelay(attempt, policy, failure.retryAfterMs, deps.random);
      if (waited + delay > policy.maxTotalDelayMs) throw new RetriesExhaustedError(attempt, { cause: err });
      waited += delay;
      await sleep(delay);
    }
  }
}
