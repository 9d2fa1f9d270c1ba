import { parseCatalogCsv } from './catalog-csv.parser';
import { CatalogCsvError } from './subscriber-terminal.errors';

async function rows(text: string) {
  const out = [];
  for await (const row of parseCatalogCsv(text.split('\n'))) out.push(row);
  return out;
}

describe('parseCatalogCsv', () => {
  it('reads required, optional and extra columns, with quoted commas', async () => {
    const result = await rows(
      'tac,manufacturer,model,os,year\r\n35693803,"Apple, Inc.",iPhone 6,iOS,2014\n\n35290611,Samsung,"SM ""G""",,',
    );
    expect(result).toEqual([
      { tac: '35693803', manufacturer: 'Apple, Inc.', model: 'iPhone 6', os: 'iOS', extra: { year: '2014' } },
      { tac: '35290611', manufacturer: 'Samsung', model: 'SM "G"', extra: {} },
    ]);
  });
  it('matches the known columns in any case and keeps extra column names as written (currentFwV is what diagnostics reads)', async () => {
    expect(await rows('TAC,Manufacturer,Model,currentFwV\n35693803,Acme,AcmePhone 1,1.1.0')).toEqual([
      { tac: '35693803', manufacturer: 'Acme', model: 'AcmePhone 1', extra: { currentFwV: '1.1.0' } },
    ]);
  });
  it('names the line of a bad TAC', async () => {
    await expect(rows('tac,manufacturer,model\n35693803,A,a\n1234,B,b')).rejects.toThrow('line 3');
  });
  it('refuses a header without the model column', async () => {
    await expect(rows('tac,manufacturer\n35693803,A')).rejects.toBeInstanceOf(CatalogCsvError);
  });
});
