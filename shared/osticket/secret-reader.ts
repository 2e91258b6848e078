// Reads osTicket keys from Key Vault (@azure/keyvault-secrets, imported on first use). Values never reach logs.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { SecretClient } from '@azure/keyvault-secrets';
import { readSettings } from '../config/settings';

/** Returns the secret's value, or undefined when it does not exist. Other failures throw. */
export type SecretReader = (name: string) => Promise<string | undefined>;

export interface KeyVaultReaderOptions {
  vaultUrl: string;
  credential?: TokenCredential;
  /** Tests send the SDK's requests to a loopback fake through this. */
  httpClient?: HttpClient;
  /** Tests only: skip the check that the challenge's resource matches the vault's domain. */
  disableChallengeResourceVerification?: boolean;
}

export function createKeyVaultSecretReader(options: KeyVaultReaderOptions): SecretReader {
  let client: Promise<SecretClient> | undefined;
  const build = async (): Promise<SecretClient> => {
    const { SecretClient: Client } = await import('@azure/keyvault-secrets');
    const credential = options.credential ?? (await defaultCredential());
    return new Client(options.vaultUrl, credential, {
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      ...(options.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
      retryOptions: { maxRetries: 2 },
    });
  };
  return async (name) => {
    client ??= build().catch((err: unknown) => {
      client = undefined;
      throw err;
    });
    try {
      const secret = await (await client).getSecret(name);
      return secret.value;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  };
}

async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const clientId = readSettings('azure').AZURE_CLIENT_ID;
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}
