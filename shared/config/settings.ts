// Lazy, cached access to app settings: a section is parsed on first use, never at import.
import { ConfigError } from '../errors';
import { settingSections, type SettingSection, type Settings } from './schema';

export type Env = Record<string, string | undefined>;

const cache = new WeakMap<Env, Map<SettingSection, unknown>>();

/** Parses one section of the settings. Throws ConfigError naming the first bad variable and what it expects. */
export function readSettings<S extends SettingSection>(section: S, env: Env = process.env): Settings<S> {
  let byEnv = cache.get(env);
  if (!byEnv) {
    byEnv = new Map();
    cache.set(env, byEnv);
  }
  if (byEnv.has(section)) return byEnv.get(section) as Settings<S>;
  const schema = settingSections[section];
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) input[key] = env[key];
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? section);
    throw new ConfigError(variable, issue.message.startsWith('must') ? issue.message : `is invalid: ${issue.message}`);
  }
  byEnv.set(section, result.data);
  return result.data as Settings<S>;
}

/** Forgets parsed settings; tests that change process.env call this. */
export function resetSettingsCache(env: Env = process.env): void {
  cache.delete(env);
}

/** Returns the value or throws ConfigError naming the variable: for settings a code path cannot do without. */
export function requireSetting<T>(value: T | undefined, variable: string, expected: string): T {
  if (value === undefined || value === null || value === '')
    throw new ConfigError(variable, `is required: ${expected}`);
  return value;
}
