// local.settings.json for the local host: Values become environment variables (never overriding ones already
// set), Host.LocalHttpPort picks the port, and `%NAME%` binding expressions resolve against the settings.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../shared/errors';

export type Env = Record<string, string | undefined>;

export interface LocalSettings {
  values: Record<string, string>;
  localHttpPort: number | undefined;
  /** Set when local.settings.json was missing and has just been copied from local.settings.sample.json. */
  createdFromSample: boolean;
  /** Setting names the sample has and local.settings.json lacks (added to the app since the file was made). */
  missingFromSample: string[];
}

function readValues(file: string, name: string): { values: Record<string, string>; port: unknown } {
  let parsed: { Values?: unknown; Host?: { LocalHttpPort?: unknown } };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (err) {
    throw new ConfigError(name, `is not valid JSON: ${(err as Error).message}`);
  }
  const values: Record<string, string> = {};
  if (parsed.Values !== undefined) {
    if (typeof parsed.Values !== 'object' || parsed.Values === null)
      throw new ConfigError(`${name} Values`, 'must be an object of setting names to strings');
    for (const [k, v] of Object.entries(parsed.Values as Record<string, unknown>))
      values[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { values, port: parsed.Host?.LocalHttpPort };
}

export const DEFAULT_HTTP_PORT = 7071;

/** Reads local.settings.json, creating it from local.settings.sample.json when it is missing. */
export function loadLocalSettings(appRoot: string): LocalSettings {
  const file = join(appRoot, 'local.settings.json');
  let createdFromSample = false;
  const sample = join(appRoot, 'local.settings.sample.json');
  if (!existsSync(file)) {
    if (!existsSync(sample)) return { values: {}, localHttpPort: undefined, createdFromSample, missingFromSample: [] };
    copyFileSync(sample, file);
    createdFromSample = true;
  }
  const { values, port } = readValues(file, 'local.settings.json');
  const missingFromSample = existsSync(sample)
    ? Object.keys(readValues(sample, 'local.settings.sample.json').values).filter((k) => !(k in values))
    : [];
  const localHttpPort =
    typeof port === 'number' || typeof port === 'string' ? parsePort(String(port), 'Host.LocalHttpPort') : undefined;
  return { values, localHttpPort, createdFromSample, missingFromSample };
}

/**
 * Copies settings into `env`. Local settings never override what the environment already has; explicit
 * settings (tests) do. Returns a function that restores the previous values.
 */
export function applySettings(values: Record<string, string>, env: Env, override: boolean): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(values)) {
    if (!override && env[k] !== undefined) continue;
    previous.set(k, env[k]);
    env[k] = v;
  }
  return () => {
    for (const [k, v] of previous) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  };
}

export function parsePort(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(name, 'must be a port number from 0 to 65535');
  return n;
}

/** `--port` beats FUNCTIONS_HTTP_PORT, which beats Host.LocalHttpPort; the default is 7071. */
export function resolvePort(opts: { cliPort?: string; env: Env; localHttpPort?: number }): number {
  if (opts.cliPort !== undefined) return parsePort(opts.cliPort, '--port');
  const fromEnv = opts.env['FUNCTIONS_HTTP_PORT'];
  if (fromEnv !== undefined && fromEnv !== '') return parsePort(fromEnv, 'FUNCTIONS_HTTP_PORT');
  return opts.localHttpPort ?? DEFAULT_HTTP_PORT;
}

/** Replaces every `%NAME%` with the setting's value; a missing setting is a ConfigError naming it and its use. */
export function resolveSettingExpression(value: string, env: Env, usedFor: string): string {
  return value.replace(/%([^%]+)%/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined || v.trim() === '')
      throw new ConfigError(name, `is required: it is referenced as %${name}% by ${usedFor}`);
    return v.trim();
  });
}
