// Parsing of instants and durations, the before/after windows, and the Logs client endpoint and settings.
import { ConfigError, ValidationError } from '../../shared/errors';
import { createLogsTarget, logsEndpoint } from '../../shared/metrics/logs-client';
import { formatDuration, hardeningWindows, parseDuration, parseInstant } from '../../shared/metrics/time-window';

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fields.map((f) => f.field);
    throw err;
  }
  throw new Error('expected a ValidationError');
};

describe('parseInstant', () => {
  it.each([
    ['2026-03-18T15:37:00Z', '2026-03-18T15:37:00.000Z'],
    ['2026-03-18T15:37:00.123Z', '2026-03-18T15:37:00.123Z'],
    ['2026-03-18T17:37:00+02:00', '2026-03-18T15:37:00.000Z'],
    ['2026-03-18T15:37', '2026-03-18T15:37:00.000Z'],
    ['2026-03-18', '2026-03-18T00:00:00.000Z'],
  ])('reads %s as %s (no zone means UTC)', (text, iso) => {
    expect(parseInstant(text, 'start').toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '18/03/2026', '2026-02-30', '2026-03-18T25:00:00Z', '1710776220'])(
    'refuses %j naming the field',
    (text) => {
      expect(field(() => parseInstant(text, 'start'))).toEqual(['start']);
    },
  );
});

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['7d', 604_800_000],
    ['0', 0],
    ['PT24H', 86_400_000],
    ['P1DT2H', 93_600_000],
    [undefined, 42],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text, 'window', 42)).toBe(ms);
  });

  it.each(['1w', '-1h', 'P', 'PT', 'soon', '1.5h'])('refuses %s', (text) => {
    expect(field(() => parseDuration(text, 'window', 0))).toEqual(['window']);
  });

  it('formats durations compactly', () => {
    expect([formatDuration(86_400_000), formatDuration(5_400_000), formatDuration(0)]).toEqual(['1d', '90m', '0']);
  });
});

describe('hardeningWindows', () => {
  const at = new Date('2026-03-18T15:37:00Z');
  const now = new Date('2026-03-25T00:00:00Z');

  it('is [at - window, at) before and [at + settle, at + settle + window) after', () => {
    const w = hardeningWindows(at, 3600_000, 600_000, now, 'hardeningAt');

    expect([w.before.start, w.before.end, w.after.start, w.after.end].map((d) => d.toISOString())).toEqual([
      '2026-03-18T14:37:00.000Z',
      '2026-03-18T15:37:00.000Z',
      '2026-03-18T15:47:00.000Z',
      '2026-03-18T16:47:00.000Z',
    ]);
  });

  it('accepts an after window that ends exactly now, and refuses one ending later', () => {
    const endsNow = new Date('2026-03-19T15:37:00Z');

    expect(() => hardeningWindows(at, 86_400_000, 0, endsNow, 'hardeningAt')).not.toThrow();
    expect(field(() => hardeningWindows(at, 86_400_000, 1, endsNow, 'hardeningAt'))).toEqual(['hardeningAt']);
  });

  it.each([
    [0, 0, 'window'],
    [31 * 86_400_000, 0, 'window'],
    [3600_000, -1, 'settle'],
  ])('refuses window %s / settle %s', (windowMs, settleMs, name) => {
    expect(field(() => hardeningWindows(at, windowMs, settleMs, now, 'hardeningAt'))).toEqual([name]);
  });
});

describe('Logs client settings', () => {
  it.each([
    ['https://api.loganalytics.io', 'https://api.loganalytics.io/v1'],
    ['https://api.loganalytics.io/', 'https://api.loganalytics.io/v1'],
    ['https://api.loganalytics.us/v1', 'https://api.loganalytics.us/v1'],
    ['https://127.0.0.1:8443/v1/', 'https://127.0.0.1:8443/v1'],
    [undefined, undefined],
  ])('normalises endpoint %s', (input, expected) => {
    expect(logsEndpoint(input)).toBe(expected);
  });

  it('names LOG_ANALYTICS_WORKSPACE_ID when it is missing or not a GUID', async () => {
    await expect(createLogsTarget({ env: {} })).rejects.toThrow(ConfigError);
    await expect(createLogsTarget({ env: {} })).rejects.toThrow(/LOG_ANALYTICS_WORKSPACE_ID/);
    await expect(createLogsTarget({ env: { LOG_ANALYTICS_WORKSPACE_ID: 'my-workspace' } })).rejects.toThrow(
      /LOG_ANALYTICS_WORKSPACE_ID must be a GUID/,
    );
  });
});
