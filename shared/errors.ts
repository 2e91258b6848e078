// Typed errors shared by every capability. HTTP triggers map them to statuses in shared/http/handler.ts;
// anything else is logged and rethrown so the platform retries or dead-letters.

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `agents[1].email` or the query parameter name. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input from a caller: HTTP 400, with every problem listed by field. */
export class ValidationError extends AppError {
  readonly fields: FieldProblem[];
  constructor(message: string, fields: FieldProblem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.fields = fields;
  }
}

/** A missing or invalid app setting. Names the variable and what was expected, never its value. */
export class ConfigError extends AppError {
  readonly variable: string;
  constructor(variable: string, expected: string, options?: { cause?: unknown }) {
    super(`Setting ${variable} ${expected}`, options);
    this.variable = variable;
  }
}

export class NotFoundError extends AppError {}

/** Optimistic-concurrency or uniqueness conflict: HTTP 409. */
export class ConflictError extends AppError {}

/** Missing or wrong credentials: HTTP 401. */
export class UnauthorizedError extends AppError {}

/** Authenticated but not allowed: HTTP 403. */
export class ForbiddenError extends AppError {}

/** Request body over the limit: HTTP 413. */
export class PayloadTooLargeError extends AppError {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
  }
}

/** An upstream dependency (osTicket, Log Analytics, a channel) failed: HTTP 502 when surfaced to a caller. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    readonly service: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An osTicket HTTP error, with the status and a short, key-free excerpt of the body. */
export class OsTicketError extends UpstreamError {
  constructor(
    message: string,
    status: number | undefined,
    readonly body: string = '',
    options?: { cause?: unknown },
  ) {
    super(message, 'osTicket', status, options);
  }
}

/** Normalises anything thrown into an Error (after azure-functions-nodejs-library's ensureErrorType). */
export function ensureErrorType(err: unknown): Error {
  if (err instanceof Error) return err;
  let message: string;
  if (err === undefined || err === null) message = 'Unknown error';
  else if (typeof err === 'string') message = err;
  else if (typeof err === 'object') {
    try {
      message = JSON.stringify(err);
    } catch {
      message = Object.prototype.toString.call(err);
    }
  } else message = String(err as string | number | boolean | bigint | symbol);
  return new Error(message);
}
