/**
 * hlr-detector on real Kafka, FerretDB and Redis (deploy/local/infra.sh): an HLR feed
 * produced with `kcat -K:` (plain JSON, no headers) becomes exactly the expected
 * `terminal.combination-detected.v1` events, malformed records land in the dead-letter
 * topic with their reasons, a detector SIGKILLed mid-stream and started again loses and
 * duplicates nothing (counted by distinct ce_id), and two instances in one group share
 * the partitions with the same result. Each test runs under its own topic prefix,
 * database and Redis key prefix.
 */
import { createLogger, loadConfig } from '../../libs/service-kit/src/index';
import { hlrDetectorConfig } from '../../services/hlr-detector/src/config';
import {
  createBus,
  createCache,
  createStore,
} from '../../services/hlr-detector/src/data-access/adapters.factory';
import { createHlrDetector } from '../../services/hlr-detector/src/hlr-detector';
import { bulkStream } from '../../services/hlr-detector/src/test-support/bulk-stream.fixture';
import {
  createTopics,
  exited,
  kcatProduce,
  requireEnv,
  spawnDetector,
  startReader,
  testKafka,
  uniqueName,
  waitCaughtUp,
  type ReadRecord,
} from '../../services/hlr-detector/src/test-support/kafka-e2e.harness';
import {
  detectionView,
  EXPECTED_DEAD_LETTERS,
  EXPECTED_DETECTIONS,
  sortDetections,
  STREAM_PHASE_1,
  STREAM_PHASE_2,
  type ExpectedDetection,
} from '../../services/hlr-detector/src/test-support/observation-stream.fixture';
import { waitFor } from '../../services/hlr-detector/src/test-support/wait-for';

jest.setTimeout(180_000);

const OBSERVATIONS = 'hlr.imei-observations.v1';
const DETECTIONS = 'terminal.combination-detected.v1';

interface Run {
  prefix: string;
  /** The consumer group as configured (DMS_HLR_GROUP); the bus prefixes it with DMS_TOPIC_PREFIX on Kafka. */
  group: string;
  env: Record<string, string>;
  kafka: ReturnType<typeof testKafka>;
}

async function newRun(): Promise<Run> {
  const prefix = `${uniqueName('e2e')}.`;
  const group = `hlr-detector-${prefix.slice(0, -1)}`;
  const kafka = testKafka();
  await createTopics(kafka, [prefix + OBSERVATIONS, prefix + DETECTIONS]);
  const env = {
    DMS_KAFKA_BROKERS: requireEnv('DMS_KAFKA_BROKERS'),
    DMS_MONGO_URL: requireEnv('DMS_MONGO_URL'),
    DMS_REDIS_URL: requireEnv('DMS_REDIS_URL'),
    DMS_TOPIC_PREFIX: prefix,
    DMS_HLR_GROUP: group,
    DMS_HLR_MONGO_DATABASE: prefix.replace(/\W/g, '_'),
    DMS_ADMIN_TOKEN: 'e2e-admin-token',
    DMS_KAFKA_SESSION_TIMEOUT_MS: '6000',
    DMS_KAFKA_HEARTBEAT_MS: '500',
    // Small batches: the stream (a few hundred records) must span many, or no SIGKILL lands mid-stream.
    DMS_HLR_MAX_BATCH_SIZE: '20',
  };
  return { prefix, group, env, kafka };
}

/** Distinct events by ce_id: a re-announcement after a crash carries the id of the first. */
function distinctDetections(records: readonly ReadRecord[]): Map<string, ExpectedDetection> {
  const byId = new Map<string, ExpectedDetection>();
  for (const record of records) {
    const id = record.headers.ce_id;
    if (id !== undefined && !byId.has(id))
      byId.set(id, detectionView(JSON.parse(record.value) as ExpectedDetection & Record<string, unknown>));
  }
  return byId;
}

async function expectDeadLetters(run: Run): Promise<void> {
  const dlq = await startReader(run.kafka, `${run.prefix}dlq.${run.group}`);
  try {
    // At-least-once: a record dead-lettered just before a SIGKILL is dead-lettered again after the restart.
    await waitFor(
      () => new Set(dlq.records.map((r) => r.key)).size >= 4,
      'four distinct dead letters',
      20_000,
    );
    const reasons = new Map(dlq.records.map((r) => [r.key, r.headers.dlq_reason]));
    expect([...reasons.keys()].sort()).toEqual(Object.keys(EXPECTED_DEAD_LETTERS).sort());
    for (const [key, reason] of reasons) expect(reason).toMatch(EXPECTED_DEAD_LETTERS[key] ?? /^$/);
  } finally {
    await dlq.stop();
  }
}

