import { UserError, type DmsErrorOptions } from './dms.error';

/** One bad or missing variable, as the operator must fix it. */
export interface ConfigIssue {
  readonly env: string;
  readonly problem: string;
}

/**
 * The environment does not hold a valid configuration. The message is one line naming
 * every bad variable, because an operator reads it in `kubectl logs` or a terminal and
 * must be able to fix all of them in one go.
 */
export class ConfigError extends UserError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: DmsErrorOptions = {}) {
    super('CONFIG_INVALID', issues.map((issue) => `${issue.env}: ${issue.problem}`).join('; '), options);
    this.issues = issues;
  }
}

/** The code declaring a configuration is wrong (two fields read the same variable). A bug, not an operator mistake. */
export class ConfigDefinitionError extends UserError {
  constructor(message: string) {
    super('CONFIG_DEFINITION_INVALID', message);
  }
}

/**
 * Recognises a ConfigError by class or by code: when a module is loaded twice (ESM and
 * CJS copies under tsx, two installed versions) `instanceof` fails on a genuine one.
 */
export function isConfigError(error: unknown): error is ConfigError {
  if (error instanceof ConfigError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; kind?: unknown };
  return candidate.code === 'CONFIG_INVALID' && candidate.kind === 'user';
}
