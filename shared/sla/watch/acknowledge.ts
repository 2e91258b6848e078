// Acknowledging an alert: a genuine, unexpired token records who acknowledged (the channel the alert went to,
// plus an optional name) and when. The first acknowledgement wins; it stops further escalation of that breach.
import type { AckRecord, AlertLedger } from './alert-ledger';
import { verifyAckToken, type AckClaims } from './ack-token';

export interface AcknowledgeDeps {
  ledger: AlertLedger;
  secret: string;
  clock: () => Date;
}

export interface AcknowledgeResult {
  created: boolean;
  record: AckRecord;
  claims: AckClaims;
}

/** Checks a token without changing anything (for the confirmation page). Throws UnauthorizedError. */
export function inspectAck(deps: Pick<AcknowledgeDeps, 'secret' | 'clock'>, token: string | undefined): AckClaims {
  return verifyAckToken(deps.secret, token, deps.clock());
}

export async function acknowledge(
  deps: AcknowledgeDeps,
  token: string | undefined,
  by: string | undefined,
): Promise<AcknowledgeResult> {
  const now = deps.clock();
  const claims = verifyAckToken(deps.secret, token, now);
  const name = by?.trim().slice(0, 100);
  const result = await deps.ledger.acknowledge({
    target: claims.t,
    ticketId: claims.i,
    clock: claims.c,
    dueAt: new Date(claims.d).toISOString(),
    acknowledgedAt: now.toISOString(),
    via: claims.via,
    ...(name ? { by: name } : {}),
  });
  return { ...result, claims };
}
