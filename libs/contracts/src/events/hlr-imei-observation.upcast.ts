/**
 * Upcaster for HLR observations in the shape of the first front-end feed (before the
 * contract existed): `timestamp` (ISO string or epoch milliseconds) instead of
 * `observedAt`, and `hlrId` instead of `source`. Records are recognised by shape because
 * external producers send no type header. Current-shape records pass through untouched.
 */
export function upcastHlrImeiObservation(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  if (!('timestamp' in record) && !('hlrId' in record)) return raw;
  const { timestamp, hlrId, ...rest } = record;
  const observedAt = typeof timestamp === 'number' ? new Date(timestamp).toISOString() : timestamp;
  return { ...rest, observedAt: rest.observedAt ?? observedAt, source: rest.source ?? hlrId };
}
