import { eventCatalog, formatIssues, type HlrImeiObservation } from '@dms/contracts';

export interface InvalidObservation {
  index: number;
  reason: string;
}

const definition = eventCatalog['hlr.imei-observations.v1'];

/** Validates like a consumer would (upcaster, then the contract schema). */
export function validateObservations(items: readonly unknown[]): {
  valid: HlrImeiObservation[];
  invalid: InvalidObservation[];
} {
  const valid: HlrImeiObservation[] = [];
  const invalid: InvalidObservation[] = [];
  items.forEach((item, index) => {
    const parsed = definition.schema.safeParse(definition.upcast ? definition.upcast(item) : item);
    if (parsed.success) valid.push(parsed.data);
    else invalid.push({ index, reason: formatIssues(parsed.error.issues) });
  });
  return { valid, invalid };
}
