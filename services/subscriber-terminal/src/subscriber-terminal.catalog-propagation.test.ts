import { detection, eventually, inventory, withLuhn } from './test-support/detection.fixtures';
import { api, startHarness, type Harness } from './test-support/service.harness';

const B = '35290611234567';
const B2 = '35290611999999'; // same TAC, another handset
const TAC = B.slice(0, 8);
const t = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const csv = (row: string) => `tac,manufacturer,model,os\n${row}\n`;

describe('catalog changes reach the terminals and subscribers that copied the catalog', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  async function attach(msisdn: string, imei: string, id: string): Promise<void> {
    const before = h.updates.length;
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei, t(1)), { id });
    await eventually(async () => expect(h.updates.length).toBe(before + 1));
  }

  it('a corrected CSV import changes the names shown and queried; a handset that reported DevInfo keeps its own', async () => {
    await api(h, 'POST', '/api/v1/catalog/import', csv(`${TAC},Samsung,Galaxy S21,Android`), 'text/csv');
    await attach('491701000001', B, 'd1');
    await attach('491701000002', B2, 'd2');
    // B2 says for itself what it is: the handset's word wins over any catalog.
    await h.bus.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn(B2), 'Samsung', 'SM-G991B', t(2)),
      { id: 'i1' },
    );
    await eventually(async () =>
      expect((await api(h, 'GET', `/api/v1/terminals/${B2}`)).body.model).toBe('SM-G991B'),
    );

    const imported = await api(
      h,
      'POST',
      '/api/v1/catalog/import',
      csv(`${TAC},Samsung,Galaxy S21 5G,Android 14`),
      'text/csv',
    );
    expect(imported.status).toBeLessThan(300);

    const subscriber = await api(h, 'GET', '/api/v1/subscribers/491701000001');
    expect(subscriber.body.terminal).toMatchObject({
      manufacturer: 'Samsung',
      model: 'Galaxy S21 5G',
      os: 'Android 14',
    });
    expect(subscriber.body.terminal.catalog).toMatchObject({ model: 'Galaxy S21 5G' });
    const byModel = await api(h, 'GET', '/api/v1/subscribers?model=Galaxy%20S21%205G');
    expect(byModel.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual(['491701000001']);
    expect((await api(h, 'GET', '/api/v1/subscribers?model=Galaxy%20S21')).body.items).toEqual([]);
    const own = await api(h, 'GET', '/api/v1/subscribers/491701000002');
    expect(own.body.terminal).toMatchObject({ model: 'SM-G991B' });
    expect((await api(h, 'GET', '/api/v1/subscribers?model=SM-G991B')).body.items).toHaveLength(1);
  });

  it('a TAC learned from another handset names the terminals first seen without catalog data', async () => {
    await attach('491701000003', B, 'd3');
    expect((await api(h, 'GET', `/api/v1/terminals/${B}`)).body.model).toBeUndefined();
    await attach('491701000004', B2, 'd4');
    await h.bus.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn(B2), 'Samsung', 'SM-G991B', t(2)),
      { id: 'i2' },
    );
    await eventually(async () =>
      expect((await api(h, 'GET', `/api/v1/terminals/${B}`)).body.model).toBe('SM-G991B'),
    );
    const page = await api(h, 'GET', '/api/v1/subscribers?manufacturer=Samsung&model=SM-G991B');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn).sort()).toEqual([
      '491701000003',
      '491701000004',
    ]);
  });

  it('leaves a subscriber that moved to another handset alone', async () => {
    await attach('491701000005', B, 'd5');
    await api(h, 'POST', '/api/v1/catalog/import', csv(`${TAC},Samsung,Galaxy S21,Android`), 'text/csv');
    expect((await api(h, 'GET', '/api/v1/subscribers/491701000005')).body.terminal.model).toBe('Galaxy S21');
    await h.bus.publish(
      'terminal.combination-detected.v1',
      { ...detection('491701000005', '35693803564380', t(3)), previousImei: B, newSubscriber: false },
      { id: 'd6' },
    );
    await eventually(async () =>
      expect((await api(h, 'GET', '/api/v1/subscribers/491701000005')).body.terminal.imei).toBe(
        '35693803564380',
      ),
    );
    await api(h, 'POST', '/api/v1/catalog/import', csv(`${TAC},Samsung,Galaxy S22,Android`), 'text/csv');
    const moved = await api(h, 'GET', '/api/v1/subscribers/491701000005');
    expect(moved.body.terminal.imei).toBe('35693803564380');
    expect(moved.body.terminal.model).toBeUndefined();
    expect((await api(h, 'GET', `/api/v1/terminals/${B}`)).body.model).toBe('Galaxy S22');
  });
});
