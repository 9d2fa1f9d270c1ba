import { STATUS_CODES } from 'node:http';
import { HttpError, isDmsError, OperationalError, UserError } from '../errors/dms.error';
import { isSecretKey } from '../logging/secret-keys';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 7807 problem details, with the project's error `code` as an extension member. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  retriable: boolean;
  details?: Record<string, unknown>;
}

/** Errors from express's own parsers (body-parser, http-errors) mark client mistakes this way. */
interface ExposedHttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
}

export function problemStatus(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof UserError) return 400;
  if (error instanceof OperationalError) return error.retriable ? 503 : 500;
  const exposed = exposedClientError(error);
  return exposed === undefined ? 500 : exposed.status;
}

function exposedClientError(error: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as ExposedHttpError;
  const status = candidate.status ?? candidate.statusCode;
  if (candidate.expose !== true || status === undefined || status < 400 || status > 499) return undefined;
  const code = (candidate.type ?? STATUS_CODES[status] ?? 'bad request')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
  return { status, code, message: candidate.message ?? STATUS_CODES[status] ?? 'Bad Request' };
}

/** Details travel to the caller, out of the logger's reach, so secret-bearing keys are dropped at every depth. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !isSecretKey(key))
      .map(([key, item]) => [key, withoutSecrets(item)]),
  );
}

/**
 * Maps any thrown value to a problem. Only client errors (4xx) say what went wrong; a
 * server error shows its code and nothing else, because its message may name hosts,
 * queries or values the caller must not see. Stacks never leave the process.
 */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  const status = problemStatus(error);
  const base = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(instance ? { instance } : {}),
  };
  if (isDmsError(error)) {
    const problem: ProblemDetails = {
      ...base,
      type: `urn:dms:problem:${error.code}`,
      code: error.code,
      retriable: error.retriable,
    };
    if (status < 500) {
      problem.detail = error.message;
      if (error.details !== undefined)
        problem.details = withoutSecrets(error.details) as Record<string, unknown>;
    }
    return problem;
  }
  const exposed = exposedClientError(error);
  if (exposed !== undefined)
    return { ...base, code: exposed.code, retriable: false, detail: exposed.message };
  return { ...base, code: 'INTERNAL', retriable: false };
}
