import { judgeCatalogEntry, reportKey } from './catalog-learning';

describe('judgeCatalogEntry', () => {
  it('keeps the imported names and counts reports that disagree as conflicts', () => {
    const verdict = judgeCatalogEntry({ origin: 'imported', manufacturer: 'Apple', model: 'iPhone 12' }, [
      { manufacturer: 'APPLE', model: 'iphone 12', count: 3 },
      { manufacturer: 'Foxconn', model: 'X', count: 5 },
    ]);
    expect(verdict).toEqual({ manufacturer: 'Apple', model: 'iPhone 12', confidence: 3, conflicts: 5 });
  });
  it('follows the most reported pair for a learned entry', () => {
    const verdict = judgeCatalogEntry({ origin: 'learned', manufacturer: 'A', model: 'a' }, [
      { manufacturer: 'A', model: 'a', count: 2 },
      { manufacturer: 'B', model: 'b', count: 3 },
    ]);
    expect(verdict).toEqual({ manufacturer: 'B', model: 'b', confidence: 3, conflicts: 2 });
  });
  it('keeps the current learned pair on a tie', () => {
    const verdict = judgeCatalogEntry({ origin: 'learned', manufacturer: 'B', model: 'b' }, [
      { manufacturer: 'A', model: 'a', count: 2 },
      { manufacturer: 'B', model: 'b', count: 2 },
    ]);
    expect(verdict?.manufacturer).toBe('B');
  });
  it('gives no verdict without reports for a TAC not in the catalog', () => {
    expect(judgeCatalogEntry(null, [])).toBeNull();
  });
  it('keys a pair the same whatever its case and spacing', () => {
    expect(reportKey(' Samsung ', 'SM-G991B')).toBe(reportKey('samsung', 'sm-g991b'));
    expect(reportKey('Samsung', 'SM-G991B')).toMatch(/^r[0-9a-f]{16}$/);
  });
});
