import { randomBytes } from 'node:crypto';
import { createLogger } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  createMongoStore,
  createRedisKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { stateOf } from '../domain/subscriber-state';
import { SeenTerminalRepository } from './seen-terminal.repository';
import { HEAD_EVERY_WRITES, SubscriberStateRepository } from './subscriber-state.repository';
import {
  STATE_TRANSITIONS_COLLECTION,
  SUBSCRIBER_STATES_COLLECTION,
  type StoredStateTransition,
  type StoredSubscriberState,
} from './stored-subscriber-state';
import { TransitionPruner } from './transition.pruner';

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
    await store.collection('subscriber_state_transitions').delete('491700000001|');
    expect((await repository.load('491700000001'))?.state.imei).toBe('490154203237518');
    expect(await repository.loadFromStore('491700000001')).toBeUndefined();
  });

  it('writes a batch in one bulk write, refusing only the writes over a version already followed', async () => {
    const other = (imei: string, observedAt: string) => ({
      ...state(imei, observedAt),
      msisdn: '491700000002',
    });
    const [a1, b1] = await repository.writeMany([
      { next: state('490154203237518', at('10')), expected: undefined },
      { next: other('490154203237518', at('10')), expected: undefined },
    ]);
    expect(await repository.write(state('352099001761481', at('11')), a1)).toBeDefined();
    const outcome = await repository.writeMany([
      { next: state('490154203237518', at('12')), expected: a1 }, // a1 was followed already: lost
      { next: other('352099001761481', at('12')), expected: b1 },
    ]);
    expect(outcome.map((k) => k?.version)).toEqual([undefined, at('12')]);
    expect((await repository.loadFromStore('491700000001'))?.state.imei).toBe('352099001761481');
    expect((await repository.loadFromStore('491700000002'))?.state.imei).toBe('352099001761481');
  });

  it('follows the transitions past a lagging head, and moves the head forward off the write path', async () => {
    const v1 = await repository.write(state('490154203237518', at('10')), undefined);
    const v2 = await repository.write(state('352099001761481', at('11')), v1);
    await repository.write(state('490154203237518', at('12'), '4901542032375102'), v2);
    const fresh = new SubscriberStateRepository({
      store,
      cache,
      cacheTtlMs: 60_000,
      logger,
      keyPrefix: 'other:',
    });
    expect((await fresh.loadMany(['491700000001', '491700000009'])).get('491700000001')?.state).toEqual(
      state('490154203237518', at('12'), '4901542032375102'),
    );
    await fresh.compactor.idle();
    expect(await store.collection('subscriber_states').get('491700000001')).toMatchObject({
      observedAt: at('12'),
      imeisv: '4901542032375102',
    });
    // A head never moves back, and a state read from it still follows later transitions.
    await repository.write(state('352099001761481', at('13')), {
      state: state('490154203237518', at('12')),
      version: at('12'),
      versionMs: Date.parse(at('12')),
    });
    expect((await fresh.loadFromStore('491700000001'))?.version).toBe(at('13'));
  });

  it('moves the head forward every HEAD_EVERY_WRITES writes of a subscriber, so reads from the store stay short', async () => {
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 28, 10, m)).toISOString();
    let known = await repository.write(state('490154203237518', minute(0)), undefined);
    for (let m = 1; m < HEAD_EVERY_WRITES; m++)
      known = await repository.write(state('490154203237518', minute(m)), known);
    await repository.compactor.idle();
    expect(await store.collection('subscriber_states').get('491700000001')).toMatchObject({
      observedAt: minute(HEAD_EVERY_WRITES - 1),
    });
    known = await repository.write(state('352099001761481', minute(HEAD_EVERY_WRITES)), known);
    await repository.compactor.idle();
    expect(await store.collection('subscriber_states').get('491700000001')).toMatchObject({
      observedAt: minute(HEAD_EVERY_WRITES - 1),
    });
    expect((await repository.loadFromStore('491700000001'))?.state.imei).toBe('352099001761481');
  });

  it('prunes the transitions behind a head once older than the retention, and the newest state still reads', async () => {
    let clock = new Date('2026-11-28T14:00:00Z');
    const timed = new SubscriberStateRepository({
      store,
      cache,
      cacheTtlMs: 60_000,
      logger,
      now: () => clock,
    });
    const v1 = await timed.write(state('490154203237518', at('10')), undefined);
    const v2 = await timed.write(state('352099001761481', at('11')), v1);
    const v3 = await timed.write(state('490154203237518', at('12')), v2);
    await timed.write(state('352099001761481', at('13')), v3);
    timed.compactor.advance([v3!]);
    await timed.compactor.idle();
    // A subscriber with no head yet keeps everything; one written recently is not even looked at.
    const other = { ...state('490154203237518', at('10')), msisdn: '491700000002' };
    const o1 = await timed.write(other, undefined);
    await timed.write(
      { ...other, imei: '352099001761481', observedAt: at('11'), observedAtMs: Date.parse(at('11')) },
      o1,
    );
    clock = new Date('2026-11-28T20:00:00Z');
    // Reading from the store follows v3 -> v4 and moves the head to v4 (13:00).
    await timed.write(state('490154203237518', at('14')), (await timed.loadFromStore('491700000001'))!);
    await timed.compactor.idle();

    const transitions = store.collection<StoredStateTransition>(STATE_TRANSITIONS_COLLECTION);
    const pruner = new TransitionPruner(
      transitions,
      store.collection<StoredSubscriberState>(SUBSCRIBER_STATES_COLLECTION),
      {
        retainMs: 3 * 3_600_000,
        pageSize: 2,
        now: () => new Date('2026-11-28T18:00:00Z'),
        logger,
      },
    );
    expect(await pruner.pruneOnce()).toEqual({ examined: 6, deleted: 3 });
    const left = (await transitions.find({}, { sort: { _id: 1 } })).map((t) => t._id);
    expect(left).toEqual([
      '491700000001|' + at('12'), // into the head (13:00)
      '491700000001|' + at('13'), // ahead of the head, and written after the cut-off
      '491700000002|', // no head yet: everything stays
      '491700000002|' + at('10'),
    ]);
    // The newest state still reads from the store (and that read moves the head to it, 14:00)...
    const reader = new SubscriberStateRepository({
      store,
      cache,
      cacheTtlMs: 60_000,
      logger,
      keyPrefix: 'x:',
    });
    expect((await reader.loadFromStore('491700000001'))?.version).toBe(at('14'));
    await reader.compactor.idle();
    // ...so the next run finds the transition into the former head behind the new one.
    expect(await pruner.pruneOnce()).toEqual({ examined: 3, deleted: 1 });
    expect((await reader.loadFromStore('491700000001'))?.version).toBe(at('14'));
  });

  it('claims a handset for its first sighting only, also in its other IMEI spelling', async () => {
    const terminals = new SeenTerminalRepository(store);
    expect(await terminals.claimFirstSighting('490154203237518', '491700000001', at('10'))).toBe(true);
    expect(
      await new SeenTerminalRepository(store).claimFirstSighting('490154203237518', '491700000001', at('10')),
    ).toBe(true);
    expect(await terminals.claimFirstSighting('49015420323751', '491700000002', at('11'))).toBe(false);
  });

  it('claims the handsets of a batch in one call: the first sighting in stream order, a redelivered claim still counts', async () => {
    const terminals = new SeenTerminalRepository(store);
    expect(await terminals.claimFirstSighting('352099001761481', '491700000005', at('09'))).toBe(true);
    const claims = await new SeenTerminalRepository(store).claimMany([
      { imei: '490154203237518', msisdn: '491700000001', observedAt: at('10') },
      { imei: '49015420323751', msisdn: '491700000002', observedAt: at('11') },
      { imei: '352099001761481', msisdn: '491700000005', observedAt: at('09') },
      { imei: '352099001761481', msisdn: '491700000003', observedAt: at('12') },
    ]);
    expect(claims).toEqual([true, false, true, false]);
  });
});
