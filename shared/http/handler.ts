// The one mapping from typed errors to HTTP responses, shared by every HTTP trigger.
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  ConfigError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UpstreamError,
  ValidationError,
  ensureErrorType,
} from '../errors';
import { redact } from '../logging/redact';
import { errorResponse } from './responses';

/** Maps a known error to a response, or returns undefined for errors the platform should see. */
export function errorToResponse(err: unknown): HttpResponseInit | undefined {
  if (err instanceof ValidationError) return errorResponse(400, 'validation_failed', err.message, err.fields);
  if (err instanceof UnauthorizedError) return errorResponse(401, 'unauthorized', err.message);
  if (err instanceof ForbiddenError) return errorResponse(403, 'forbidden', err.message);
  if (err instanceof NotFoundError) return errorResponse(404, 'not_found', err.message);
  if (err instanceof ConflictError) return errorResponse(409, 'conflict', err.message);
  if (err instanceof PayloadTooLargeError) return errorResponse(413, 'payload_too_large', err.message);
  if (err instanceof ConfigError) return errorResponse(503, 'not_configured', err.message);
  if (err instanceof UpstreamError)
    return errorResponse(502, 'upstream_failed', String(redact(`${err.service}: ${err.message}`)));
  return undefined;
}

/**
 * Wraps an HTTP handler: typed errors become 4xx/5xx JSON; anything else is logged (redacted) through the
 * invocation context and rethrown, so the host records a failed invocation and answers 500.
 */
export function httpHandler(
  fn: (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (req, context) => {
    try {
      return await fn(req, context);
    } catch (err) {
      const mapped = errorToResponse(err);
      if (mapped) {
        if ((mapped.status ?? 500) >= 500)
          context.warn(`${context.functionName}: ${String(redact(ensureErrorType(err)))}`);
        return mapped;
      }
      context.error(`${context.functionName} failed: ${String(redact(ensureErrorType(err)))}`);
      throw err;
    }
  };
}
