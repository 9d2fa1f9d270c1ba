import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/config.error';
import type { AnyConfigField } from './config-field';
import type { ConfigDefinition, LoadedConfig } from './config-definition';
import { readRawValue, SECRET_FILE_SUFFIX, type EnvSource } from './config-source.reader';

const MAX_SHOWN_VALUE = 60;

/**
 * Reads and validates every field of `definition` from `env`. All problems are gathered
 * before throwing, so the operator fixes them in one round, not one per restart.
 * Services pass `process.env`; libraries never call this.
 */
export function loadConfig<D extends ConfigDefinition>(definition: D, env: EnvSource): LoadedConfig<D> {
  const issues: ConfigIssue[] = [];
  const loaded: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(definition)) {
    const source = readRawValue(spec, env);
    if (source.kind === 'unreadable') {
      issues.push({ env: source.from, problem: source.problem });
    } else if (source.kind === 'unset') {
      if (spec.hasDefault || spec.optional) loaded[key] = spec.default;
      else issues.push({ env: spec.env, problem: missingProblem(spec) });
    } else {
      const result = spec.schema.safeParse(source.raw);
      if (result.success) loaded[key] = result.data;
      else issues.push({ env: source.from, problem: invalidProblem(spec, source.raw, result.error) });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return loaded as LoadedConfig<D>;
}

function missingProblem(spec: AnyConfigField): string {
  const expected = spec.expected === undefined ? 'a value' : spec.expected;
  return spec.secret
    ? `expected ${expected} in ${spec.env} or a file path in ${spec.env}${SECRET_FILE_SUFFIX}, but neither is set`
    : `expected ${expected}, but it is not set`;
}

function invalidProblem(spec: AnyConfigField, raw: string, error: z.ZodError): string {
  const expected = spec.expected === undefined ? zodExpectation(error) : `expected ${spec.expected}`;
  // A secret that fails validation is still a secret; say so without echoing it.
  const got = spec.secret ? 'got a value that is not shown (secret)' : `got ${shown(raw)}`;
  return `${expected}, ${got}`;
}

/** Zod says "Invalid input: expected number, received NaN"; keep the "expected ..." part. */
function zodExpectation(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? 'a valid value';
  const withoutCategory = message.replace(/^[A-Z][A-Za-z ]*: /, '').replace(/, received .*$/, '');
  const oneLine = withoutCategory.replace(/\s+/g, ' ');
  return oneLine.startsWith('expected') ? oneLine : `expected ${oneLine}`;
}

function shown(raw: string): string {
  const cut = raw.length > MAX_SHOWN_VALUE ? `${raw.slice(0, MAX_SHOWN_VALUE)}...` : raw;
  // JSON quoting escapes newlines, keeping the whole error on one line.
  return JSON.stringify(cut);
}

/** The values of secret fields, for the logger to scrub wherever they appear. */
export function secretValues<D extends ConfigDefinition>(definition: D, loaded: LoadedConfig<D>): string[] {
  const values: string[] = [];
  for (const [key, spec] of Object.entries(definition)) {
    const value = (loaded as Record<string, unknown>)[key];
    if (spec.secret && value !== undefined && value !== null) values.push(String(value));
  }
  return values;
}
