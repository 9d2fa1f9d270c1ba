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
 * group-join time is excluded. The detector is done when its group's committed offsets reach
 * the end of every partition (every distinct observation handled, however often a rebalance
 * redelivered some); the detections are then counted on the output topic by distinct event id.
 * CPU per message is the bench process's user+system time over the phase (the detector's
 * adapters run in this process; Kafka, FerretDB and Redis do not).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Kafka, logLevel, type Admin, type Message } from '../../services/hlr-detector/node_modules/kafkajs';
import { createLogger, loadConfig } from '../../libs/service-kit/src/index';
import { hlrDetectorConfig } from '../../services/hlr-detector/src/config';
import { createRedisKeyValueStore } from '../../libs/store/src/index';
import { createBus, createStore } from '../../services/hlr-detector/src/data-access/adapters.factory';
import { createHlrDetector } from '../../services/hlr-detector/src/hlr-detector';
import { imeiOf } from '../../services/hlr-detector/src/test-support/observation-stream.fixture';
import { counterTotal } from '../../services/hlr-detector/src/test-support/wait-for';

const N = Number(process.argv[2] ?? 1_000_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);
const SWAP_RATE = Number(process.env.BENCH_SWAP_RATE ?? 0.001);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 8);
/** Observed time between two sightings of one subscriber. */
const SIGHTING_MS = Number(process.env.BENCH_SIGHTING_INTERVAL_MS ?? 1000);
/** Raw and detector phases alternate this many times over the same records (fresh groups and store each round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/**
 * BENCH_COMPARE='NAME=value ...': every round also runs the detector with these variables
 * set, right after the one with the defaults, so a setting is judged against the defaults
 * under the same machine load (rates on a shared machine swing by tens of percent).
 */
const COMPARE = Object.fromEntries(
  (process.env.BENCH_COMPARE ?? '')
    .split(/\s+/)
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
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

async function consumeRaw(
  kafka: Kafka,
  round: number,
): Promise<{ seconds: number; cpuMsPerMessage: number }> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${run}-${round}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: prefix + TOPIC, fromBeginning: true });
  let count = 0;
  let first = 0;
  let last = 0;
  let cpu = process.cpuUsage();
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch }) => {
      if (first === 0) {
        first = performance.now();
        cpu = process.cpuUsage();
      }
      count += batch.messages.length;
      last = performance.now();
    },
  });
  while (count < N) await new Promise((resolve) => setTimeout(resolve, 20));
  const used = process.cpuUsage(cpu);
  await consumer.disconnect();
  return { seconds: (last - first) / 1000, cpuMsPerMessage: (used.user + used.system) / 1000 / N };
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
  for (let j = 0; j < SUBSCRIBERS; j += 500) {
    const block = Array.from({ length: Math.min(500, SUBSCRIBERS - j) }, (_, n) => j + n);
    await states.insertMany(
      block.map((i) => ({
        _id: msisdnOf(i),
        imsi: `26203${String(i).padStart(10, '0')}`,
        imei: handsetOf(i, 0),
        observedAt,
        observedAtMs: Date.parse(observedAt),
        updatedAt: new Date().toISOString(),
      })),
    );
    await terminals.insertMany(
      block.map((i) => ({
        _id: handsetOf(i, 0).slice(0, 14),
        firstMsisdn: msisdnOf(i),
        firstObservedAt: observedAt,
      })),
    );
  }
}

/**
 * Profiles of the detector phase only (the first round's), for Chrome DevTools:
 * BENCH_CPU_PROFILE=file.cpuprofile (V8 CPU profile), BENCH_HEAP_PROFILE=file.heapprofile
 * (sampled allocations, also of objects already collected: where the garbage comes from).
 */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
