import { detection, eventually, inventory, withLuhn } from './test-support/detection.fixtures';
import { api, startHarness, type Harness } from './test-support/service.harness';

const M = '491701234567';
const A = '35693803564380';
const B = '35290611234567';
const t = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;

describe('subscriber-terminal on the embedded store and in-process bus', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('keeps an exact history through swaps, swap-backs, duplicates and redeliveries', async () => {
    const publish = (id: string, imei: string, day: number, extra = {}) =>
      h.bus.publish('terminal.combination-detected.v1', detection(M, imei, t(day), extra), { id });
    await publish('e1', withLuhn(A), 1);
    await publish('e1', withLuhn(A), 1); // redelivery
    await publish('e2', B, 2); // swap
    await publish('e2-copy', B, 2); // duplicate under another id
    await publish('e3', A, 3); // swap back
    await publish('e1', withLuhn(A), 1); // late redelivery of the first
    await publish('e2-late', B, 2); // late duplicate of the swap
    await publish('e4', A, 4, { kind: 'imeisv-changed', imeisv: `${A}07` });
    await eventually(async () => expect(h.updates.map((u) => u.data.change)).toHaveLength(4));

    const { status, body } = await api(h, 'GET', `/api/v1/subscribers/${M}`);
    expect(status).toBe(200);
    expect(body.history).toEqual([
      { imei: A, from: t(1), to: t(2), sourceEventId: 'e1' },
      { imei: B, from: t(2), to: t(3), sourceEventId: 'e2' },
      { imei: A, from: t(3), to: null, sourceEventId: 'e3' },
    ]);
    expect(body.terminal).toMatchObject({
      imei: A,
      givenImei: withLuhn(A),
      imeisv: `${A}07`,
      tac: A.slice(0, 8),
    });
    expect(body.lastSeenAt).toBe(t(4));
    expect(h.updates.map((u) => [u.data.change, u.data.imei])).toEqual([
      ['terminal-attached', A],
      ['terminal-attached', B],
      ['terminal-attached', A],
      ['terminal-identified', A],
    ]);
  });

  it('takes manufacturer, model and versions from an inventory and learns the TAC', async () => {
    await h.bus.publish('terminal.combination-detected.v1', detection(M, A, t(1)), { id: 'd1' });
    await eventually(async () => expect(h.updates).toHaveLength(1));
    await h.bus.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn(A), 'Apple', 'iPhone 6', t(2), '12.5'),
      { id: 'i1' },
    );
    await eventually(async () =>
      expect(h.updates.map((u) => u.data.change)).toEqual(['terminal-attached', 'terminal-identified']),
    );
    const terminal = await api(h, 'GET', `/api/v1/terminals/${withLuhn(A)}`);
    expect(terminal.body).toMatchObject({
      imei: A,
      manufacturer: 'Apple',
      model: 'iPhone 6',
      fwV: '12.5',
      dm: { dmVersion: '1.2', lrgObj: true },
    });
    expect(terminal.body.catalog).toMatchObject({
      tac: A.slice(0, 8),
      manufacturer: 'Apple',
      origin: 'learned',
      confidence: 1,
      conflicts: 0,
    });
    expect(terminal.body.history).toHaveLength(1);
    const page = await api(h, 'GET', '/api/v1/subscribers?model=iPhone%206&firmware=12.5');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual([M]);
    expect(h.updates[1]?.data.terminal).toMatchObject({
      manufacturer: 'Apple',
      model: 'iPhone 6',
      fwV: '12.5',
      dmCapable: true,
    });
  });

  it('lets an imported catalog entry win over learned reports, counting the conflicts', async () => {
    const imported = await api(
      h,
      'POST',
      '/api/v1/catalog/import',
      `tac,manufacturer,model,os\n${A.slice(0, 8)},Apple,iPhone 6,iOS\n`,
      'text/csv',
    );
    expect(imported.body).toEqual({ imported: 1 });
    await h.bus.publish('device.inventory-reported.v1', inventory(withLuhn(A), 'Foxconn', 'X1', t(2)), {
      id: 'i1',
    });
    await h.bus.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn('35693803000001'), 'Apple', 'iPhone 6', t(2)),
      { id: 'i2' },
    );
    await eventually(async () => {
      const entry = await api(h, 'GET', `/api/v1/catalog/${A.slice(0, 8)}`);
      expect(entry.body).toMatchObject({
        manufacturer: 'Apple',
        model: 'iPhone 6',
        os: 'iOS',
        origin: 'imported',
        confidence: 1,
        conflicts: 1,
      });
    });
    const byModel = await api(h, 'GET', '/api/v1/catalog?manufacturer=Apple&model=iPhone%206');
    expect(byModel.body.items.map((e: { tac: string }) => e.tac)).toEqual([A.slice(0, 8)]);
  });

  it('fills new terminals from the catalog by TAC', async () => {
    await api(
      h,
      'POST',
      '/api/v1/catalog/import',
      `tac,manufacturer,model,os\n${B.slice(0, 8)},Samsung,Galaxy S21,Android\n`,
      'text/csv',
    );
    await h.bus.publish('terminal.combination-detected.v1', detection(M, B, t(1)), { id: 'd1' });
    await eventually(async () => expect(h.updates).toHaveLength(1));
    expect(h.updates[0]?.data.terminal).toMatchObject({ manufacturer: 'Samsung', model: 'Galaxy S21' });
    const page = await api(h, 'GET', '/api/v1/subscribers?os=Android&manufacturer=Samsung');
    expect(page.body.items).toHaveLength(1);
  });
});
