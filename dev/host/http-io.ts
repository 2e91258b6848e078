// Reading request bodies with a hard limit and writing JSON errors: the host's own HTTP plumbing.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_REQUEST_BYTES = 1024 * 1024;
/** After a 413, the rest of an oversized body is read and dropped up to this much, then the socket is closed. */
const DRAIN_LIMIT_BYTES = 16 * MAX_REQUEST_BYTES;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

export class BodyTooLargeError extends Error {}

/**
 * Reads the whole body, or rejects with BodyTooLargeError as soon as it passes `limit` (or Content-Length says
 * it will). The remainder is drained and discarded, never buffered, so the client can still read the 413.
 */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      let drained = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_LIMIT_BYTES) req.destroy();
      });
      req.resume();
      reject(new BodyTooLargeError(`Request body exceeds ${limit} bytes`));
    };
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        return tooLarge();
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.once('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; status: number; code: string; message: string };

/** Reads a JSON body: `undefined` when empty; 400/413 results instead of throwing. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonResult> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return { ok: false, status: 413, code: 'payload_too_large', message: err.message };
    throw err;
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return {
      ok: false,
      status: 400,
      code: 'validation_failed',
      message: `body: not valid JSON (${(err as Error).message})`,
    };
  }
}
