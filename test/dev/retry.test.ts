// The function retry option (fixedDelay / exponentialBackoff) as the host applies it to timers.
import { maxRetries, retryDelayMs, runWithRetry } from '../../dev/host/retry';

it('computes fixed and exponential delays, capped by maximumInterval', () => {
  expect(retryDelayMs({ retryStrategy: 'fixedDelay', delayInterval: { seconds: 3 } }, 4)).toBe(3000);
  const exp = {
    retryStrategy: 'exponentialBackoff' as const,
    minimumInterval: { seconds: 1 },
    maximumInterval: { seconds: 5 },
  };
  expect([1, 2, 3, 4].map((n) => retryDelayMs(exp, n))).toEqual([1000, 2000, 4000, 5000]);
  expect(maxRetries(undefined)).toBe(0);
  expect(maxRetries({ maxRetryCount: -1 })).toBe(100);
});

it('retries up to maxRetryCount with the given delays, then rethrows the last error', async () => {
  const slept: number[] = [];
  const seen: [number, number][] = [];
  const attempt = (retry: number, max: number) => {
    seen.push([retry, max]);
    return Promise.reject(new Error(`fail ${retry}`));
  };
  await expect(
    runWithRetry({ retryStrategy: 'fixedDelay', maxRetryCount: 2, delayInterval: { seconds: 1 } }, attempt, () => {}, {
      sleep: (ms) => (slept.push(ms), Promise.resolve()),
    }),
  ).rejects.toThrow('fail 2');
  expect(seen).toEqual([
    [0, 2],
    [1, 2],
    [2, 2],
  ]);
  expect(slept).toEqual([1000, 1000]);
});

it('does not retry without a retry option, and stops when aborted', async () => {
  let calls = 0;
  const failing = () => (calls++, Promise.reject(new Error('x')));
  await expect(runWithRetry(undefined, failing, () => {})).rejects.toThrow('x');
  expect(calls).toBe(1);
  const abort = new AbortController();
  abort.abort();
  calls = 0;
  await expect(
    runWithRetry({ maxRetryCount: 5, retryStrategy: 'fixedDelay' }, failing, () => {}, { signal: abort.signal }),
  ).rejects.toThrow('x');
  expect(calls).toBe(1);
});
