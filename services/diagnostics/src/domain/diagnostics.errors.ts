import { HttpError, UserError } from '@dms/service-kit';

/** A request body, path or query value the caller has to fix (400 problem+json). */
export class InvalidDiagnosticsRequestError extends UserError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('DIAGNOSTICS_INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

export class ReportNotFoundError extends HttpError {
  constructor(reportId: string) {
    super(404, 'REPORT_NOT_FOUND', `no diagnostic report ${reportId}`, { details: { reportId } });
  }
}

/** A run by MSISDN for a subscriber subscriber-terminal does not know, or who has no handset. */
export class HandsetNotFoundError extends HttpError {
  constructor(msisdn: string) {
    super(404, 'HANDSET_NOT_FOUND', `no handset known for subscriber ${msisdn}`, { details: { msisdn } });
  }
}

/** subscriber-terminal did not answer a lookup the request cannot do without (retriable 503). */
export class DirectoryUnavailableError extends HttpError {
  constructor(what: string) {
    super(503, 'DIRECTORY_UNAVAILABLE', `${what} is not answering`, { retriable: true });
  }
}
