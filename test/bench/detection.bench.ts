/**
 * hlr-detector throughput on real Kafka + FerretDB + Redis, against raw kafkajs reading
 * the same topic in the same run.
 *
 *   eval "$(bash deploy/local/infra.sh env)"   # or export DMS_KAFKA_BROKERS, DMS_MONGO_URL, DMS_REDIS_URL
 *   npx tsx test/bench/detection.bench.ts [N]    # default 1,000,000
 *
 * Stream: BENCH_SUBSCRIBERS subscribers (default 2,000) whose combinations are already
 * known (seeded into the detector's store before the clock starts), seen round-robin one
 * BENCH_SIGHTING_INTERVAL_MS apart in observed time (default 1 s), as plain JSON without headers, keyed by MSISDN, like an
 * HLR feed; a fraction BENCH_SWAP_RATE (default 0.001) of the observations is a handset
 * swap. Raw: a kafkajs consumer counting messages (no decoding). Detector: one instance
 * (createHlrDetector with the Kafka, Mongo and Redis adapters, product defaults unless
 * DMS_HLR_* variables say otherwise). Rates run from the first to the last message, so
 * group-join time is excluded.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Message } from '../../services/hlr-detector/node_modules/kafkajs';
import { createLogger, loadConfig } from '../../libs/service-kit/src/index';
import { hlrDetectorConfig } from '../../services/hlr-detector/src/config';
import {
  createBus,
  createCache,
  createStore,
} from '../../services/hlr-detector/src/data-access/adapters.factory';
import { createHlrDetector } from '../../services/hlr-detector/src/hlr-detector';
import { imeiOf } from '../../services/hlr-detector/src/test-support/observation-stream.fixture';
import { counterTotal } from '../../services/hlr-detector/src/test-support/wait-for';

const N = Number(process.argv[2] ?? 1_000_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);
const SWAP_RATE = Number(process.env.BENCH_SWAP_RATE ?? 0.001);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 8);
/** Observed time between two sightings of one subscriber. */
const SIGHTING_MS = Number(process.env.BENCH_SIGHTING_INTERVAL_MS ?? 1000);
const TOPIC = 'hlr.imei-observations.v1';
const BASE = Date.UTC(2026, 10, 28, 0, 0, 0);
for (const name of ['DMS_KAFKA_BROKERS', 'DMS_MONGO_URL', 'DMS_REDIS_URL']) {
  if (!process.env[name]) {
    process.stderr.write(`${name} is not set (eval "$(bash deploy/local/infra.sh env)")\n`);
    process.exit(2);
  }
}
const run = randomBytes(3).toString('hex');
const prefix = `bench-${run}.`;
const msisdnOf = (j: number) => `4915${String(j).padStart(8, '0')}`;
const handsetOf = (j: number, generation: number) =>
  imeiOf(String(36000000 + generation), String(j).padStart(6, '0'));

/** Observation i: subscriber i mod S at its (i div S)-th sighting; a deterministic pseudo-random SWAP_RATE of them change handset. */
function* observations(): Generator<Message> {
  const generation = new Array<number>(SUBSCRIBERS).fill(0);
  let swaps = 0;
  for (let i = 0; i < N; i++) {
    const j = i % SUBSCRIBERS;
    const k = Math.floor(i / SUBSCRIBERS);
    if (k > 0 && ((i * 2654435761) >>> 0) / 2 ** 32 < SWAP_RATE) {
      generation[j] = (generation[j] ?? 0) + 1;
      swaps++;
    }
    const msisdn = msisdnOf(j);
    const observedAt = new Date(
      BASE + k * SIGHTING_MS + Math.floor((j * SIGHTING_MS) / SUBSCRIBERS),
    ).toISOString();
    const value = JSON.stringify({
      msisdn,
      imsi: `26203${String(j).padStart(10, '0')}`,
      imei: handsetOf(j, generation[j] ?? 0),
      observedAt,
      source: 'bench',
    });
    yield { key: msisdn, value };
  }
  expectedSwaps = swaps;
}
let expectedSwaps = 0;

async function produce(kafka: Kafka): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  const started = performance.now();
  let batch: Message[] = [];
  for (const message of observations()) {
    batch.push(message);
    if (batch.length === 2000) {
      await producer.send({ topic: prefix + TOPIC, acks: -1, messages: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await producer.send({ topic: prefix + TOPIC, acks: -1, messages: batch });
  await producer.disconnect();
  return (performance.now() - started) / 1000;
}

async function consumeRaw(kafka: Kafka): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${run}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: prefix + TOPIC, fromBeginning: true });
  let count = 0;
  let first = 0;
  let last = 0;
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch }) => {
      if (first === 0) first = performance.now();
      count += batch.messages.length;
      last = performance.now();
    },
  });
  while (count < N) await new Promise((resolve) => setTimeout(resolve, 20));
  await consumer.disconnect();
  return (last - first) / 1000;
}

