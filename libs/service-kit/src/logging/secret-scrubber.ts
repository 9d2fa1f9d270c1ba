/** What a secret value is replaced with in a log line. */
export const REDACTED = '[Redacted]';

/**
 * Secrets shorter than this are not scrubbed by value: replacing "42" in every log line
 * would destroy the log while protecting nothing a brute force would not find.
 */
export const MIN_SCRUBBED_LENGTH = 4;

function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, secrets)]));
  }
  return value;
}

/**
 * Removes known secret values (the loaded config's secret fields) from a serialized log
 * line, whatever key or message they hide in. The cheap `includes` test runs on every
 * line; only a line that holds a secret is parsed, scrubbed in its strings and
 * re-serialized, so numbers that happen to contain the digits are left intact.
 */
export function createSecretScrubber(values: readonly string[]): (line: string) => string {
  const secrets = [...new Set(values.filter((value) => value.length >= MIN_SCRUBBED_LENGTH))]
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (line) => line;
  const encoded = secrets.map((secret) => JSON.stringify(secret).slice(1, -1));
  return (line) => {
    if (!encoded.some((needle) => line.includes(needle))) return line;
    try {
      const trailing = line.endsWith('\n') ? '\n' : '';
      return JSON.stringify(scrubValue(JSON.parse(line), secrets)) + trailing;
    } catch {
      // Not JSON (a foreign writer on the stream): plain replacement is still safer than a leak.
      return encoded.reduce((text, needle) => text.split(needle).join(REDACTED), line);
    }
  };
}
