import { OperationalError, UserError, type DmsErrorOptions } from '@dms/service-kit';

/**
 * The errors an RPC caller branches on (rpc.port.ts). Both adapters raise exactly
 * these, so code written against the in-process RPC behaves the same over NATS.
 */

/** No answer within the call's timeout. The handler may still run; retry only idempotent calls. */
export class RpcTimeoutError extends OperationalError {
  constructor(subject: string, timeoutMs: number, options: DmsErrorOptions = {}) {
    super('RPC_TIMEOUT', `no answer on ${subject} within ${timeoutMs} ms`, {
      ...options,
      details: { subject, timeoutMs },
    });
  }
}

/** Nobody serves the subject right now (NATS answers 503 at once). A responder may come back. */
export class RpcNoResponderError extends OperationalError {
  constructor(subject: string, options: DmsErrorOptions = {}) {
    super('RPC_NO_RESPONDERS', `no responder for ${subject}`, { ...options, details: { subject } });
  }
}

/**
 * The remote handler failed. `code` and `retriable` are the remote error's own,
 * so a caller branches on them exactly as if the handler ran in its process.
 */
export class RpcRemoteError extends OperationalError {
  readonly subject: string;
  constructor(subject: string, remote: { code: string; message: string; retriable: boolean }) {
    super(remote.code, remote.message, { retriable: remote.retriable, details: { subject } });
    this.subject = subject;
  }
}

export type RpcValidationSide = 'request' | 'response';

/** A request or a response did not match the subject's schema in @dms/contracts. */
export class RpcValidationError extends UserError {
  readonly subject: string;
  readonly side: RpcValidationSide;
  /** The schema issues in one line, without the subject (what travels back to a remote caller). */
  readonly reason: string;
  constructor(subject: string, side: RpcValidationSide, reason: string, options: DmsErrorOptions = {}) {
    super('RPC_INVALID', `invalid ${side} on ${subject}: ${reason}`, {
      ...options,
      details: { subject, side, reason },
    });
    this.subject = subject;
    this.side = side;
    this.reason = reason;
  }
}

/** The subject is not in the RPC catalog (an untyped caller or a stale deployment). */
export class RpcUnknownSubjectError extends UserError {
  constructor(subject: string) {
    super('RPC_UNKNOWN_SUBJECT', `${subject} is not in the RPC catalog`, { details: { subject } });
  }
}

/** This RPC endpoint was closed; the call was not sent. Another instance may take it. */
export class RpcClosedError extends OperationalError {
  constructor(operation: string) {
    super('RPC_CLOSED', `RPC endpoint is closed (${operation})`, {
      retriable: false,
      details: { operation },
    });
  }
}

/** The transport failed in a way that is neither a timeout nor a missing responder. */
export class RpcTransportError extends OperationalError {
  constructor(subject: string, reason: string, options: DmsErrorOptions = {}) {
    super('RPC_TRANSPORT', `transport failure on ${subject}: ${reason}`, {
      ...options,
      details: { subject, reason },
    });
  }
}
