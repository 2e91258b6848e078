// JSON response helpers: every body the app returns is JSON unless a format is negotiated.
import type { HttpResponseInit } from '@azure/functions';
import type { FieldProblem } from '../errors';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

export function errorBody(code: string, message: string, fields?: FieldProblem[]) {
  return { error: { code, message, ...(fields && fields.length ? { fields } : {}) } };
}

export function errorResponse(status: number, code: string, message: string, fields?: FieldProblem[]) {
  return json(status, errorBody(code, message, fields));
}

export function text(status: number, body: string, contentType: string): HttpResponseInit {
  return { status, body, headers: { 'content-type': contentType } };
}
