import { Registry } from 'prom-client';

/**
 * The one /metrics of the embedded process: the process registry (default process metrics,
 * HTTP durations) followed by each service's registry, each rendered with its own
 * `service` label. prom-client's Registry.merge would drop those labels; plain
 * concatenation is valid exposition text as long as no metric name repeats, which
 * the services guarantee by their prefixes (dms_hlr_*, dms_st_*, ...).
 */
export class CompositeRegistry extends Registry {
  constructor(private readonly parts: readonly Registry[]) {
    super();
  }

  override async metrics(): Promise<string> {
    const texts = await Promise.all(this.parts.map((part) => part.metrics()));
    return texts
      .filter((text) => text.trim() !== '')
      .map((text) => (text.endsWith('\n') ? text : `${text}\n`))
      .join('');
  }
}
