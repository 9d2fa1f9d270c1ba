import { HttpError, UserError } from '@dms/service-kit';

export class SubscriberNotFoundError extends HttpError {
  constructor(msisdn: string) {
    super(404, 'SUBSCRIBER_NOT_FOUND', `no subscriber ${msisdn}`, { details: { msisdn } });
  }
}

export class TerminalNotFoundError extends HttpError {
  constructor(imei: string) {
    super(404, 'TERMINAL_NOT_FOUND', `no terminal ${imei}`, { details: { imei } });
  }
}

export class CatalogEntryNotFoundError extends HttpError {
  constructor(tac: string) {
    super(404, 'CATALOG_ENTRY_NOT_FOUND', `no catalog entry for TAC ${tac}`, { details: { tac } });
  }
}

/** A query parameter, attribute patch or identifier the caller has to fix. */
export class InvalidRequestError extends UserError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('SUBSCRIBER_TERMINAL_INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

/** The CSV of a catalog import cannot be read; `line` is 1-based. */
export class CatalogCsvError extends UserError {
  constructor(message: string, line: number) {
    super('CATALOG_CSV_INVALID', `line ${line}: ${message}`, { details: { line } });
  }
}

/** Configuration that is valid field by field but not as a whole. */
export class SubscriberTerminalSetupError extends UserError {
  constructor(message: string) {
    super('SUBSCRIBER_TERMINAL_SETUP', message);
  }
}
