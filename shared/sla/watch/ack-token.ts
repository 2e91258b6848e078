// Signed, expiring acknowledge tokens: base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, claims)).
// Verification compares in constant time; anything forged, tampered or expired is an UnauthorizedError.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, UnauthorizedError } from '../../errors';
import { clockSchema } from './alert-ledger';

export const ackClaimsSchema = z.object({
  v: z.literal(1),
  /** target name, ticket id, clock and due instant (epoch ms) identify the breach being acknowledged */
  t: z.string().min(1).max(200),
  i: z.number().int().positive(),
  /** ticket number, shown on the confirmation page (optional: older tokens carry none) */
  n: z.string().max(40).optional(),
  c: clockSchema,
  d: z.number().int(),
  /** the channel id the alert went to: recorded as "via" */
  via: z.string().max(300),
  /** expiry, epoch seconds */
  exp: z.number().int(),
});
export type AckClaims = z.infer<typeof ackClaimsSchema>;

export const MIN_SECRET_LENGTH = 32;
const MAX_TOKEN_LENGTH = 2048;
const B64URL = /^[A-Za-z0-9_-]+$/;

export function checkAckSecret(secret: string | undefined): string {
  if (!secret || secret.length < MIN_SECRET_LENGTH)
    throw new ConfigError('SLA_ACK_SECRET', `is required: a random secret of at least ${MIN_SECRET_LENGTH} characters`);
  return secret;
}

function sign(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function createAckToken(secret: string, claims: Omit<AckClaims, 'v'>): string {
  const body = Buffer.from(JSON.stringify({ v: 1, ...claims })).toString('base64url');
  return `${body}.${sign(checkAckSecret(secret), body).toString('base64url')}`;
}

const INVALID = 'Invalid or expired acknowledgement link';

/** Returns the claims of a genuine, unexpired token; throws UnauthorizedError (never saying which check failed). */
export function verifyAckToken(secret: string, token: string | undefined, now: Date): AckClaims {
  const key = checkAckSecret(secret);
  if (!token || token.length > MAX_TOKEN_LENGTH) throw new UnauthorizedError(INVALID);
  const parts = token.split('.');
  if (parts.length !== 2) throw new UnauthorizedError(INVALID);
  const [body, mac] = parts as [string, string];
  if (!B64URL.test(body) || !B64URL.test(mac)) throw new UnauthorizedError(INVALID);
  const expected = sign(key, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError(INVALID);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new UnauthorizedError(INVALID);
  }
  const claims = ackClaimsSchema.safeParse(parsed);
  if (!claims.success) throw new UnauthorizedError(INVALID);
  if (claims.data.exp * 1000 <= now.getTime()) throw new UnauthorizedError(INVALID);
  return claims.data;
}
