import { redact } from '../../shared/logging/redact';
import { redactingLogger } from '../../shared/logging/logger';

describe('redact', () => {
  it('masks connection-string keys, query secrets, auth headers and webhook signatures', () => {
    const out = redact(
      [
        'AccountName=dev;AccountKey=abc123==;',
        'https://x.azurewebsites.net/api/a?code=FUNCKEY&x=1',
        'x-ops-key: SECRETKEY',
        'https://prod-12.westeurope.logic.azure.com:443/workflows/1/triggers/manual/paths/invoke?api-version=1&sig=SIG',
        'smtp://user:hunter2@mail.example.com:587',
      ].join(' | '),
    ) as string;
    for (const secret of ['abc123', 'FUNCKEY', 'SECRETKEY', 'SIG', 'hunter2']) expect(out).not.toContain(secret);
    expect(out).toContain('AccountName=dev');
  });

  it('masks secret-named properties and known secret values in nested objects', () => {
    const out = redact({ url: 'https://h', opsKey: 'k1', nested: { password: 'p', note: 'has TOPSECRETVALUE' } }, [
      'TOPSECRETVALUE',
    ]);
    expect(out).toEqual({
      url: 'https://h',
      opsKey: '[redacted]',
      nested: { password: '[redacted]', note: 'has [redacted]' },
    });
  });

  it('reduces errors to name and message so request objects are never logged', () => {
    const err = Object.assign(new Error('boom key=abc'), { config: { headers: { 'X-Ops-Key': 'zzz' } } });
    expect(redact(err)).toBe('Error: boom key=[redacted]');
  });

  it('redactingLogger cleans every argument', () => {
    const lines: unknown[][] = [];
    const sink = { debug: () => {}, info: (...a: unknown[]) => lines.push(a), warn: () => {}, error: () => {} };
    redactingLogger(sink, ['supersecret']).info('value supersecret', { apiKey: 'x' });
    expect(lines).toEqual([['value [redacted]', { apiKey: '[redacted]' }]]);
  });
});
