// The factory of the osTicket client: ops API + official API over one axios transport.
import type { AxiosInstance } from 'axios';
import { ConfigError } from '../errors';
import type { Logger } from '../logging/logger';
import { redactingLogger } from '../logging/logger';
import type { OfficialTicketCreate } from './contract';
import { createOfficialApi, type OfficialApi } from './official-api';
import { OpsClient } from './ops-client';
import { createTransport, type ApiStyle, type RetryPolicy, type Transport } from './transport';

export interface OsTicketClientOptions {
  /** Root URL of the help desk, e.g. `https://help.example.com` (without `/api`). */
  baseUrl: string;
  opsKey: string;
  /** Official API key; only needed for createTicket. */
  apiKey?: string;
  apiStyle: ApiStyle;
  timeoutMs: number;
  logger: Logger;
  axios?: AxiosInstance;
  retry?: Partial<RetryPolicy>;
  /** Send PATCH as POST `?_method=PATCH`; default true for `http.php` (IIS). */
  methodOverride?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

export class OsTicketClient extends OpsClient implements OfficialApi {
  constructor(
    transport: Transport,
    opsKey: string,
    secrets: readonly string[],
    private readonly official: OfficialApi,
    readonly baseUrl: string,
  ) {
    super(transport, opsKey, secrets);
  }

  /** Creates a ticket through the official API (never retried); returns the ticket number. */
  createTicket(input: OfficialTicketCreate): Promise<string> {
    return this.official.createTicket(input);
  }
}

export function createOsTicketClient(options: OsTicketClientOptions): OsTicketClient {
  if (!/^https?:\/\/[^\s]+$/i.test(options.baseUrl) || !URL.canParse(options.baseUrl))
    throw new ConfigError('OSTICKET_URL', 'must be an http(s) URL');
  if (!options.opsKey) throw new ConfigError('OSTICKET_OPS_KEY', 'is required: the ops extension key');
  const secrets = [options.opsKey, options.apiKey].filter((s): s is string => !!s);
  const logger = redactingLogger(options.logger, secrets);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    apiStyle: options.apiStyle,
    timeoutMs: options.timeoutMs,
    logger,
    secrets,
    axios: options.axios,
    retry: options.retry,
    methodOverride: options.methodOverride,
    sleep: options.sleep,
  });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return new OsTicketClient(
    transport,
    options.opsKey,
    secrets,
    createOfficialApi(transport, options.apiKey, secrets),
    baseUrl,
  );
}
