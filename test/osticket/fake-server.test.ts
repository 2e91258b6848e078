// Wire-level behaviour of the fake ops API that the client tests do not reach: JSON everywhere, auth order,
// both URL styles, method rules and the body limit, so the fake stays faithful to infra/osticket/.
import { MAX_OPS_BODY_BYTES } from '../../shared/osticket/contract';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { clientFor, startFake } from './helpers';

let fake: FakeOsTicketServer;
beforeEach(async () => {
  ({ fake } = await startFake());
});
afterEach(async () => {
  await fake.stop();
});

async function call(path: string, init: RequestInit & { key?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('X-Ops-Key', init.key ?? fake.opsKey);
  const res = await fetch(`${fake.url}${path}`, { ...init, headers });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

it('answers JSON errors with the contract envelope for auth, routes and methods', async () => {
  expect(await call('/api/ops/health', { key: null })).toMatchObject({
    status: 401,
    type: 'application/json; charset=UTF-8',
    body: { error: { code: 'unauthorized', fields: [] } },
  });
  expect((await call('/api/ops/health', { key: 'nope' })).status).toBe(401);
  expect((await call('/api/http.php/ops/nothing')).body).toMatchObject({ error: { code: 'not_found' } });
  expect((await call('/api/ops/roles/abc')).status).toBe(404);
  expect((await call('/api/ops/roles/1', { method: 'DELETE' })).body).toMatchObject({
    error: { code: 'method_not_allowed' },
  });
  expect((await call('/api/ops/statuses', { method: 'POST', body: '{}' })).status).toBe(405);
  expect((await call('/api/ops/tickets?bogus=1')).body).toMatchObject({
    error: { code: 'bad_request', fields: [{ field: 'bogus', message: 'unknown field' }] },
  });
  expect((await call('/api/ops/tickets?after=%21%21')).status).toBe(400);
  expect((await call('/api/ops/tickets?updated_since=2026-12-04T10:00:00%2B01:00')).body).toMatchObject({
    error: { fields: [{ field: 'updated_since' }] },
  });
  expect((await call('/api/ops/roles', { method: 'POST', body: '{nope' })).body).toMatchObject({
    error: { code: 'bad_request', fields: [{ field: 'body' }] },
  });
});

it('serves the same data on both URL styles and honours ?_method=', async () => {
  const a = await call('/api/ops/sla');
  const b = await call('/api/http.php/ops/sla');
  expect(a.body).toEqual(b.body);
  const patched = await call('/api/http.php/ops/sla/1?_method=PATCH', {
    method: 'POST',
    body: JSON.stringify({ graceHours: 8 }),
  });
  expect(patched).toMatchObject({ status: 200, body: { id: 1, graceHours: 8 } });
  expect(fake.requests.at(-1)).toMatchObject({ rawMethod: 'POST', method: 'PATCH', route: 'ops/sla/1' });
});

it('refuses bodies over the limit with 413, which the client reports as a request error', async () => {
  const big = JSON.stringify({ name: 'Big', permissions: ['a'], notes: 'x'.repeat(MAX_OPS_BODY_BYTES) });
  expect((await call('/api/ops/roles', { method: 'POST', body: big })).body).toMatchObject({
    error: { code: 'payload_too_large' },
  });
  const { client } = clientFor(fake);
  await expect(
    client.createRole({ name: 'Big', permissions: ['a'], notes: 'x'.repeat(MAX_OPS_BODY_BYTES) }),
  ).rejects.toMatchObject({ name: 'OsTicketRequestError', status: 413 });
});
