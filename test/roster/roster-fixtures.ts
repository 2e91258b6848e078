// Test fixtures for the roster: the fake osTicket (empty, with osTicket's fixed priorities), a client gateway
// over it, and the sample roster.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../shared/logging/logger';
import { createOsTicketClient } from '../../shared/osticket/client';
import { createClientGateway } from '../../shared/roster/client-gateway';
import { parseRosterText } from '../../shared/roster/roster-parser';
import type { Roster } from '../../shared/roster/roster-schema';
import { FakeOsTicketServer } from '../fakes/osticket-server';

export const sampleRosterText = readFileSync(join(__dirname, '../../roster.sample.yaml'), 'utf8');

export function sampleRoster(): Promise<Roster> {
  return parseRosterText(sampleRosterText);
}

/** A fake osTicket with no configuration at all, except the four priorities osTicket ships and cannot create. */
export async function startEmptyFake(): Promise<FakeOsTicketServer> {
  const fake = new FakeOsTicketServer({ defaults: false, clock: () => new Date('2026-12-04T20:00:00Z') });
  for (const [id, name, urgency] of [
    [1, 'Low', 4],
    [2, 'Normal', 3],
    [3, 'High', 2],
    [4, 'Emergency', 1],
  ] as const)
    fake.state.priorities.set(id, { id, name, description: name, color: '#FFFFFF', urgency, isPublic: true });
  await fake.start();
  return fake;
}

export function clientFor(fake: FakeOsTicketServer) {
  return createOsTicketClient({
    baseUrl: fake.url,
    opsKey: fake.opsKey,
    apiStyle: 'rewrite',
    timeoutMs: 5000,
    logger: silentLogger,
    retry: { retries: 0 },
  });
}

export function gatewayFor(fake: FakeOsTicketServer, pageSize?: number) {
  return createClientGateway(clientFor(fake), pageSize ? { pageSize } : {});
}
