// E-mail through Azure Communication Services Email or SMTP (nodemailer); EMAIL_PROVIDER picks one.
// Both SDKs are imported lazily, on the first send.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { EmailClient } from '@azure/communication-email';
import type { Transporter } from 'nodemailer';
import { ConfigError, UpstreamError } from '../errors';
import { requireSetting } from '../config/settings';
import type { Settings } from '../config/schema';
import type { EmailContent } from './email-message';
import { defaultRetryPolicy, withRetries, type AttemptFailure, type RetryDeps, type RetryPolicy } from './retry-policy';

export interface EmailSender {
  readonly provider: 'acs' | 'smtp';
  /** Resolves once the provider accepted the message; throws UpstreamError otherwise. */
  send(to: readonly string[], content: EmailContent): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpOptions extends RetryDeps {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Loopback tests accept self-signed certificates and skip STARTTLS. */
  insecure?: boolean;
  retry?: RetryPolicy;
}

/** SMTP 4xx replies and connection drops are transient; 5xx replies (bad recipient, auth) are not. */
function classifySmtp(err: unknown): AttemptFailure {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return { retryable: e.responseCode >= 400 && e.responseCode < 500 };
  return { retryable: ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET'].includes(e.code ?? '') };
}

export function createSmtpSender(options: SmtpOptions): EmailSender {
  let transporter: Transporter | undefined;
  const transport = async () => {
    if (!transporter) {
      const nodemailer = await import('nodemailer');
      transporter = nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
        ...(options.insecure ? { ignoreTLS: true, tls: { rejectUnauthorized: false } } : {}),
        connectionTimeout: 15_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
    }
    return transporter;
  };
  return {
    provider: 'smtp',
    async send(to, content) {
      const t = await transport();
      try {
        await withRetries(
          () =>
            t.sendMail({
              from: options.from,
              to: [...to],
              subject: content.subject,
              text: content.text,
              html: content.html,
            }),
          classifySmtp,
          options.retry ?? defaultRetryPolicy,
          options,
        );
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        throw new UpstreamError(
          `SMTP send failed${e.responseCode ? ` (${e.responseCode})` : ''}`,
          'smtp',
          e.responseCode,
          {
            cause: err,
          },
        );
      }
    },
    close() {
      transporter?.close();
      transporter = undefined;
      return Promise.resolve();
    },
  };
}

export interface AcsOptions {
  /** `endpoint=https://…;accesskey=…` (HMAC-signed); or use `endpoint` with a credential (managed identity). */
  connectionString?: string;
  endpoint?: string;
  credential?: TokenCredential;
  from: string;
  httpClient?: HttpClient;
  allowInsecureConnection?: boolean;
  pollIntervalMs?: number;
}

/** ACS Email: the SDK's own retry policy handles 429/5xx with Retry-After; we wait for the send operation. */
export function createAcsSender(options: AcsOptions): EmailSender {
  let client: EmailClient | undefined;
  const getClient = async () => {
    if (client) return client;
    const { EmailClient: Client } = await import('@azure/communication-email');
    const clientOptions = {
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      ...(options.allowInsecureConnection ? { allowInsecureConnection: true } : {}),
    };
    if (options.connectionString) client = new Client(options.connectionString, clientOptions);
    else if (options.endpoint) {
      const credential = options.credential ?? (await managedIdentity());
      client = new Client(options.endpoint, credential, clientOptions);
    } else throw new ConfigError('ACS_EMAIL_ENDPOINT', 'is required: an ACS endpoint or ACS_EMAIL_CONNECTION_STRING');
    return client;
  };
  return {
    provider: 'acs',
    async send(to, content) {
      const c = await getClient();
      try {
        const poller = await c.beginSend(
          {
            senderAddress: options.from,
            content: { subject: content.subject, plainText: content.text, html: content.html },
            recipients: { to: to.map((address) => ({ address })) },
          },
          { updateIntervalInMs: options.pollIntervalMs ?? 2000 },
        );
        const result = await poller.pollUntilDone();
        if (result.status !== 'Succeeded') throw new Error(`operation ${result.status}`);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        const reason = status ? `HTTP ${status}` : err instanceof Error ? err.message : 'error';
        throw new UpstreamError(`ACS e-mail send failed (${reason})`, 'acs-email', status, { cause: err });
      }
    },
    close: () => Promise.resolve(),
  };
}

async function managedIdentity(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

export interface EmailSenderOverrides {
  credential?: TokenCredential;
  httpClient?: HttpClient;
  smtpInsecure?: boolean;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** Builds the configured sender, or undefined when EMAIL_PROVIDER is `none`. Missing settings name themselves. */
export function emailSenderFromSettings(
  s: Settings<'email'>,
  overrides: EmailSenderOverrides = {},
): EmailSender | undefined {
  if (s.EMAIL_PROVIDER === 'none') return undefined;
  const from = requireSetting(s.EMAIL_FROM, 'EMAIL_FROM', 'the sender address for SLA e-mail');
  if (s.EMAIL_PROVIDER === 'smtp') {
    return createSmtpSender({
      host: requireSetting(s.SMTP_HOST, 'SMTP_HOST', 'the SMTP relay host when EMAIL_PROVIDER=smtp'),
      port: s.SMTP_PORT,
      secure: s.SMTP_SECURE,
      user: s.SMTP_USER,
      password: s.SMTP_PASSWORD,
      from,
      insecure: overrides.smtpInsecure,
      retry: overrides.retry,
      sleep: overrides.sleep,
    });
  }
  if (!s.ACS_EMAIL_CONNECTION_STRING && !s.ACS_EMAIL_ENDPOINT)
    throw new ConfigError('ACS_EMAIL_ENDPOINT', 'is required when EMAIL_PROVIDER=acs (or ACS_EMAIL_CONNECTION_STRING)');
  return createAcsSender({
    connectionString: s.ACS_EMAIL_CONNECTION_STRING,
    endpoint: s.ACS_EMAIL_ENDPOINT,
    credential: overrides.credential,
    httpClient: overrides.httpClient,
    from,
  });
}

/** EMAIL_TO and policy recipients: comma/semicolon separated addresses, validated loosely. */
export function parseRecipients(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter((v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v));
}
