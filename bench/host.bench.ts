// Local host and cold-start benchmarks (run from the compiled dist/bench/host.bench.js):
//   coldstart.ms    spawn `node dist/dev/host/main.js --no-azurite` -> first 200 from GET /api/health (median of 5)
//   app.load.ms     fresh node: require every dist/functions/*.js with functions-core provided (median of 5)
//   sdk.eager.ms    fresh node: require every Azure SDK package in package.json dependencies (median of 5)
//   app.load.ratio  app.load.ms / sdk.eager.ms (target <= 0.4)
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const APP_ROOT = resolve(__dirname, '..', '..');
const RUNS = 5;
const TARGET_RATIO = 0.4;

/** The Azure SDK packages the app depends on: every @azure/* dependency except the programming model itself. */
function azureSdks(): string[] {
  const pkg = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@azure/') && d !== '@azure/functions');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

async function coldStartOnce(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(APP_ROOT, 'dist/dev/host/main.js'), '--port', String(port), '--no-azurite'],
    {
      cwd: APP_ROOT,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`host exited with code ${child.exitCode}`);
      if ((await status(`http://127.0.0.1:${port}/api/health`)) === 200) return performance.now() - started;
      if (performance.now() - started > 20000) throw new Error('host did not answer /api/health within 20 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Runs `code` in a fresh node process and returns the number it prints. */
function timeInFreshNode(code: string): number {
  const out = execFileSync(process.execPath, ['-e', code], { cwd: APP_ROOT, encoding: 'utf8' });
  const n = Number(out.trim().split('\n').pop());
  if (!Number.isFinite(n)) throw new Error(`unexpected output: ${out}`);
  return n;
}

const APP_LOAD = `
const { installCoreApiResolver, loadAppFile } = require(${JSON.stringify(join(APP_ROOT, 'dist/dev/host/core-api.js'))});
const { expandGlobs } = require(${JSON.stringify(join(APP_ROOT, 'dist/dev/host/app-files.js'))});
installCoreApiResolver();
const files = expandGlobs(${JSON.stringify(APP_ROOT)}, ['dist/functions/*.js']);
(async () => {
  const t0 = performance.now();
  let n = 0;
  for (const f of files) n += (await loadAppFile(f, async (x) => require(x))).length;
  const ms = performance.now() - t0;
  if (n === 0) throw new Error('no functions registered');
  console.log(ms);
})().catch((e) => { console.error(e); process.exit(1); });`;

const SDK_EAGER = `
const t0 = performance.now();
for (const m of ${JSON.stringify(azureSdks())}) require(m);
console.log(performance.now() - t0);`;

export async function run(): Promise<void> {
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await coldStartOnce());
  console.log(`bench coldstart.ms: ${round(median(cold))}`);

  const load: number[] = [];
  for (let i = 0; i < RUNS; i++) load.push(timeInFreshNode(APP_LOAD));
  const appLoad = median(load);
  console.log(`bench app.load.ms: ${round(appLoad)}`);

  const sdk: number[] = [];
  for (let i = 0; i < RUNS; i++) sdk.push(timeInFreshNode(SDK_EAGER));
  const sdkEager = median(sdk);
  console.log(`bench sdk.eager.ms: ${round(sdkEager)}`);
  const ratio = appLoad / sdkEager;
  console.log(`bench app.load.ratio: ${Math.round(ratio * 1000) / 1000}`);
  if (ratio > TARGET_RATIO)
    console.warn(`app.load.ms is over ${TARGET_RATIO * 100}% of sdk.eager.ms: an SDK is probably imported eagerly`);
}
