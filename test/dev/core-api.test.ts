// The functions-core module outside jest: under plain Node the host's Module._resolveFilename hook must make
// `@azure/functions` leave test mode and register functions. Runs core-api (transpiled by SWC) in a child node.
import { transformFileSync } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'core-api-'));
  const { code } = transformFileSync(join(ROOT, 'dev/host/core-api.ts'), {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  writeFileSync(join(dir, 'core-api.js'), code);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('records registrations made through @azure/functions once the resolver is installed', () => {
  const script = `
    const core = require(${JSON.stringify(join(dir, 'core-api.js'))});
    const uninstall = core.installCoreApiResolver();
    const fnsPath = require.resolve('@azure/functions', { paths: [${JSON.stringify(ROOT)}] });
    (async () => {
      const regs = await core.loadAppFile('app.js', async () => {
        const { app } = require(fnsPath);
        app.http('hello', { route: 'hi/{name}', methods: ['GET'], authLevel: 'function', handler: async () => ({}) });
        app.timer('tick', { schedule: '%S%', handler: () => {}, retry: { strategy: 'fixedDelay', maxRetryCount: 2, delayInterval: 1000 } });
      });
      const again = await core.loadAppFile('app.js', async () => { throw new Error('not reloaded'); });
      uninstall();
      let resolvedAfter = true;
      try { require.resolve('@azure/functions-core'); } catch { resolvedAfter = false; }
      console.log(JSON.stringify({ regs: regs.map((r) => r.metadata), again: again.length, resolvedAfter, model: core.getProgrammingModel()?.name }));
    })();
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
  expect(out.again).toBe(2);
  expect(out.resolvedAfter).toBe(false);
  expect(out.model).toBe('@azure/functions');
  const [http, timer] = out.regs;
  const trigger = (m: { bindings: Record<string, { type: string }> }) =>
    Object.values(m.bindings).find((b) => /Trigger$/.test(b.type));
  expect(trigger(http)).toMatchObject({
    type: 'httpTrigger',
    route: 'hi/{name}',
    methods: ['GET'],
    authLevel: 'function',
  });
  expect(http.bindings.$return).toMatchObject({ type: 'http', direction: 'out' });
  expect(trigger(timer)).toMatchObject({ type: 'timerTrigger', schedule: '%S%' });
  expect(timer.retryOptions).toMatchObject({
    retryStrategy: 'fixedDelay',
    maxRetryCount: 2,
    delayInterval: { seconds: 1 },
  });
});
