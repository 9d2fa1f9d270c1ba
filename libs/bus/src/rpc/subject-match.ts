/**
 * NATS subject matching (NATS docs, "Subject-based messaging"): tokens split on
 * '.', '*' matches exactly one token, '>' as the last token matches one or more.
 * The in-process RPC uses it for signals so a console feed subscribed to
 * `feed.device.*` behaves the same embedded and over NATS.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const actual = subject.split('.');
  for (let i = 0; i < wanted.length; i += 1) {
    const token = wanted[i];
    if (token === '>' && i === wanted.length - 1) return actual.length > i;
    if (i >= actual.length) return false;
    if (token !== '*' && token !== actual[i]) return false;
  }
  return wanted.length === actual.length;
}
