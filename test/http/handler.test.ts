import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import {
  ConfigError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OsTicketError,
  UnauthorizedError,
  ValidationError,
} from '../../shared/errors';
import { httpHandler } from '../../shared/http/handler';
import { readJson, readQuery } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { testContext } from '../helpers/context';

const req = (init: Partial<{ method: string; body: string; query: Record<string, string> }> = {}) =>
  new HttpRequest({
    method: init.method ?? 'POST',
    url: 'http://127.0.0.1/api/x',
    ...(init.body !== undefined ? { body: { string: init.body } } : {}),
    query: init.query ?? {},
  });

describe('httpHandler error mapping', () => {
  it.each([
    [new ValidationError('bad', [{ field: 'at', message: 'required' }]), 400, 'validation_failed'],
    [new UnauthorizedError('no key'), 401, 'unauthorized'],
    [new ForbiddenError('read-only'), 403, 'forbidden'],
    [new NotFoundError('nope'), 404, 'not_found'],
    [new ConflictError('etag'), 409, 'conflict'],
    [new ConfigError('TEAMS_WEBHOOK_URL', 'is required'), 503, 'not_configured'],
    [new OsTicketError('down', 503), 502, 'upstream_failed'],
  ])('maps %p to %i', async (error, status, code) => {
    const { context } = testContext();
    const res = await httpHandler(() => Promise.reject(error))(req(), context);
    expect(res.status).toBe(status);
    expect((res as { jsonBody: { error: { code: string } } }).jsonBody.error.code).toBe(code);
  });

  it('logs and rethrows unknown errors so the platform records the failure, with secrets redacted', async () => {
    const { context, text } = testContext('boom');
    const handler = httpHandler(() => Promise.reject(new Error('failed calling https://x?code=SECRETCODE')));
    await expect(handler(req(), context)).rejects.toThrow('failed calling');
    expect(text()).toContain('boom failed');
    expect(text()).not.toContain('SECRETCODE');
  });
});

describe('request readers', () => {
  const Body = z.object({ at: z.string(), note: z.string().max(10) });

  it('gives 400 naming the body for malformed JSON', async () => {
    const { context } = testContext();
    const res = await httpHandler(async (r) => json(200, await readJson(r, Body)))(req({ body: '{"at":' }), context);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res)).toContain('not valid JSON');
  });

  it('lists every schema problem by field', async () => {
    await expect(readJson(req({ body: JSON.stringify({ note: 'x'.repeat(11) }) }), Body)).rejects.toMatchObject({
      fields: [
        { field: 'body.at', message: expect.any(String) },
        { field: 'body.note', message: expect.any(String) },
      ],
    });
  });

  it('refuses bodies over the limit with 413', async () => {
    const { context } = testContext();
    const res = await httpHandler(async (r) => json(200, await readJson(r, z.unknown(), 10)))(
      req({ body: JSON.stringify({ a: 'x'.repeat(20) }) }),
      context,
    );
    expect(res.status).toBe(413);
  });

  it('validates the query and ignores the function key parameter', () => {
    const Query = z.strictObject({ limit: z.coerce.number().int().max(50) });
    expect(readQuery(req({ query: { limit: '5', code: 'key' } }), Query)).toEqual({ limit: 5 });
    expect(() => readQuery(req({ query: { limit: '500' } }), Query)).toThrow(/limit/);
  });
});
