// Finds the function app's entry files from package.json "main" (a glob such as dist/functions/*.js),
// resolved relative to the app root, the way the Functions worker does.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../shared/errors';

/** The "main" entry of the app's package.json. */
export function readMainGlob(appRoot: string): string {
  const file = join(appRoot, 'package.json');
  if (!existsSync(file)) throw new ConfigError('package.json', `is missing in ${appRoot}`);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { main?: unknown };
  if (typeof pkg.main !== 'string' || pkg.main.trim() === '')
    throw new ConfigError('package.json "main"', 'must name the function files, e.g. "dist/functions/*.js"');
  return pkg.main;
}

function segmentPattern(segment: string): RegExp {
  const body = segment
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, segments: string[], out: Set<string>): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '**') {
    walk(dir, rest, out);
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name), segments, out);
    return;
  }
  if (!/[*?]/.test(head)) {
    const next = join(dir, head);
    if (rest.length === 0) {
      if (existsSync(next) && !isDirectory(next)) out.add(next);
    } else if (isDirectory(next)) walk(next, rest, out);
    return;
  }
  if (!isDirectory(dir)) return;
  const pattern = segmentPattern(head);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!pattern.test(entry.name)) continue;
    const next = join(dir, entry.name);
    if (rest.length === 0) {
      if (entry.isFile()) out.add(next);
    } else if (entry.isDirectory()) walk(next, rest, out);
  }
}

/** Expands globs (`*`, `?` and `**` segments) relative to `root`; returns absolute paths, sorted, without .d.ts/.map. */
export function expandGlobs(root: string, globs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const glob of globs) walk(resolve(root), glob.replace(/\\/g, '/').replace(/^\.\//, '').split('/'), out);
  return [...out].filter((f) => !f.endsWith('.d.ts') && !f.endsWith('.map')).sort();
}
