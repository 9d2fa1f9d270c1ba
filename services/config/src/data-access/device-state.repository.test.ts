import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { DeviceStateRepository } from './device-state.repository';

describe('device config state', () => {
  const store = createEmbeddedStore({ file: ':memory:' });
  afterAll(() => store.close());
  const devices = new DeviceStateRepository(store);

  it('creates a record with defaults on the first change', async () => {
    await devices.patch('IMEI:1', { manufacturer: 'Acme' });
    expect(await devices.get('IMEI:1')).toMatchObject({ _id: 'IMEI:1', state: 'pending', settings: [], applied: [], manufacturer: 'Acme' });
  });

  it('writes only the fields it is given, so concurrent writers of one device keep each other’s changes', async () => {
    await devices.patch('IMEI:2', { state: 'pending', lastJobId: 'job-1' });
    // A report (handset details) and a completion (state) land at the same time.
    await Promise.all([
      devices.patch('IMEI:2', { manufacturer: 'Acme', model: 'AcmePhone 1', tac: '35693803' }),
      devices.patch('IMEI:2', { state: 'applied', applied: ['mms'], reason: undefined }),
    ]);
    expect(await devices.get('IMEI:2')).toMatchObject({ state: 'applied', applied: ['mms'], manufacturer: 'Acme', model: 'AcmePhone 1', lastJobId: 'job-1' });
  });

  it('removes a field set to undefined', async () => {
    await devices.patch('IMEI:3', { state: 'failed', reason: 'expired' });
    await devices.patch('IMEI:3', { state: 'applied', reason: undefined });
    const record = await devices.get('IMEI:3');
    expect(record?.state).toBe('applied');
    expect(record).not.toHaveProperty('reason');
  });

  it('a first change racing another one creates the record once and keeps both', async () => {
    await Promise.all([devices.patch('IMEI:4', { manufacturer: 'Acme' }), devices.patch('IMEI:4', { state: 'skipped', reason: 'no-template' })]);
    expect(await devices.get('IMEI:4')).toMatchObject({ state: 'skipped', reason: 'no-template', manufacturer: 'Acme', settings: [] });
  });
});
