import {
  RetriesExhaustedError,
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  withRetries,
  type RetryPolicy,
} from '../../shared/notify/retry-policy';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxTotalDelayMs: 5000 };

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores junk', () => {
    const now = new Date('2026-12-04T20:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Fri, 04 Dec 2026 20:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 19:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('honours Retry-After but caps it', () => {
    expect(backoffDelay(1, policy, 300)).toBe(300);
    expect(backoffDelay(1, policy, 60_000)).toBe(1000);
  });

  it('uses full jitter over an exponential step capped at maxDelayMs', () => {
    expect(backoffDelay(1, policy, undefined, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, undefined, () => 0.999)).toBe(399);
    expect(backoffDelay(10, policy, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(0);
  });
});

describe('isRetryableStatus', () => {
  it('retries throttling and server errors only', () => {
    expect([429, 412, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 413].some(isRetryableStatus)).toBe(false);
  });
});

describe('withRetries', () => {
  it('retries retryable failures and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      () => {
        calls++;
        if (calls < 3) return Promise.reject(new Error('busy'));
        return Promise.resolve('done');
      },
      () => ({ retryable: true, retryAfterMs: 250 }),
      policy,
      { sleep: (ms) => (waits.push(ms), Promise.resolve()) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual([250, 250]);
  });

  it('rethrows a non-retryable failure at once', async () => {
    let calls = 0;
    const boom = new Error('bad request');
    await expect(
      withRetries(
        () => {
          calls++;
          return Promise.reject(boom);
        },
        () => ({ retryable: false }),
        policy,
        { sleep: () => Promise.resolve() },
      ),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
  });

  it('stops after maxAttempts with the last failure as cause', async () => {
    let calls = 0;
    const err = await withRetries(
      () => {
        calls++;
        return Promise.reject(new Error(`fail ${calls}`));
      },
      () => ({ retryable: true }),
      policy,
      { sleep: () => Promise.resolve(), random: () => 0.5 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as RetriesExhaustedError).attempts).toBe(4);
    expect(((err as Error).cause as Error).message).toBe('fail 4');
    expect(calls).toBe(4);
  });

  it('stops early when the total wait budget would be exceeded', async () => {
    let calls = 0;
    const waits: number[] = [];
    const err = await withRetries(
      () => {
        calls++;
        return Promise.reject(new Error('throttled'));
      },
      () => ({ retryable: true, retryAfterMs: 1000 }),
      { ...policy, maxAttempts: 10, maxTotalDelayMs: 2500 },
      { sleep: (ms) => (waits.push(ms), Promise.resolve()) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(waits).toEqual([1000, 1000]);
    expect(calls).toBe(3);
  });
});
