// Jest global teardown: stops the Azurite started in global-setup.
import type { AzuriteHandle } from './azurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __AZURITE__?: AzuriteHandle }).__AZURITE__?.stop();
}
