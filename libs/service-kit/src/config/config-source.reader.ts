import { readFileSync } from 'node:fs';
import type { AnyConfigField } from './config-field';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Where a raw value came from, so that messages name the variable the operator actually set. */
export type RawValue =
  | { readonly kind: 'unset' }
  | { readonly kind: 'value'; readonly raw: string; readonly from: string }
  | { readonly kind: 'unreadable'; readonly from: string; readonly problem: string };

/** Suffix of the variable naming a file that holds a secret (Docker and Kubernetes secrets). */
export const SECRET_FILE_SUFFIX = '_FILE';

/**
 * An empty variable counts as unset: compose files and Helm templates routinely pass
 * `FOO=` for "not configured", and treating that as an empty value would bypass defaults.
 */
function present(env: EnvSource, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readRawValue(spec: AnyConfigField, env: EnvSource): RawValue {
  const direct = present(env, spec.env);
  if (!spec.secret) {
    return direct === undefined ? { kind: 'unset' } : { kind: 'value', raw: direct, from: spec.env };
  }
  const fileVariable = spec.env + SECRET_FILE_SUFFIX;
  const path = present(env, fileVariable);
  if (direct !== undefined && path !== undefined) {
    // Two sources would make it ambiguous which secret is live; refuse rather than guess.
    return {
      kind: 'unreadable',
      from: spec.env,
      problem: `set either ${spec.env} or ${fileVariable}, not both`,
    };
  }
  if (path === undefined) {
    return direct === undefined ? { kind: 'unset' } : { kind: 'value', raw: direct, from: spec.env };
  }
  try {
    return { kind: 'value', raw: readFileSync(path, 'utf8').trim(), from: fileVariable };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      kind: 'unreadable',
      from: fileVariable,
      problem: `expected a readable file, cannot read ${JSON.stringify(path)} (${code})`,
    };
  }
}
