// Table factories for tests: the shared Azurite, with a unique table prefix per test file.
import { randomBytes } from 'node:crypto';
import { createTableClientFactory, type TableClientFactory } from '../../shared/storage/table-client-factory';

export function testTables(): TableClientFactory {
  const connectionString = process.env['TEST_TABLE_CONNECTION'];
  if (!connectionString) throw new Error('TEST_TABLE_CONNECTION is not set: run tests through jest (global setup)');
  return createTableClientFactory({ connectionString, prefix: `t${randomBytes(4).toString('hex')}` });
}
