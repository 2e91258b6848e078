// Typed osTicket errors: every failure of the ops API or the official API becomes one of these, carrying the
// status and a short, key-free excerpt of the body (never request headers).
import { OsTicketError, type FieldProblem } from '../errors';
import { redact } from '../logging/redact';
import { errorEnvelope } from './contract';

export { OsTicketError } from '../errors';

/** 400/405/413, or the official API's `URL not supported`, `Syntax error…`, `No errors`. */
export class OsTicketRequestError extends OsTicketError {
  constructor(
    message: string,
    status: number,
    body: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message, status, body);
  }
}

export type AuthFailure = 'invalid_key' | 'inactive_key' | 'not_authorized' | 'forbidden';

/** 401: a missing or wrong key (or a disabled / unauthorised official key). */
export class OsTicketAuthError extends OsTicketError {
  constructor(
    message: string,
    status: number,
    body: string,
    readonly reason: AuthFailure,
  ) {
    super(message, status, body);
  }
}

/** 403: the key is valid but not allowed (read-only key on a write; ticket denied by the ban list). */
export class OsTicketForbiddenError extends OsTicketAuthError {
  constructor(message: string, body: string) {
    super(message, 403, body, 'forbidden');
  }
}

/** 422 from the ops API, or the official API's `Unable to create new ticket :<field>…`; lists every field. */
export class OsTicketValidationError extends OsTicketError {
  constructor(
    message: string,
    status: number,
    body: string,
    readonly fields: FieldProblem[],
  ) {
    super(message, status, body);
  }
}

export class OsTicketNotFoundError extends OsTicketError {}
export class OsTicketConflictError extends OsTicketError {}
/** A 500 that is not a validation error. */
export class OsTicketServerError extends OsTicketError {}

/** Network error, timeout, 429, 502-504 (after the retries for idempotent calls). */
export class OsTicketUnavailableError extends OsTicketError {
  constructor(
    message: string,
    status: number | undefined,
    body = '',
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, status, body, options);
  }
}

/** A response that does not match the contract; `field` is the dotted path of the first offending field. */
export class OsTicketContractError extends OsTicketError {
  constructor(
    message: string,
    readonly field: string,
    readonly operation: string,
    status?: number,
  ) {
    super(message, status, '');
  }
}

const EXCERPT = 300;

/** A short, redacted excerpt of a response body, safe for messages and logs. */
export function excerpt(body: string, secrets: readonly string[] = []): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const cut = flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
  return String(redact(cut, secrets));
}

/** Maps a non-2xx ops-API response to its typed error. */
export function opsError(
  operation: string,
  status: number,
  rawBody: string,
  secrets: readonly string[] = [],
  retryAfterMs?: number,
) {
  const body = excerpt(rawBody, secrets);
  let code = '';
  let message = body || `HTTP ${status}`;
  let fields: FieldProblem[] = [];
  try {
    const parsed = errorEnvelope.safeParse(JSON.parse(rawBody));
    if (parsed.success) {
      code = parsed.data.error.code;
      message = excerpt(parsed.data.error.message, secrets);
      fields = parsed.data.error.fields.map((f) => ({ field: f.field, message: excerpt(f.message, secrets) }));
    }
  } catch {
    // not JSON: keep the excerpt
  }
  const text = `osTicket ${operation} failed (${status}${code ? ` ${code}` : ''}): ${message}${
    fields.length ? ` [${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}]` : ''
  }`;
  switch (status) {
    case 400:
    case 405:
    case 413:
      return new OsTicketRequestError(text, status, body, fields);
    case 401:
      return new OsTicketAuthError(text, status, body, 'invalid_key');
    case 403:
      return new OsTicketForbiddenError(text, body);
    case 404:
      return new OsTicketNotFoundError(text, status, body);
    case 409:
      return new OsTicketConflictError(text, status, body);
    case 422:
      return new OsTicketValidationError(text, status, body, fields);
    case 429:
    case 502:
    case 503:
    case 504:
      return new OsTicketUnavailableError(text, status, body, retryAfterMs);
    default:
      return status >= 500 ? new OsTicketServerError(text, status, body) : new OsTicketError(text, status, body);
  }
}
