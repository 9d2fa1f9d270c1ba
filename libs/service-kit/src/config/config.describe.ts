import type { ConfigDefinition } from './config-definition';
import { SECRET_FILE_SUFFIX } from './config-source.reader';

/** One documented variable, for `--help` and the README. */
export interface ConfigRow {
  readonly key: string;
  readonly env: string;
  /** For secrets: the variable naming a file that holds the value instead. */
  readonly fileEnv: string | undefined;
  /** Printable default; undefined when there is none. Never set for secrets. */
  readonly default: string | undefined;
  readonly required: boolean;
  readonly secret: boolean;
  readonly doc: string;
  readonly expected: string | undefined;
}

export function describeConfig(definition: ConfigDefinition): ConfigRow[] {
  return Object.entries(definition).map(([key, spec]) => ({
    key,
    env: spec.env,
    fileEnv: spec.secret ? spec.env + SECRET_FILE_SUFFIX : undefined,
    default:
      spec.secret || !spec.hasDefault || spec.default === undefined ? undefined : printable(spec.default),
    required: !spec.hasDefault && !spec.optional,
    secret: spec.secret,
    doc: spec.doc,
    expected: spec.expected,
  }));
}

function printable(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** A plain-text table of every variable, for a service's `--help`. */
export function formatConfigHelp(definition: ConfigDefinition): string {
  return describeConfig(definition)
    .map((row) => {
      const flags = [row.required ? 'required' : undefined, row.secret ? 'secret' : undefined].filter(
        Boolean,
      );
      const suffix = row.default === undefined ? '' : ` (default: ${row.default})`;
      const tag = flags.length > 0 ? ` [${flags.join(', ')}]` : '';
      const names = row.fileEnv === undefined ? row.env : `${row.env} | ${row.fileEnv}`;
      return `  ${names}${tag}\n      ${row.doc}${suffix}`;
    })
    .join('\n');
}
