import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/** Bad input the CLI found itself (unreadable file, wrong input kind): exit code 1. */
export class CliInputError extends UserError {
  constructor(message: string, options: DmsErrorOptions = {}) {
    super('SYNCML_CLI_BAD_INPUT', message, options);
  }
}

/** Wrong arguments: exit code 2 with the usage text. */
export class CliUsageError extends UserError {
  constructor(message: string) {
    super('SYNCML_CLI_USAGE', message);
  }
}
