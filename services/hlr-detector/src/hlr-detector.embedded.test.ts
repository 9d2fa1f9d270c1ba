import { createInProcessEventBus, type InProcessEventBus } from '@dms/bus';
import { createLogger } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { createHlrDetector, type HlrDetector, type HlrDetectorSettings } from './hlr-detector';
import {
  detectionView,
  EXPECTED_DEAD_LETTERS,
  EXPECTED_DETECTIONS,
  sortDetections,
  splitLine,
  STREAM_PHASE_1,
  STREAM_PHASE_2,
  type ExpectedDetection,
} from './test-support/observation-stream.fixture';
import { counterTotal, waitFor } from './test-support/wait-for';

const logger = createLogger({ service: 'hlr-detector-test', level: 'silent' });
const base: HlrDetectorSettings = {
  adminToken: 't',
  consumerGroup: 'hlr-detector',
  cacheTtlMs: 60_000,
  localCacheEntries: 1000,
  lastSeenWriteIntervalMs: 0,
};

interface Running {
  bus: InProcessEventBus;
  store: DocumentStore;
  cache: KeyValueStore;
  detector: HlrDetector;
  detections: Array<{ id: string; data: ExpectedDetection & Record<string, unknown> }>;
}

async function startEmbedded(settings: HlrDetectorSettings): Promise<Running> {
  const bus = createInProcessEventBus({ source: '/test' });
  const store = createEmbeddedStore({ file: ':memory:' });
  const cache = createMemoryKeyValueStore();
  const detector = createHlrDetector({ bus, store, cache, logger, config: settings });
  const detections: Running['detections'] = [];
  await bus.subscribe({
    topic: 'terminal.combination-detected.v1',
    group: 'reader',
    handler: async (event) =>
      void detections.push({ id: event.id, data: event.data as Running['detections'][number]['data'] }),
  });
  await detector.start();
  return { bus, store, cache, detector, detections };
}

async function produce(running: Running, lines: readonly string[]): Promise<void> {
  for (const record of lines) await running.bus.publishRaw('hlr.imei-observations.v1', splitLine(record));
}

/** Every valid record of the phases so far has been applied (the counter counts each outcome once). */
async function applied(running: Running, count: number): Promise<void> {
  await waitFor(
    async () => (await counterTotal(running.detector.registry, 'dms_hlr_observations_total')) >= count,
    `${count} applied observations`,
  );
}

const VALID_PHASE_1 = STREAM_PHASE_1.length - Object.keys(EXPECTED_DEAD_LETTERS).length;

describe.each([
  ['every sighting written through, memory tier on', base],
  ['no memory tier', { ...base, localCacheEntries: 0 }],
  ['deferred last-seen writes', { ...base, lastSeenWriteIntervalMs: 3_600_000 }],
])('hlr-detector on the embedded adapters (%s)', (_name, settings) => {
  let running: Running;
  beforeEach(async () => {
    running = await startEmbedded(settings);
  });
  afterEach(async () => {
    await running.detector.stop();
    await running.bus.close();
    await running.store.close();
    await running.cache.close();
  });

  it('announces exactly the expected detections of a realistic stream, each under its own id', async () => {
    await produce(running, STREAM_PHASE_1);
    await applied(running, VALID_PHASE_1);
    await produce(running, STREAM_PHASE_2);
    await applied(running, VALID_PHASE_1 + STREAM_PHASE_2.length);
    await waitFor(() => running.detections.length >= EXPECTED_DETECTIONS.length, 'the detections');

    expect(sortDetections(running.detections.map((d) => detectionView(d.data)))).toEqual(
      sortDetections(EXPECTED_DETECTIONS),
    );
    expect(new Set(running.detections.map((d) => d.id)).size).toBe(EXPECTED_DETECTIONS.length);
    expect(await counterTotal(running.detector.registry, 'dms_hlr_detections_total')).toBe(
      EXPECTED_DETECTIONS.length,
    );
    // stale: S2 10:30, S5 08:00; duplicates: S1 10:05 twice, S1 11:00 from a second front-end, S2 12:00 again
    expect(await counterTotal(running.detector.registry, 'dms_hlr_ignored_total')).toBe(5);
  });

  it('dead-letters the malformed records with their reasons and goes on', async () => {
    await produce(running, STREAM_PHASE_1);
    await applied(running, VALID_PHASE_1);
    await waitFor(() => running.bus.deadLetters('hlr-detector').length >= 4, 'the dead letters');

    const letters = running.bus.deadLetters('hlr-detector');
    expect(letters.map((l) => l.key?.toString()).sort()).toEqual(Object.keys(EXPECTED_DEAD_LETTERS).sort());
    for (const letter of letters)
      expect(letter.headers.dlq_reason).toMatch(EXPECTED_DEAD_LETTERS[letter.key?.toString() ?? ''] ?? /^$/);
  });

  it('announces nothing when the whole stream is delivered a second time', async () => {
    await produce(running, STREAM_PHASE_1);
    await applied(running, VALID_PHASE_1);
    await produce(running, STREAM_PHASE_2);
    await applied(running, VALID_PHASE_1 + STREAM_PHASE_2.length);
    await produce(running, [...STREAM_PHASE_1, ...STREAM_PHASE_2]);
    await applied(running, 2 * (VALID_PHASE_1 + STREAM_PHASE_2.length));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(running.detections).toHaveLength(EXPECTED_DETECTIONS.length);
  });
});

describe('state transition clean-up', () => {
  it('refuses a retention shorter than twice the cache TTL, naming the variable and what to do', () => {
    const start = () =>
      createHlrDetector({
        bus: createInProcessEventBus({ source: '/test' }),
        store: createEmbeddedStore({ file: ':memory:' }),
        cache: createMemoryKeyValueStore(),
        logger,
        config: { ...base, cacheTtlMs: 3_600_000, transitionRetentionMs: 3_600_000 },
      });
    expect(start).toThrow(
      /DMS_HLR_TRANSITION_RETENTION_MS: 3600000 ms is less than twice DMS_HLR_CACHE_TTL_MS/,
    );
  });

  it('prunes on demand, touching nothing younger than the retention (the int test covers what it deletes)', async () => {
    const running = await startEmbedded({
      ...base,
      transitionRetentionMs: 2 * base.cacheTtlMs,
      pruneIntervalMs: 0,
    });
    try {
      await produce(running, STREAM_PHASE_1);
      await waitFor(() => running.detections.length > 0, 'first detections', 10_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Nothing is old enough yet: the clean-up looks at nothing.
      expect(await running.detector.prune()).toEqual({ examined: 0, deleted: 0 });
      expect(await counterTotal(running.detector.registry, 'dms_hlr_transitions_pruned_total')).toBe(0);
    } finally {
      await running.detector.stop();
      await running.bus.close();
      await running.store.close();
      await running.cache.close();
    }
  });
});
