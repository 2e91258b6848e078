// Where the configured roster comes from (ROSTER_SOURCE): a blob URL, a `container/path` in the app's storage
// account, or, when empty, the bundled roster.sample.yaml. @azure/storage-blob is imported only when used.
import type { TokenCredential } from '@azure/core-auth';
import type { BlobClient } from '@azure/storage-blob';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readSettings, type Env } from '../config/settings';
import { ConfigError, ValidationError, ensureErrorType } from '../errors';
import { redact } from '../logging/redact';
import { parseRosterText, type RosterFormat } from './roster-parser';
import type { Roster } from './roster-schema';

export const SAMPLE_ROSTER_FILE = 'roster.sample.yaml';
const MAX_ROSTER_BYTES = 4 * 1024 * 1024;

export interface RosterSourceOptions {
  env?: Env;
  /** Storage connection string for `container/path` sources (default: AzureWebJobsStorage). */
  blobConnectionString?: string;
  credential?: TokenCredential;
}

export interface LoadedRoster {
  roster: Roster;
  /** Where it came from, without secrets (a SAS query is dropped). */
  source: string;
}

/** Finds roster.sample.yaml at the app root, from the source tree or from dist/. */
export function sampleRosterPath(start = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const file = join(dir, SAMPLE_ROSTER_FILE);
    if (existsSync(file)) return file;
    dir = dirname(dir);
  }
  throw new ConfigError('ROSTER_SOURCE', `is empty and the bundled ${SAMPLE_ROSTER_FILE} was not found`);
}

export async function loadSampleRoster(): Promise<LoadedRoster> {
  const file = sampleRosterPath();
  return { roster: await parseRosterText(await readFile(file, 'utf8'), 'yaml'), source: SAMPLE_ROSTER_FILE };
}

export function formatOf(path: string): RosterFormat {
  return /\.json$/i.test(path.split('?')[0] ?? '') ? 'json' : 'yaml';
}

export async function loadConfiguredRoster(options: RosterSourceOptions = {}): Promise<LoadedRoster> {
  const env = options.env ?? process.env;
  const source = readSettings('roster', env).ROSTER_SOURCE;
  if (!source) return loadSampleRoster();
  const blob = await blobClientFor(source, options, env);
  const shown = source.split('?')[0]!;
  let text: string;
  try {
    const props = await blob.getProperties();
    if ((props.contentLength ?? 0) > MAX_ROSTER_BYTES)
      throw new ConfigError('ROSTER_SOURCE', `points to a roster larger than ${MAX_ROSTER_BYTES} bytes`);
    text = (await blob.downloadToBuffer()).toString('utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    const why = status === 404 ? 'was not found' : `could not be read: ${String(redact(ensureErrorType(err).message))}`;
    throw new ConfigError('ROSTER_SOURCE', `(${shown}) ${why}`, { cause: err });
  }
  try {
    return { roster: await parseRosterText(text, formatOf(shown)), source: shown };
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`${shown}: ${err.message}`, err.fields);
    throw err;
  }
}

async function blobClientFor(source: string, options: RosterSourceOptions, env: Env): Promise<BlobClient> {
  const { BlobClient: Blob, BlobServiceClient } = await import('@azure/storage-blob');
  if (/^https?:\/\//i.test(source)) {
    if (!URL.canParse(source)) throw new ConfigError('ROSTER_SOURCE', 'must be a blob URL or container/path');
    // A SAS URL carries its own authorisation; otherwise the app's identity reads it.
    if (/[?&]sig=/.test(source)) return new Blob(source);
    return new Blob(source, options.credential ?? (await defaultCredential(env)));
  }
  const match = /^([a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9]))\/(.+)$/.exec(source);
  if (!match) throw new ConfigError('ROSTER_SOURCE', 'must be a blob URL or container/path such as config/roster.yaml');
  const [, container, path] = match as unknown as [string, string, string];
  const storage = readSettings('storage', env);
  const connection =
    options.blobConnectionString ??
    (storage.AzureWebJobsStorage === 'UseDevelopmentStorage=true'
      ? 'UseDevelopmentStorage=true'
      : storage.AzureWebJobsStorage);
  let service;
  if (connection) service = BlobServiceClient.fromConnectionString(connection);
  else if (storage.AzureWebJobsStorage__blobServiceUri || storage.AzureWebJobsStorage__accountName) {
    const url =
      storage.AzureWebJobsStorage__blobServiceUri ??
      `https://${storage.AzureWebJobsStorage__accountName}.blob.core.windows.net`;
    service = new BlobServiceClient(url, options.credential ?? (await defaultCredential(env)));
  } else throw new ConfigError('AzureWebJobsStorage', 'is required to read ROSTER_SOURCE as container/path');
  return service.getContainerClient(container).getBlobClient(path);
}

async function defaultCredential(env: Env): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const clientId = readSettings('azure', env).AZURE_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}
