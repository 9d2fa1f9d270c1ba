import type { Request } from 'express';
import type { z } from 'zod';
import { ConsoleRequestError } from '../../../domain/console.errors';

/** Parses a body or parameters with a schema; the first issue tells the caller what to fix. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  throw new ConsoleRequestError(`${what}: ${where}${issue?.message ?? 'invalid'}`);
}

export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new ConsoleRequestError(`missing path parameter ${name}`);
  return value;
}
