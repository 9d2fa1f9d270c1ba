import { Readable } from 'node:stream';
import { createInProcessEventBus } from '@dms/bus';
import type { EventEnvelope } from '@dms/contracts';
import { waitFor } from '../../test-support/wait-for';
import { CsvHeaderError } from './csv-observation.reader';
import { importMirrorFile, type ImportProgress } from './observation.import';

const CSV = [
  'msisdn,imsi,imei,observedAt,imeisv',
  '491700000001,262011234567890,490154203237518,2026-11-28T10:00:00Z,4901542032375101',
  '491700000002,262011234567891,49015420323751,2026-11-28T10:00:01Z,',
  '',
  '491700000003,262011234567892,490154203237519,2026-11-28T10:00:02Z,',
  '491700000004,262011234567893,490154203237518,yesterday,',
  '491700000005,262011234567894,490154203237518',
  '"491700000006",262011234567895,490154203237518,2026-11-28T10:00:03+01:00,',
].join('\r\n');

function recorder(): ImportProgress & { invalid: Array<[number, string]>; bytesSeen: number } {
  const seen = { invalid: [] as Array<[number, string]>, bytesSeen: 0 };
  return Object.assign(seen, {
    bytes: (count: number) => void (seen.bytesSeen += count),
    rows: () => undefined,
    invalidRow: (line: number, reason: string) => void seen.invalid.push([line, reason]),
  });
}

describe('mirror file import', () => {
  it('publishes the valid rows keyed by MSISDN and reports the invalid ones by line number', async () => {
    const bus = createInProcessEventBus({ source: '/test' });
    const published: EventEnvelope[] = [];
    await bus.subscribe({
      topic: 'hlr.imei-observations.v1',
      group: 'reader',
      handler: async (event) => void published.push(event),
    });
    const progress = recorder();

    const summary = await importMirrorFile({
      input: Readable.from([CSV.slice(0, 70), CSV.slice(70)]),
      bus,
      source: 'mirror-import',
      batchSize: 2,
      progress,
    });

    expect(summary).toMatchObject({ rows: 6, published: 3, invalid: 3 });
    expect(progress.invalid).toEqual([
      [5, 'imei: imei check digit (Luhn) is wrong'],
      [6, expect.stringMatching(/^observedAt: /)],
      [7, '3 cells, the header has 5'],
    ]);
    await waitFor(() => published.length === 3, 'three observations');
    expect(published.map((e) => e.subject).sort()).toEqual(['491700000001', '491700000002', '491700000006']);
    expect(published.find((e) => e.subject === '491700000001')?.data).toEqual({
      msisdn: '491700000001',
      imsi: '262011234567890',
      imei: '490154203237518',
      imeisv: '4901542032375101',
      observedAt: '2026-11-28T10:00:00Z',
      source: 'mirror-import',
    });
    expect(published.find((e) => e.subject === '491700000002')?.data).not.toHaveProperty('imeisv');
    expect(progress.bytesSeen).toBe(Buffer.byteLength(CSV.replace(/\r\n/g, '\n')) + 1);
    await bus.close();
  });

  it('refuses a file whose header lacks a required column', async () => {
    const bus = createInProcessEventBus({ source: '/test' });
    const input = Readable.from([
      'msisdn,imei,observedAt\n491700000001,490154203237518,2026-11-28T10:00:00Z\n',
    ]);
    await expect(
      importMirrorFile({ input, bus, source: 's', batchSize: 10, progress: recorder() }),
    ).rejects.toBeInstanceOf(CsvHeaderError);
    await bus.close();
  });
});
