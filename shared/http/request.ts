// Reading HTTP request bodies and query strings safely: size limit, JSON syntax and schema errors as 4xx.
import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { PayloadTooLargeError, ValidationError } from '../errors';
import { parseOrThrow } from './validation';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as text, refusing more than `maxBytes` (413) whatever Content-Length claims. */
export async function readText(req: HttpRequest, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const buf = Buffer.from(await req.arrayBuffer());
  if (buf.byteLength > maxBytes) throw new PayloadTooLargeError(maxBytes);
  return buf.toString('utf8');
}

/** Parses a JSON body (400 when it is not JSON) and validates it with `schema`. An empty body is `undefined`. */
export async function readJson<T>(req: HttpRequest, schema: z.ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<T> {
  const raw = await readText(req, maxBytes);
  let value: unknown = undefined;
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new ValidationError('Request body is not valid JSON', [{ field: 'body', message: (err as Error).message }]);
    }
  }
  return parseOrThrow(schema, value, 'request body', 'body');
}

/** Validates the query string (as a plain object of the first value per name) with `schema`. */
export function readQuery<T>(req: HttpRequest, schema: z.ZodType<T>): T {
  const query: Record<string, string> = {};
  for (const [k, v] of req.query.entries()) if (!(k in query)) query[k] = v;
  delete query['code'];
  return parseOrThrow(schema, query, 'query');
}
