// Function keys for the local host: `authLevel: 'function'` / 'admin' routes and /admin endpoints need the
// DEV_FUNCTION_KEY setting in `x-functions-key` or `?code=`. Keys are compared in constant time, never logged.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export type AuthResult = { ok: true } | { ok: false; message: string };

export function needsKey(authLevel: unknown): boolean {
  return typeof authLevel === 'string' && authLevel.toLowerCase() !== 'anonymous';
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkFunctionKey(req: IncomingMessage, url: URL, expected: string | undefined): AuthResult {
  if (!expected) return { ok: false, message: 'This endpoint needs a function key, and DEV_FUNCTION_KEY is not set' };
  const header = req.headers['x-functions-key'];
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('code') ?? undefined;
  if (given === undefined || given === '')
    return { ok: false, message: 'Missing function key (x-functions-key header or code query parameter)' };
  if (!same(given, expected)) return { ok: false, message: 'Invalid function key' };
  return { ok: true };
}
