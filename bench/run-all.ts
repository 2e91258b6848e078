// `npm run bench`: runs the run() of every compiled bench/*.bench.ts (dist/bench/*.bench.js) in name order,
// each in its own child process so timings and memory figures don't interfere. Optional arguments filter by
// file name (e.g. `node dist/bench/run-all.js host`). Exits 1 if any benchmark fails.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

function runOne(file: string, cwd: string): Promise<number> {
  const script = `require(${JSON.stringify(file)}).run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });`;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-e', script], { cwd, stdio: 'inherit' });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const appRoot = resolve(__dirname, '..', '..');
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) console.log('No benchmarks found in dist/bench (run npm run build first)');
  const failed: string[] = [];
  for (const f of files) {
    console.log(`# ${f}`);
    if ((await runOne(join(__dirname, f), appRoot)) !== 0) failed.push(f);
  }
  if (failed.length) {
    console.error(`Failed benchmarks: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
