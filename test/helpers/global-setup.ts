// Jest global setup: one Azurite for the whole run; its connection strings reach every worker through env.
import { startAzurite } from './azurite';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env['TEST_TABLE_CONNECTION'] = azurite.tableConnectionString;
  process.env['TEST_BLOB_CONNECTION'] = azurite.blobConnectionString;
  (globalThis as { __AZURITE__?: typeof azurite }).__AZURITE__ = azurite;
}
