import { ConfigError, UnauthorizedError } from '../../../shared/errors';
import { createAckToken, verifyAckToken } from '../../../shared/sla/watch/ack-token';

const secret = 'test-ack-secret-0123456789abcdef-XYZ';
const now = new Date('2026-12-04T21:00:00Z');
const claims = {
  t: 'contoso',
  i: 42,
  c: 'resolution' as const,
  d: Date.parse('2026-12-04T21:00:00Z'),
  via: 'teams:TEAMS_WEBHOOK_URL',
  exp: Math.floor(now.getTime() / 1000) + 3600,
};

describe('ack tokens', () => {
  it('round-trips genuine claims', () => {
    expect(verifyAckToken(secret, createAckToken(secret, claims), now)).toEqual({ v: 1, ...claims });
  });

  it('rejects a token past its expiry', () => {
    const token = createAckToken(secret, claims);
    expect(() => verifyAckToken(secret, token, new Date(claims.exp * 1000))).toThrow(UnauthorizedError);
  });

  it('rejects a tampered payload (another ticket) and a tampered signature', () => {
    const token = createAckToken(secret, claims);
    const [, mac] = token.split('.');
    const otherBody = Buffer.from(JSON.stringify({ v: 1, ...claims, i: 43 })).toString('base64url');
    expect(() => verifyAckToken(secret, `${otherBody}.${mac}`, now)).toThrow(UnauthorizedError);
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(() => verifyAckToken(secret, flipped, now)).toThrow(UnauthorizedError);
  });

  it('rejects a token signed with another secret', () => {
    const forged = createAckToken('another-secret-0123456789abcdef-XYZ', claims);
    expect(() => verifyAckToken(secret, forged, now)).toThrow(UnauthorizedError);
  });

  it.each([undefined, '', 'abc', 'a.b.c', '!!!.???', 'x'.repeat(5000)])('rejects garbage %#', (token) => {
    expect(() => verifyAckToken(secret, token, now)).toThrow('Invalid or expired acknowledgement link');
  });

  it('rejects a validly signed token whose claims fail the schema', () => {
    const body = Buffer.from(JSON.stringify({ v: 2, i: 'x' })).toString('base64url');
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const mac = createHmac('sha256', secret).update(body).digest('base64url');
    expect(() => verifyAckToken(secret, `${body}.${mac}`, now)).toThrow(UnauthorizedError);
  });

  it('refuses a missing or short secret by name', () => {
    expect(() => createAckToken('short', claims)).toThrow(ConfigError);
    expect(() => verifyAckToken('', 'a.b', now)).toThrow(/SLA_ACK_SECRET/);
  });
});
