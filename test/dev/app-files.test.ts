// package.json "main" globs, expanded relative to the app root.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGlobs, readMainGlob } from '../../dev/host/app-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'host-files-'));
  mkdirSync(join(dir, 'dist', 'functions', 'nested'), { recursive: true });
  for (const f of ['a-http.js', 'b-timer.js', 'b-timer.js.map', 'types.d.ts', 'nested/c-queue.js'])
    writeFileSync(join(dir, 'dist', 'functions', f), '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('expands *, ? and ** relative to the root, sorted, without maps and declarations', () => {
  const rel = (globs: string[]) => expandGlobs(dir, globs).map((f) => f.slice(dir.length + 1));
  expect(rel(['dist/functions/*.js'])).toEqual(['dist/functions/a-http.js', 'dist/functions/b-timer.js']);
  expect(rel(['dist/functions/?-http.js'])).toEqual(['dist/functions/a-http.js']);
  expect(rel(['dist/**/*.js'])).toEqual([
    'dist/functions/a-http.js',
    'dist/functions/b-timer.js',
    'dist/functions/nested/c-queue.js',
  ]);
  expect(rel(['./dist/functions/a-http.js', 'missing/*.js'])).toEqual(['dist/functions/a-http.js']);
});

it('reads "main" from package.json and explains a missing one', () => {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ main: 'dist/functions/*.js' }));
  expect(readMainGlob(dir)).toBe('dist/functions/*.js');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x' }));
  expect(() => readMainGlob(dir)).toThrow(/package.json "main" must name the function files/);
});
