import { randomBytes } from 'node:crypto';
import { createLogger } from '@dms/service-kit';
import { createEmbeddedStore, createMemoryKeyValueStore, createMongoStore, createRedisKeyValueStore, type DocumentStore, type KeyValueStore } from '@dms/store';
import { stateOf } from '../domain/subscriber-state';
import { SeenTerminalRepository } from './seen-terminal.repository';
import { SubscriberStateRepository } from './subscriber-state.repository';

const logger = createLogger({ service: 'test', level: 'silent' });
const run = randomBytes(4).toString('hex');
const at = (hh: string) => `2026-11-28T${hh}:00:00Z`;
const state = (imei: string, observedAt: string, imeisv?: string) =>
  stateOf({
    msisdn: '491700000001',
    imsi: '262011234567890',
    imei,
    observedAt,
    source: 's',
    ...(imeisv === undefined ? {} : { imeisv }),
  });

const adapters: Array<[string, () => { store: DocumentStore; cache: KeyValueStore }]> = [
  [
    'MongoDB (FerretDB) + Redis',
    () => ({
      store: createMongoStore({
        url: process.env.DMS_MONGO_URL ?? '',
        database: `hlr_int_${run}_${randomBytes(3).toString('hex')}`,
      }),
      cache: createRedisKeyValueStore({
        url: process.env.DMS_REDIS_URL ?? '',
        keyPrefix: `hlr-int-${run}-${randomBytes(3).toString('hex')}:`,
      }),
    }),
  ],
  [
    'embedded SQLite + memory',
    () => ({ store: createEmbeddedStore({ file: ':memory:' }), cache: createMemoryKeyValueStore() }),
  ],
];

describe.each(adapters)('subscriber state on %s', (_name, create) => {
  let store: DocumentStore;
  let cache: KeyValueStore;
  let repository: SubscriberStateRepository;
  beforeEach(() => {
    ({ store, cache } = create());
    repository = new SubscriberStateRepository({ store, cache, cacheTtlMs: 60_000, logger });
  });
  afterEach(async () => {
    await store.close();
    await cache.close();
  });

  it('inserts a first sighting once: a second insert for the same subscriber loses', async () => {
    expect(await repository.write(state('490154203237518', at('10')), undefined)).toBeDefined();
    expect(await repository.write(state('352099001761481', at('10')), undefined)).toBeUndefined();
    expect((await repository.loadFromStore('491700000001'))?.state.imei).toBe('490154203237518');
  });

  it('updates only over the version it read, and drops the IMEISV the new handset lacks', async () => {
    const v1 = await repository.write(state('490154203237518', at('10'), '4901542032375101'), undefined);
    const v2 = await repository.write(state('352099001761481', at('11')), v1);
    expect(v2?.version).toBe(at('11'));
    expect(await repository.write(state('490154203237518', at('12')), v1)).toBeUndefined();
    const stored = await repository.loadFromStore('491700000001');
    expect(stored?.state).toEqual(state('352099001761481', at('11')));
    expect(stored?.state).not.toHaveProperty('imeisv');
  });

  it('reads through the cache and serves what it wrote through', async () => {
    await repository.write(state('490154203237518', at('10')), undefined);
    await store.collection('subscriber_states').delete('491700000001');
    expect((await repository.load('491700000001'))?.state.imei).toBe('490154203237518');
    expect(await repository.loadFromStore('491700000001')).toBeUndefined();
  });

  it('claims a handset for its first sighting only, also in its other IMEI spelling', async () => {
    const terminals = new SeenTerminalRepository(store);
    expect(await terminals.claimFirstSighting('490154203237518', '491700000001', at('10'))).toBe(true);
    expect(
      await new SeenTerminalRepository(store).claimFirstSighting('490154203237518', '491700000001', at('10')),
    ).toBe(true);
    expect(await terminals.claimFirstSighting('49015420323751', '491700000002', at('11'))).toBe(false);
  });
});