describe('hlr-detector on Kafka, FerretDB and Redis', () => {
  it('survives a SIGKILL mid-stream: after a restart every detection is there exactly once', async () => {
    const run = await newRun();
    const bulk = bulkStream(300);
    const expected = sortDetections([...EXPECTED_DETECTIONS, ...bulk.expected]);
    const reader = await startReader(run.kafka, run.prefix + DETECTIONS);
    let detector = spawnDetector(run.env);
    try {
      await kcatProduce(run.prefix + OBSERVATIONS, [...STREAM_PHASE_1, ...bulk.lines]);
      await waitFor(
        () => distinctDetections(reader.records).size >= expected.length / 4,
        'a quarter of the detections',
        60_000,
      );
      detector.kill('SIGKILL');
      await exited(detector);
      const beforeRestart = distinctDetections(reader.records).size;
      expect(beforeRestart).toBeLessThan(expected.length - STREAM_PHASE_2.length);

      detector = spawnDetector(run.env);
      await waitCaughtUp(run.kafka, run.prefix + run.group, run.prefix + OBSERVATIONS, 90_000);
      await kcatProduce(run.prefix + OBSERVATIONS, STREAM_PHASE_2);
      await waitCaughtUp(run.kafka, run.prefix + run.group, run.prefix + OBSERVATIONS, 30_000);
      await waitFor(
        () => distinctDetections(reader.records).size >= expected.length,
        'every detection',
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));

      const distinct = distinctDetections(reader.records);
      expect(sortDetections([...distinct.values()])).toEqual(expected);
      process.stderr.write(
        `kill/restart: ${beforeRestart} of ${expected.length} detections before SIGKILL, ${reader.records.length - distinct.size} re-announced under the same id\n`,
      );
      await expectDeadLetters(run);
    } finally {
      detector.kill('SIGKILL');
      await exited(detector);
      await reader.stop();
    }
  });

  it('shares the partitions between two instances of the group and detects the same set', async () => {
    const run = await newRun();
    const bulk = bulkStream(200);
    const expected = sortDetections([...EXPECTED_DETECTIONS, ...bulk.expected]);
    const reader = await startReader(run.kafka, run.prefix + DETECTIONS);
    const config = loadConfig(hlrDetectorConfig, run.env);
    const logger = createLogger({ service: 'hlr-detector-e2e', level: 'warn' });
    const instances = [0, 1].map(() => {
      const bus = createBus(config, logger);
      const store = createStore(config);
      const cache = createCache(config, logger);
      return { bus, store, cache, detector: createHlrDetector({ bus, store, cache, logger, config }) };
    });
    try {
      await Promise.all(instances.map((i) => i.detector.start()));
      await kcatProduce(run.prefix + OBSERVATIONS, [...STREAM_PHASE_1, ...bulk.lines]);
      await waitCaughtUp(run.kafka, run.prefix + run.group, run.prefix + OBSERVATIONS, 90_000);
      await kcatProduce(run.prefix + OBSERVATIONS, STREAM_PHASE_2);
      await waitCaughtUp(run.kafka, run.prefix + run.group, run.prefix + OBSERVATIONS, 30_000);
      await waitFor(
        () => distinctDetections(reader.records).size >= expected.length,
        'every detection',
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(sortDetections([...distinctDetections(reader.records).values()])).toEqual(expected);
      for (const instance of instances) {
        const applied =
          (await instance.detector.registry.getSingleMetricAsString('dms_hlr_observations_total')).match(
            / (\d+)$/gm,
          ) ?? [];
        expect(applied.reduce((sum, v) => sum + Number(v), 0)).toBeGreaterThan(0);
      }
      await expectDeadLetters(run);
    } finally {
      for (const i of instances) {
        await i.detector.stop();
        await i.bus.close();
        await i.store.close();
        await i.cache.close();
      }
      await reader.stop();
    }
  });
});
