// Turns zod issues into field problems with readable paths such as `agents[1].email`.
import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { field: prefix && path ? `${prefix}.${path}` : prefix || path || '(root)', message: issue.message };
  });
}

/** Parses with a schema or throws ValidationError listing every problem by field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = zodProblems(result.error, prefix);
  throw new ValidationError(`Invalid ${what}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
}
