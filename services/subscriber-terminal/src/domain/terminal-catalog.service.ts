import type { CatalogLookup } from '../data-access/catalog.lookup';
import type { CatalogRepository } from '../data-access/catalog.repository';
import type { CatalogNames } from './catalog.propagation';
import type { CatalogRow } from './catalog-csv.parser';
import { judgeCatalogEntry, reportKey } from './catalog-learning';
import type { CatalogEntry, ReportedModel } from './subscriber-terminal.model';

export interface ImportResult {
  imported: number;
}

/** Carries a changed entry to the data copied from it (catalog.propagation.ts). */
export interface CatalogChangeListener {
  apply(entry: CatalogNames): Promise<unknown>;
}

/** The terminal catalog: operator imports, and what handsets teach it. */
export class TerminalCatalogService {
  constructor(
    private readonly repository: CatalogRepository,
    readonly lookup: CatalogLookup,
    private readonly now: () => Date = () => new Date(),
    private readonly propagation?: CatalogChangeListener,
  ) {}

  byTac(tac: string): Promise<CatalogEntry | null> {
    return this.lookup.byTac(tac);
  }

  byModel(filter: { manufacturer?: string; model?: string }, limit: number): Promise<CatalogEntry[]> {
    return this.repository.find(
      {
        ...(filter.manufacturer === undefined ? {} : { manufacturer: filter.manufacturer }),
        ...(filter.model === undefined ? {} : { model: filter.model }),
      },
      limit,
    );
  }

  /** Imported rows replace names of any entry; the reports learnt so far are kept and recounted. */
  async import(rows: AsyncIterable<CatalogRow>, onRow?: (count: number) => void): Promise<ImportResult> {
    let imported = 0;
    for await (const row of rows) {
      const existing = await this.repository.get(row.tac);
      const reports = existing?.reports ?? {};
      const verdict = judgeCatalogEntry(
        { origin: 'imported', manufacturer: row.manufacturer, model: row.model },
        Object.values(reports),
      );
      await this.repository.put({
        _id: row.tac,
        tac: row.tac,
        manufacturer: row.manufacturer,
        model: row.model,
        ...(row.os === undefined ? {} : { os: row.os }),
        ...(Object.keys(row.extra).length === 0 ? {} : { extra: row.extra }),
        origin: 'imported',
        confidence: verdict?.confidence ?? 0,
        conflicts: verdict?.conflicts ?? 0,
        reports,
        updatedAt: this.now().toISOString(),
      });
      await this.lookup.forget(row.tac);
      await this.propagation?.apply({
        tac: row.tac,
        manufacturer: row.manufacturer,
        model: row.model,
        ...(row.os === undefined ? {} : { os: row.os }),
      });
      imported++;
      onRow?.(imported);
    }
    return { imported };
  }

  /**
   * A handset with this TAC reported Man/Mod. The count is an atomic increment, so
   * concurrent reports from other partitions are all counted; the verdict is then recomputed.
   */
  async learn(tac: string, manufacturer: string, model: string): Promise<void> {
    const key = reportKey(manufacturer, model);
    const now = this.now().toISOString();
    await this.repository.update(
      tac,
      {
        $inc: { [`reports.${key}.count`]: 1 },
        $set: {
          [`reports.${key}.manufacturer`]: manufacturer,
          [`reports.${key}.model`]: model,
          tac,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
    const entry = await this.repository.get(tac);
    if (entry === null) return;
    const origin = entry.origin ?? 'learned';
    const verdict = judgeCatalogEntry(
      entry.origin === undefined ? null : { ...entry, origin },
      Object.values(entry.reports ?? {}) as ReportedModel[],
    );
    if (verdict === null) return;
    await this.repository.update(tac, { $set: { ...verdict, origin } });
    await this.lookup.forget(tac);
    if (verdict.manufacturer !== entry.manufacturer || verdict.model !== entry.model)
      await this.propagation?.apply({
        tac,
        manufacturer: verdict.manufacturer,
        model: verdict.model,
        ...(entry.os === undefined ? {} : { os: entry.os }),
      });
  }
}
