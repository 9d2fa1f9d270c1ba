import { createHash } from 'node:crypto';
import type { CatalogEntry, ReportedModel } from './subscriber-terminal.model';

const normal = (value: string): string => value.trim().toLowerCase().replace(/\s+/g, ' ');

/** A field-path-safe key per manufacturer/model pair, the same however the handset spells its case. */
export function reportKey(manufacturer: string, model: string): string {
  return `r${createHash('sha1')
    .update(`${normal(manufacturer)}\u0000${normal(model)}`)
    .digest('hex')
    .slice(0, 16)}`;
}

export function sameModel(
  a: { manufacturer: string; model: string },
  b: { manufacturer: string; model: string },
): boolean {
  return reportKey(a.manufacturer, a.model) === reportKey(b.manufacturer, b.model);
}

export interface CatalogVerdict {
  manufacturer: string;
  model: string;
  confidence: number;
  conflicts: number;
}

/**
 * Which manufacturer/model a TAC stands for, given what handsets reported. An imported entry
 * keeps its names (the operator's data wins) and counts agreeing and conflicting reports; a
 * learned one follows the most reported pair, the current one winning ties so that it does
 * not flap.
 */
export function judgeCatalogEntry(
  entry: Pick<CatalogEntry, 'origin' | 'manufacturer' | 'model'> | null,
  reports: readonly ReportedModel[],
): CatalogVerdict | null {
  const total = reports.reduce((sum, r) => sum + r.count, 0);
  if (entry?.origin === 'imported') {
    const agreeing = reports.filter((r) => sameModel(r, entry)).reduce((sum, r) => sum + r.count, 0);
    return {
      manufacturer: entry.manufacturer,
      model: entry.model,
      confidence: agreeing,
      conflicts: total - agreeing,
    };
  }
  let best: ReportedModel | undefined;
  for (const report of reports) {
    const isCurrent = entry !== null && sameModel(report, entry);
    if (best === undefined || report.count > best.count || (report.count === best.count && isCurrent))
      best = report;
  }
  if (best === undefined) return null;
  return {
    manufacturer: best.manufacturer,
    model: best.model,
    confidence: best.count,
    conflicts: total - best.count,
  };
}
