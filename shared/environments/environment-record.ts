// The minimal environment record (Table storage, table `environments`): what the osTicket connector needs to find
// every help desk the app manages. The environments capability owns the full lifecycle; extra fields are kept.
import { z } from 'zod';
import { TableRepository } from '../storage/table-repository';
import type { TableClientFactory } from '../storage/table-client-factory';

export const ENVIRONMENTS_TABLE = 'environments';
/** All environment records share one partition; the row key is the environment name. */
export const ENVIRONMENT_PARTITION = 'environment';

export const environmentStatuses = [
  'Requested',
  'Provisioning',
  'Installing',
  'Configuring',
  'Ready',
  'Failed',
  'Repairing',
  'Deleting',
] as const;
export type EnvironmentStatus = (typeof environmentStatuses)[number];

const isoDateTime = z.iso.datetime({ offset: true });

export const environmentRecord = z.looseObject({
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  status: z.enum(environmentStatuses),
  /** Root URL of the help desk (no `/api`); null until the VM is up. */
  osTicketUrl: z.url({ protocol: /^https?$/ }).nullable(),
  apiStyle: z.enum(['rewrite', 'http.php']),
  /** Names of the Key Vault secrets holding the keys (never the keys themselves). */
  keyVaultSecretNames: z.object({ opsKey: z.string().min(1), apiKey: z.string().min(1).optional() }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastError: z.string().optional(),
});
export type EnvironmentRecord = z.infer<typeof environmentRecord>;

/** The repository over `environments`, with `status` indexed so it can be filtered. */
export function environmentRepository(tables: TableClientFactory): TableRepository<EnvironmentRecord> {
  return new TableRepository(tables, ENVIRONMENTS_TABLE, environmentRecord, (r) => ({ status: r.status }));
}
