import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

let cached: unknown;

/** openapi.yaml at the package root, parsed once. */
export function openApiDocument(): unknown {
  cached ??= parse(readFileSync(path.resolve(__dirname, '../../../openapi.yaml'), 'utf8')) as unknown;
  return cached;
}
