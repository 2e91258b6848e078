// Loading the app (every functions/*.ts, as the worker does) must not import the Azure SDKs or other heavy
// dependencies: they are imported lazily inside the code paths that use them (bench app.load.ms). Runs in a
// fresh node process, with the sources compiled by SWC as jest compiles them, and lists what got required.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Dependencies loading the app may pull in: the programming model and the settings schema. */
const EAGER_ALLOWED = ['@azure/functions', 'zod'];

const SCRIPT = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const root = ${JSON.stringify(ROOT)};
const { installCoreApiResolver, loadAppFile } = require(root + '/dev/host/core-api.ts');
const { expandGlobs } = require(root + '/dev/host/app-files.ts');
installCoreApiResolver();
const before = new Set(Object.keys(require.cache));
(async () => {
  const names = [];
  for (const file of expandGlobs(root, ['functions/*.ts']))
    for (const r of await loadAppFile(file, async (f) => require(f))) names.push(r.metadata.name);
  const packages = new Set();
  for (const path of Object.keys(require.cache)) {
    if (before.has(path) || !path.includes('/node_modules/')) continue;
    const parts = path.split('/node_modules/').pop().split('/');
    packages.add(parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]);
  }
  console.log(JSON.stringify({ names, packages: [...packages].sort() }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

it('registers every function without importing an Azure SDK or another heavy dependency', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' })) as {
    names: string[];
    packages: string[];
  };
  expect(out.names).toContain('health');
  expect(out.names.length).toBeGreaterThan(1);

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lazy = Object.keys(pkg.dependencies).filter((d) => !EAGER_ALLOWED.includes(d));
  expect(lazy).toEqual(expect.arrayContaining(['@azure/data-tables', '@azure/service-bus', '@azure/identity']));
  expect(out.packages.filter((p) => lazy.includes(p))).toEqual([]);
  expect(out.packages).toContain('@azure/functions');
});
