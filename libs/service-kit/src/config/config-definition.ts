import { ConfigDefinitionError } from '../errors/config.error';
import type { AnyConfigField, ConfigField } from './config-field';

export type ConfigDefinition = Readonly<Record<string, AnyConfigField>>;

/** The typed object a service gets from loadConfig. */
export type LoadedConfig<D extends ConfigDefinition> = {
  readonly [K in keyof D]: D[K] extends ConfigField<infer T> ? T : never;
};

/**
 * Declares a service's configuration. Checks at definition time that no two fields
 * read the same variable, so a copy-paste slip fails the first test, not production.
 */
export function defineConfig<D extends ConfigDefinition>(definition: D): D {
  const seen = new Map<string, string>();
  for (const [key, spec] of Object.entries(definition)) {
    const previous = seen.get(spec.env);
    if (previous !== undefined) {
      throw new ConfigDefinitionError(`config fields "${previous}" and "${key}" both read ${spec.env}`);
    }
    seen.set(spec.env, key);
  }
  return definition;
}
