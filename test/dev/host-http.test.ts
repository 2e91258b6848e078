// The local host serving HTTP triggers of the fixture app: routes, methods, keys, bodies, errors, responses.

import { request } from 'node:http';
import { FUNCTION_KEY, keyHeader, startFixtureHost, type FixtureHost } from './host-harness';

let fx: FixtureHost;

beforeAll(async () => {
  fx = await startFixtureHost(['functions/http-*.ts']);
});

afterAll(async () => {
  await fx.host.stop();
});

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('routes', () => {
  it('serves a route with an int parameter and repeated query values', async () => {
    const res = await fx.get('/api/items/42?tag=a&tag=b');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '42', tags: ['a', 'b'], method: 'GET' });
  });

  it('matches {name:alpha} with and without the optional {title?}', async () => {
    const short = await fx.get('/api/greet/ada');
    expect(short.status).toBe(200);
    expect(await short.text()).toBe('hello ada');
    const long = await fx.get('/api/GREET/ada/countess');
    expect(await long.text()).toBe('hello countess ada');
    expect(long.headers.get('x-fixture')).toBe('greet');
    expect(long.headers.get('set-cookie')).toBe('seen=1; Path=/; HttpOnly; SameSite=Lax');
  });

  it('answers 404 JSON when a constraint fails or nothing matches', async () => {
    for (const path of ['/api/items/abc', '/api/greet/ada1', '/api/nothing-here', '/elsewhere']) {
      const res = await fx.get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });

  it('answers 405 JSON with an Allow header when the route exists but not the method', async () => {
    const res = await fx.get('/api/secure/ping', { method: 'PUT', headers: keyHeader });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, DELETE');
    expect(await errorOf(res)).toEqual({
      code: 'method_not_allowed',
      message: 'PUT is not allowed on /api/secure/ping',
    });
  });

  it('sends no body for HEAD', async () => {
    const res = await fx.get('/api/greet/ada', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('function keys', () => {
  it('refuses a function-level route without a key or with a wrong one (401 JSON)', async () => {
    const missing = await fx.get('/api/secure/ping');
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).message).toMatch(/Missing function key/);
    const wrong = await fx.get('/api/secure/ping', { headers: { 'x-functions-key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toBe('Invalid function key');
  });

  it('accepts the key in x-functions-key or ?code=, and never echoes it', async () => {
    const header = await fx.get('/api/secure/ping', { headers: keyHeader });
    expect(header.status).toBe(200);
    expect(await header.json()).toEqual({ pong: true });
    const code = await fx.get(`/api/secure/ping?code=${FUNCTION_KEY}`, { method: 'DELETE' });
    expect(code.status).toBe(200);
    expect(fx.output()).not.toContain(FUNCTION_KEY);
  });

  it('treats authLevel admin like function', async () => {
    expect((await fx.post('/api/admin-level', {})).status).toBe(401);
    expect((await fx.post('/api/admin-level', {}, { headers: keyHeader })).status).toBe(204);
  });
});

describe('bodies', () => {
  it('passes the body to a handler using readJson', async () => {
    const res = await fx.post('/api/parse', { n: 21 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ doubled: 42 });
  });

  it('maps a non-JSON body to 400 naming the body field', async () => {
    const res = await fx.post('/api/parse', 'n=21, not json');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields[0]!.field).toBe('body');
  });

  it('refuses a body over 1 MiB with 413 JSON', async () => {
    const res = await fx.post('/api/parse', Buffer.alloc(1024 * 1024 + 10, 'a'));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('refuses a chunked body (no Content-Length) once it passes 1 MiB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${fx.host.url}/api/parse`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'b');
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });
});

describe('responses and failures', () => {
  it('writes streamed and Buffer bodies', async () => {
    const streamed = await fx.get('/api/stream/text');
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toBe('abc');
    const buffer = await fx.get('/api/stream/buffer');
    expect(buffer.status).toBe(201);
    expect(await buffer.text()).toBe('bytes!');
  });

  it('answers 500 JSON without stack or secret when a handler throws, and logs the redacted error', async () => {
    const res = await fx.get('/api/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: 'Exception while executing function: boom' },
    });
    expect(text).not.toContain('hunter2');
    expect(fx.output()).toMatch(/\[host\] error: Executed 'boom' \(Failed.*database refused password=\[redacted\]/);
    expect(fx.output()).not.toContain('hunter2');
  });

  it('lists every HTTP function with its URL, and logs no headers or bodies', () => {
    const names = fx.host.functions.map((f) => f.name).sort();
    expect(names).toEqual(['adminLevel', 'boom', 'enqueue', 'getItem', 'greet', 'parse', 'securePing', 'stream']);
    expect(fx.host.functions.find((f) => f.name === 'getItem')).toMatchObject({
      url: `${fx.host.url}/api/items/{id:int}`,
      methods: ['GET'],
      authLevel: 'anonymous',
    });
    expect(fx.output()).not.toMatch(/x-functions-key|content-type|"n":21/i);
  });
});
