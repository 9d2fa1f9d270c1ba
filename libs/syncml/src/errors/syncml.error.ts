import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/**
 * Every way bytes from a handset can be wrong. Decoders throw only SyncmlDecodeError
 * (never a bare Error, never a RangeError from a Buffer read): callers answer with a
 * protocol-correct status and keep running.
 */
export const SyncmlErrorCodes = {
  /** Not well-formed XML, or a WBXML token stream that does not parse. */
  malformed: 'SYNCML_MALFORMED',
  /** Input ends in the middle of a token, string or element. */
  truncated: 'SYNCML_TRUNCATED',
  /** Document, string, opaque or nesting larger than the configured limits. */
  tooLarge: 'SYNCML_TOO_LARGE',
  /** DOCTYPE with an internal subset / entity declarations (entity expansion is never done). */
  forbiddenDoctype: 'SYNCML_FORBIDDEN_DOCTYPE',
  /** Well-formed, but not a SyncML message we can map (unknown root, missing SyncHdr, bad code). */
  invalidMessage: 'SYNCML_INVALID_MESSAGE',
  /** WBXML public id / code page / token we have no table for. */
  unsupported: 'SYNCML_UNSUPPORTED',
  /** A Package 0 / WAP Push that does not parse or whose digest is wrong. */
  invalidNotification: 'SYNCML_INVALID_NOTIFICATION',
} as const;

export type SyncmlErrorCode = (typeof SyncmlErrorCodes)[keyof typeof SyncmlErrorCodes];

export interface SyncmlErrorPosition {
  /** Byte offset into the input (WBXML, Package 0). */
  offset?: number;
  /** 1-based line and column (XML). */
  line?: number;
  column?: number;
}

export class SyncmlDecodeError extends UserError {
  readonly position: SyncmlErrorPosition;
  constructor(code: SyncmlErrorCode, message: string, position: SyncmlErrorPosition = {}, options: DmsErrorOptions = {}) {
    super(code, message, { ...options, details: { ...position } });
    this.position = position;
  }

  /** `what, at byte N` / `what, at line L column C`: the one line the CLI prints. */
  describe(): string {
    const { offset, line, column } = this.position;
    if (line !== undefined) return `${this.message} (line ${line}${column !== undefined ? `, column ${column}` : ''})`;
    if (offset !== undefined) return `${this.message} (byte ${offset})`;
    return this.message;
  }
}

/** A message the encoder cannot produce (e.g. a single command larger than MaxMsgSize allows). */
export class SyncmlEncodeError extends UserError {
  constructor(code: 'SYNCML_CANNOT_ENCODE' | 'SYNCML_TOO_LARGE', message: string, options: DmsErrorOptions = {}) {
    super(code, message, options);
  }
}
