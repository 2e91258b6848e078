// Posts Adaptive Cards to a Power Automate Workflows webhook, with bounded retries on 429/412/5xx/network errors.
import type { AxiosInstance } from 'axios';
import { UpstreamError } from '../errors';
import { teamsPayload, type AdaptiveCard } from './adaptive-card';
import {
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  withRetries,
  type AttemptFailure,
  type RetryDeps,
  type RetryPolicy,
} from './retry-policy';

export interface TeamsWebhookOptions extends RetryDeps {
  /** Overrides the HTTP client (tests, proxies); built lazily otherwise. */
  axios?: AxiosInstance;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export interface TeamsWebhook {
  /** Resolves once the webhook accepted the card (2xx); throws UpstreamError (status, never the URL) otherwise. */
  post(url: string, card: AdaptiveCard): Promise<{ attempts: number }>;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN']);

class WebhookAttemptError extends UpstreamError {
  constructor(
    message: string,
    status: number | undefined,
    readonly retryAfter?: string,
    readonly network = false,
  ) {
    super(message, 'teams', status);
  }
}

function classify(err: unknown): AttemptFailure {
  if (!(err instanceof WebhookAttemptError)) return { retryable: false };
  if (err.network) return { retryable: true };
  const status = err.status ?? 0;
  return { retryable: isRetryableStatus(status), retryAfterMs: parseRetryAfter(err.retryAfter) };
}

export function createTeamsWebhook(options: TeamsWebhookOptions = {}): TeamsWebhook {
  let client: AxiosInstance | undefined = options.axios;
  const http = async (): Promise<AxiosInstance> => {
    if (!client) {
      const { default: axios } = await import('axios');
      client = axios.create();
    }
    return client;
  };
  return {
    async post(url, card) {
      const payload = teamsPayload(card);
      const ax = await http();
      let attempts = 0;
      await withRetries(
        async (attempt) => {
          attempts = attempt;
          let res;
          try {
            res = await ax.post(url, payload, {
              timeout: options.timeoutMs ?? 15_000,
              headers: { 'content-type': 'application/json' },
              validateStatus: () => true,
              maxRedirects: 0,
            });
          } catch (err) {
            const code = (err as { code?: string }).code ?? 'network error';
            throw new WebhookAttemptError(
              `Teams webhook unreachable (${code})`,
              undefined,
              undefined,
              NETWORK_CODES.has(code),
            );
          }
          if (res.status >= 200 && res.status < 300) return;
          const retryAfter = res.headers['retry-after'] as string | undefined;
          throw new WebhookAttemptError(`Teams webhook answered ${res.status}`, res.status, retryAfter);
        },
        classify,
        options.retry ?? defaultRetryPolicy,
        options,
      );
      return { attempts };
    },
  };
}
