import { z } from 'zod';

/**
 * One configuration variable: where it comes from, what it must look like, what it
 * defaults to and one line of documentation (STYLE.md 7). `T` is the parsed type the
 * service sees; `undefined` is part of it only for optional fields without a default.
 */
export interface ConfigField<T> {
  readonly env: string;
  readonly schema: z.ZodType<T>;
  readonly doc: string;
  /** Human wording of a valid value, used in error messages ("host:port[,host:port...]"). */
  readonly expected: string | undefined;
  readonly hasDefault: boolean;
  readonly default: T | undefined;
  /** Missing is fine: the service sees `undefined`. */
  readonly optional: boolean;
  /** Value never printed by describeConfig, error messages or the logger; also read from `<env>_FILE`. */
  readonly secret: boolean;
}

export type AnyConfigField = ConfigField<unknown>;

interface FieldSpecBase<S extends z.ZodType> {
  env: string;
  schema: S;
  doc: string;
  expected?: string;
}

export function field<S extends z.ZodType>(
  spec: FieldSpecBase<S> & { default: z.output<S> },
): ConfigField<z.output<S>>;
export function field<S extends z.ZodType>(
  spec: FieldSpecBase<S> & { optional: true },
): ConfigField<z.output<S> | undefined>;
export function field<S extends z.ZodType>(spec: FieldSpecBase<S>): ConfigField<z.output<S>>;
export function field<S extends z.ZodType>(
  spec: FieldSpecBase<S> & { default?: z.output<S>; optional?: boolean },
): ConfigField<unknown> {
  return {
    env: spec.env,
    schema: spec.schema,
    doc: spec.doc,
    expected: spec.expected,
    hasDefault: 'default' in spec,
    default: spec.default,
    optional: spec.optional === true,
    secret: false,
  };
}

interface SecretSpecBase<S extends z.ZodType> {
  env: string;
  doc: string;
  /** Defaults to a non-empty string. */
  schema?: S;
  expected?: string;
}

const nonEmpty = z.string().min(1);

/**
 * A secret (password, token, key). Accepted from `<env>` or, for Docker/Kubernetes
 * secrets mounted as files, from the file named by `<env>_FILE` (contents trimmed).
 * Secrets have no default on purpose: a default secret is a published secret.
 */
export function secret<S extends z.ZodType = typeof nonEmpty>(
  spec: SecretSpecBase<S> & { optional: true },
): ConfigField<z.output<S> | undefined>;
export function secret<S extends z.ZodType = typeof nonEmpty>(
  spec: SecretSpecBase<S>,
): ConfigField<z.output<S>>;
export function secret<S extends z.ZodType>(
  spec: SecretSpecBase<S> & { optional?: boolean },
): ConfigField<unknown> {
  return {
    env: spec.env,
    schema: spec.schema ?? nonEmpty,
    doc: spec.doc,
    expected: spec.expected ?? (spec.schema === undefined ? 'a non-empty value' : undefined),
    hasDefault: false,
    default: undefined,
    optional: spec.optional === true,
    secret: true,
  };
}