const HEAP_PROFILE = process.env.BENCH_HEAP_PROFILE;
async function startProfiles(): Promise<Session> {
  const session = new Session();
  session.connect();
  if (CPU_PROFILE) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  if (HEAP_PROFILE)
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  return session;
}
async function stopProfiles(session: Session): Promise<void> {
  if (CPU_PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(CPU_PROFILE, JSON.stringify(profile));
    console.log(`CPU profile of the detector phase written to ${CPU_PROFILE}`);
  }
  if (HEAP_PROFILE) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(HEAP_PROFILE, JSON.stringify(profile));
    console.log(`allocation profile of the detector phase written to ${HEAP_PROFILE}`);
  }
  session.disconnect();
}

interface DetectorRun {
  seconds: number;
  cpuMsPerMessage: number;
  handled: number;
  detections: number;
  ignored: number;
}

/** True once the group's committed offsets reach the end of every partition of the topic. */
async function committedToEnd(admin: Admin, groupId: string): Promise<boolean> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(prefix + TOPIC),
    admin.fetchOffsets({ groupId, topics: [prefix + TOPIC] }),
  ]);
  const at = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
  return ends.every((end) => (at.get(end.partition) ?? -1n) >= BigInt(end.high));
}

async function consumeDetector(
  admin: Admin,
  round: string,
  overrides: Record<string, string> = {},
): Promise<DetectorRun> {
  const group = `bench-detector-${run}-${round}`;
  const env = {
    ...process.env,
    ...overrides,
    DMS_TOPIC_PREFIX: prefix,
    DMS_HLR_GROUP: group,
    DMS_HLR_MONGO_DATABASE: `bench_${run}_${round}`,
    DMS_ADMIN_TOKEN: 'bench',
  };
  const config = loadConfig(hlrDetectorConfig, env);
  const logger = createLogger({ service: 'hlr-detector-bench', level: 'error' });
  const bus = createBus(config, logger);
  const store = createStore(config);
  // Each round starts from the seeded store alone: the cache of an earlier round (newer sightings) must not be seen.
  const cache = createRedisKeyValueStore({ url: config.redisUrl!, keyPrefix: `${prefix}round-${round}.` });
  const seedStarted = performance.now();
  await seed(store);
  console.log(
    `seeded ${SUBSCRIBERS} known combinations in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const detector = createHlrDetector({ bus, store, cache, logger, config });
  await detector.start();
  let first = 0;
  let cpu = process.cpuUsage();
  while (first === 0) {
    if ((await counterTotal(detector.registry, 'dms_hlr_observations_total')) > 0) first = performance.now();
    else cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const profiler = (CPU_PROFILE || HEAP_PROFILE) && round === '1' ? await startProfiles() : undefined;
  let lastReport = performance.now();
  while (!(await committedToEnd(admin, prefix + group))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A stall (a loaded or restarted store) shows instead of a silent wait.
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const handled = await counterTotal(detector.registry, 'dms_hlr_observations_total');
      console.log(
        `  ... ${handled.toLocaleString('en')} observations handled after ${((lastReport - first) / 1000).toFixed(0)} s`,
      );
    }
  }
  const seconds = (performance.now() - first) / 1000;
  const used = process.cpuUsage(cpu);
  if (profiler) await stopProfiles(profiler);
  const handled = await counterTotal(detector.registry, 'dms_hlr_observations_total');
  const detections = await counterTotal(detector.registry, 'dms_hlr_detections_total');
  const ignored = await counterTotal(detector.registry, 'dms_hlr_ignored_total');
  await detector.stop();
  await bus.close();
  await store.close();
  await cache.close();
  return { seconds, cpuMsPerMessage: (used.user + used.system) / 1000 / N, handled, detections, ignored };
}

/** Where the output topic ends now: the next round's detections are counted from there. */
async function outputEnds(admin: Admin): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(`${prefix}terminal.combination-detected.v1`);
  return new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
}

/** Detections a round put on the output topic (after `from`): records, and distinct event ids (consumers deduplicate by id). */
async function countDetections(
  kafka: Kafka,
  admin: Admin,
  round: string,
  from: Map<number, bigint>,
): Promise<{ records: number; distinct: number }> {
  const topic = `${prefix}terminal.combination-detected.v1`;
  const total = (await admin.fetchTopicOffsets(topic)).reduce(
    (sum, p) => sum + Number(BigInt(p.high) - (from.get(p.partition) ?? 0n)),
    0,
  );
  const ids = new Set<string>();
  let records = 0;
  if (total === 0) return { records, distinct: 0 };
  const consumer = kafka.consumer({ groupId: `bench-count-${run}-${round}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (BigInt(message.offset) < (from.get(partition) ?? 0n)) return;
      records++;
      ids.add(String(message.headers?.['ce_id'] ?? ''));
    },
  });
  while (records < total) await new Promise((resolve) => setTimeout(resolve, 20));
  await consumer.disconnect();
  return { records, distinct: ids.size };
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `median ${median.toFixed(2)}, min ${sorted[0]!.toFixed(2)}, max ${sorted[sorted.length - 1]!.toFixed(2)}`;
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
  const ratios: number[] = [];
  const compared: number[] = [];
  let wrong = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const raw = await consumeRaw(kafka, round);
    console.log(
      `[${round}/${ROUNDS}] raw kafkajs consume:  ${rate(N, raw.seconds).padStart(9)} msg/s  (${raw.seconds.toFixed(2)} s, CPU ${(raw.cpuMsPerMessage * 1000).toFixed(1)} µs/msg)`,
    );
    const from = await outputEnds(admin);
    const detector = await consumeDetector(admin, String(round));
    const output = await countDetections(kafka, admin, String(round), from);
    console.log(
      `[${round}/${ROUNDS}] hlr-detector:         ${rate(N, detector.seconds).padStart(9)} observations/s  (${detector.seconds.toFixed(2)} s, CPU ${(detector.cpuMsPerMessage * 1000).toFixed(1)} µs/msg; ${N.toLocaleString('en')} distinct, ${detector.handled.toLocaleString('en')} handled incl. redeliveries)`,
    );
    console.log(
      `                            ${rate(output.distinct, detector.seconds).padStart(9)} detections/s  (${output.distinct} distinct detections on the topic, ${output.records} records; expected ${expectedSwaps}; ${detector.ignored} ignored)`,
    );
    console.log(
      `[${round}/${ROUNDS}] ratio detector/raw: ${(raw.seconds / detector.seconds).toFixed(2)} wall, ${(raw.cpuMsPerMessage / detector.cpuMsPerMessage).toFixed(2)} CPU per message`,
    );
    ratios.push(raw.seconds / detector.seconds);
    if (output.distinct !== expectedSwaps) wrong++;
    if (Object.keys(COMPARE).length > 0) {
      const fromB = await outputEnds(admin);
      const other = await consumeDetector(admin, `${round}b`, COMPARE);
      const outputB = await countDetections(kafka, admin, `${round}b`, fromB);
      console.log(
        `[${round}/${ROUNDS}] with ${process.env.BENCH_COMPARE}: ${rate(N, other.seconds).padStart(9)} observations/s  (${other.seconds.toFixed(2)} s, CPU ${(other.cpuMsPerMessage * 1000).toFixed(1)} µs/msg; ratio ${(raw.seconds / other.seconds).toFixed(2)} wall; ${outputB.distinct} detections)`,
      );
      compared.push(raw.seconds / other.seconds);
      if (outputB.distinct !== expectedSwaps) wrong++;
    }
  }
  console.log(`ratio detector/raw (wall) over ${ROUNDS} rounds: ${summary(ratios)} (target >= 0.5)`);
  if (compared.length > 0) console.log(`with ${process.env.BENCH_COMPARE}: ${summary(compared)}`);
  await admin
    .deleteTopics({
      topics: [
        prefix + TOPIC,
        `${prefix}terminal.combination-detected.v1`,
        ...Array.from({ length: ROUNDS }, (_, i) => [
          `${prefix}dlq.bench-detector-${run}-${i + 1}`,
          `${prefix}dlq.bench-detector-${run}-${i + 1}b`,
        ]).flat(),
      ],
    })
    .catch(() => undefined);
  await admin.disconnect();
  if (wrong > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