/** The subscribers' current combinations, as the detector would have stored them. */
async function seed(store: ReturnType<typeof createStore>): Promise<void> {
  const states = store.collection<{
    _id: string;
    imsi: string;
    imei: string;
    observedAt: string;
    observedAtMs: number;
    updatedAt: string;
  }>('subscriber_states');
  const terminals = store.collection<{ _id: string; firstMsisdn: string; firstObservedAt: string }>(
    'seen_terminals',
  );
  // Last seen just before the stream starts: the subscribers are active ones.
  const observedAt = new Date(BASE - 1000).toISOString();
  for (let j = 0; j < SUBSCRIBERS; j += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, SUBSCRIBERS - j) }, async (_, n) => {
        const msisdn = msisdnOf(j + n);
        const imei = handsetOf(j + n, 0);
        await states.insert({
          _id: msisdn,
          imsi: `26203${String(j + n).padStart(10, '0')}`,
          imei,
          observedAt,
          observedAtMs: Date.parse(observedAt),
          updatedAt: new Date().toISOString(),
        });
        await terminals.insert({ _id: imei.slice(0, 14), firstMsisdn: msisdn, firstObservedAt: observedAt });
      }),
    );
  }
}

async function consumeDetector(): Promise<{ seconds: number; detections: number; ignored: number }> {
  const env = {
    ...process.env,
    DMS_TOPIC_PREFIX: prefix,
    DMS_HLR_GROUP: `bench-detector-${run}`,
    DMS_HLR_MONGO_DATABASE: `bench_${run}`,
    DMS_ADMIN_TOKEN: 'bench',
  };
  const config = loadConfig(hlrDetectorConfig, env);
  const logger = createLogger({ service: 'hlr-detector-bench', level: 'error' });
  const bus = createBus(config, logger);
  const store = createStore(config);
  const cache = createCache(config, logger);
  const seedStarted = performance.now();
  await seed(store);
  console.log(
    `seeded ${SUBSCRIBERS} known combinations in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const detector = createHlrDetector({ bus, store, cache, logger, config });
  await detector.start();
  let first = 0;
  let applied = 0;
  while (applied < N) {
    applied = await counterTotal(detector.registry, 'dms_hlr_observations_total');
    if (first === 0 && applied > 0) first = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - first) / 1000;
  const detections = await counterTotal(detector.registry, 'dms_hlr_detections_total');
  const ignored = await counterTotal(detector.registry, 'dms_hlr_ignored_total');
  await detector.stop();
  await bus.close();
  await store.close();
  await cache.close();
  return { seconds, detections, ignored };
}

const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en');

async function main(): Promise<void> {
  const kafka = new Kafka({
    brokers: (process.env.DMS_KAFKA_BROKERS ?? '').split(','),
    clientId: 'bench',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: prefix + TOPIC, numPartitions: PARTITIONS },
      { topic: `${prefix}terminal.combination-detected.v1`, numPartitions: PARTITIONS },
    ],
  });
  console.log(
    `detection benchmark: N=${N.toLocaleString('en')}, ${SUBSCRIBERS} known subscribers, swap rate ${SWAP_RATE}, ${PARTITIONS} partitions, run ${run}`,
  );
  const produced = await produce(kafka);
  console.log(
    `produced ${N.toLocaleString('en')} plain-JSON observations (${expectedSwaps} swaps) in ${produced.toFixed(1)} s`,
  );
  const raw = await consumeRaw(kafka);
  console.log(`raw kafkajs consume:  ${rate(N, raw).padStart(9)} msg/s  (${raw.toFixed(2)} s)`);
  const detector = await consumeDetector();
  console.log(
    `hlr-detector:         ${rate(N, detector.seconds).padStart(9)} observations/s  (${detector.seconds.toFixed(2)} s)`,
  );
  console.log(
    `                      ${rate(detector.detections, detector.seconds).padStart(9)} detections/s  (${detector.detections} detections, expected ${expectedSwaps}; ${detector.ignored} ignored)`,
  );
  console.log(`ratio detector/raw: ${(raw / detector.seconds).toFixed(2)} (target >= 0.5)`);
  await admin
    .deleteTopics({
      topics: [
        prefix + TOPIC,
        `${prefix}terminal.combination-detected.v1`,
        `${prefix}dlq.bench-detector-${run}`,
      ],
    })
    .catch(() => undefined);
  await admin.disconnect();
  if (detector.detections !== expectedSwaps) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
