import {
  rpcCatalog,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
  type RpcSubject,
} from '@dms/contracts';
import { RpcUnknownSubjectError, RpcValidationError, type RpcValidationSide } from './rpc.errors';

interface SchemaIssue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** One line a log reader or a console user understands: `text: expected string; delayMs: too big`. */
export function describeIssues(issues: ReadonlyArray<SchemaIssue>): string {
  if (issues.length === 0) return 'does not match the schema';
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ')
    .replace(/\s+/g, ' ');
}

export function rpcDefinition(subject: string): RpcDefinition {
  if (!Object.hasOwn(rpcCatalog, subject)) throw new RpcUnknownSubjectError(subject);
  return rpcCatalog[subject as RpcSubject];
}

function parse(subject: string, side: RpcValidationSide, value: unknown): unknown {
  const result = rpcDefinition(subject)[side].safeParse(value);
  if (!result.success) throw new RpcValidationError(subject, side, describeIssues(result.error.issues));
  return result.data;
}

/** Returns the parsed request (unknown keys stripped by the schema) or throws RpcValidationError. */
export function parseRpcRequest<S extends RpcSubject>(subject: S, value: unknown): RpcRequest<S> {
  return parse(subject, 'request', value) as RpcRequest<S>;
}

export function parseRpcResponse<S extends RpcSubject>(subject: S, value: unknown): RpcResponse<S> {
  return parse(subject, 'response', value) as RpcResponse<S>;
}
