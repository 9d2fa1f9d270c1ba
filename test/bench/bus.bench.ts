/**
 * Event-bus throughput on one broker: raw kafkajs against the Kafka adapter of @dms/bus.
 *
 *   DMS_KAFKA_BROKERS=127.0.0.1:19092 npx tsx test/bench/bus.bench.ts   [BENCH_N=200000]
 *
 * Produce: raw sendBatch of pre-encoded messages (1000 per request) vs adapter publish()
 * (validation, envelope, CloudEvents headers, micro-batching, idempotent producer).
 * Consume: both read the same topic from the beginning with their own group and 4
 * partitions in parallel; raw counts messages in eachBatch (no decoding), the adapter
 * decodes, validates with zod and calls a handler, once without and once with an
 * in-memory processed-event log (idempotency).
 * Rates are measured from the first to the last message, so group-join time is excluded
 * (it is printed separately). Consumption runs BENCH_ROUNDS (default 3) alternating rounds.
 */
import { randomBytes } from 'node:crypto';
// test/package.json does not depend on kafkajs yet; resolve it through @dms/bus's copy.
import { Kafka, logLevel } from '../../libs/bus/node_modules/kafkajs';
import { createInMemoryProcessedEventLog, createKafkaEventBus } from '../../libs/bus/src/index';
import { createEnvelope, encodeKafkaMessage, type EventInput } from '../../libs/contracts/src/index';

const TOPIC = 'hlr.imei-observations.v1' as const;
const N = Number(process.env.BENCH_N ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const brokersEnv = process.env.DMS_KAFKA_BROKERS;
if (!brokersEnv) {
  process.stderr.write('DMS_KAFKA_BROKERS is not set (eval "$(bash deploy/local/infra.sh env)")\n');
  process.exit(2);
}
const brokers = brokersEnv.split(',');
const run = randomBytes(3).toString('hex');
const rawTopic = `bench-${run}-raw.${TOPIC}`;
const adapterPrefix = `bench-${run}-bus.`;

function observation(i: number): EventInput<typeof TOPIC> {
  return {
    msisdn: `4917${String(i % 100_000).padStart(8, '0')}`,
    imsi: `26201${String(i).padStart(10, '0')}`,
    imei: '490154203237518',
    observedAt: new Date(Date.UTC(2026, 10, 28) + i).toISOString(),
    source: 'bench',
  };
}

interface Measure {
  rate: number;
  seconds: number;
  joinSeconds?: number;
  /** CPU time of this process per message (user + system), first to last message. */
  cpuMicrosPerMessage?: number;
}

/** CPU microseconds used by this process since `since`; less disturbed by other load than wall time. */
function cpuSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

async function produceRaw(kafka: Kafka): Promise<Measure> {
  const producer = kafka.producer();
  await producer.connect();
  // Pre-encode with the contract codec so both consumers later read identical records.
  const messages = Array.from({ length: N }, (_, i) => {
    const envelope = createEnvelope(TOPIC, observation(i), { source: '/bench' });
    return encodeKafkaMessage(TOPIC, envelope);
  });
  const started = performance.now();
  for (let i = 0; i < N; i += 1000) await producer.sendBatch({ acks: -1, topicMessages: [{ topic: rawTopic, messages: messages.slice(i, i + 1000) }] });
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return { rate: N / seconds, seconds };
}

async function produceAdapter(): Promise<Measure> {
  const bus = createKafkaEventBus({ brokers, clientId: 'bench-producer', source: '/bench', topicPrefix: adapterPrefix });
  await bus.ready();
  const inputs = Array.from({ length: N }, (_, i) => observation(i));
  const started = performance.now();
  const window = 5000;
  for (let i = 0; i < N; i += window) await Promise.all(inputs.slice(i, i + window).map((input) => bus.publish(TOPIC, input)));
  const seconds = (performance.now() - started) / 1000;
  await bus.close();
  return { rate: N / seconds, seconds };
}

async function consumeRaw(kafka: Kafka, round: number): Promise<Measure> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${run}-${round}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: rawTopic, fromBeginning: true });
  const subscribed = performance.now();
  let count = 0;
  let first = 0;
  let last = 0;
  let bytes = 0;
  let cpuStart = process.cpuUsage();
  let cpu = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch }) => {
      if (first === 0) {
        first = performance.now();
        cpuStart = process.cpuUsage();
      }
      for (const message of batch.messages) bytes += message.value?.length ?? 0;
      count += batch.messages.length;
      last = performance.now();
      if (count >= N) cpu = cpuSince(cpuStart);
    },
  });
  while (count < N) await new Promise((r) => setTimeout(r, 20));
  await consumer.disconnect();
  if (bytes === 0) process.stderr.write('no bytes read\n');
  const seconds = (last - first) / 1000;
  return { rate: N / seconds, seconds, joinSeconds: (first - subscribed) / 1000, cpuMicrosPerMessage: cpu / N };
}

async function consumeAdapter(round: number, withLog: boolean): Promise<Measure> {
  // The adapter reads the raw topic: its physical name is prefix + catalog topic.
  const bus = createKafkaEventBus({
    brokers,
    clientId: 'bench-consumer',
    source: '/bench',
    topicPrefix: `bench-${run}-raw.`,
    processedLog: withLog ? createInMemoryProcessedEventLog() : undefined,
    consumer: { maxWaitTimeMs: 100 },
  });
  let count = 0;
  let first = 0;
  let last = 0;
  let cpuStart = process.cpuUsage();
  let cpu = 0;
  const subscribed = performance.now();
  await bus.subscribe({
    topic: TOPIC,
    group: `bench-bus-${run}-${round}-${withLog ? 'log' : 'nolog'}`,
    handler: async () => {
      if (first === 0) {
        first = performance.now();
        cpuStart = process.cpuUsage();
      }
      count++;
      if (count === N) {
        last = performance.now();
        cpu = cpuSince(cpuStart);
      }
    },
  });
  while (count < N) await new Promise((r) => setTimeout(r, 20));
  await bus.close();
  const seconds = (last - first) / 1000;
  return { rate: N / seconds, seconds, joinSeconds: (first - subscribed) / 1000, cpuMicrosPerMessage: cpu / N };
}

function line(name: string, m: Measure): string {
  const cpu = m.cpuMicrosPerMessage === undefined ? '' : `  ${m.cpuMicrosPerMessage.toFixed(1)} us CPU/msg`;
  const join = m.joinSeconds === undefined ? '' : `  (join + first fetch ${m.joinSeconds.toFixed(2)} s)`;
  return `${name.padEnd(30)} ${Math.round(m.rate).toLocaleString('en').padStart(9)} msg/s  ${m.seconds.toFixed(2)} s${cpu}${join}`;
}

async function main(): Promise<void> {
  const kafka = new Kafka({ brokers, clientId: 'bench', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [rawTopic, adapterPrefix + TOPIC].map((topic) => ({ topic, numPartitions: 4 })) });
  await admin.disconnect();

  console.log(`bus benchmark: N=${N}, brokers=${brokers.join(',')}, 4 partitions, run ${run}`);
  const rawProduce = await produceRaw(kafka);
  console.log(line('produce raw kafkajs', rawProduce));
  const adapterProduce = await produceAdapter();
  console.log(line('produce adapter', adapterProduce));
  // Consume rounds alternate raw and adapter on the same records; the best round of each is
  // compared, so that load from other processes on the machine skews the ratio less.
  const raws: Measure[] = [];
  const validated: Measure[] = [];
  const logged: Measure[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    raws.push(await consumeRaw(kafka, round));
    console.log(line(`consume raw kafkajs #${round}`, raws[raws.length - 1]!));
    validated.push(await consumeAdapter(round, false));
    console.log(line(`consume adapter #${round}`, validated[validated.length - 1]!));
    logged.push(await consumeAdapter(round, true));
    console.log(line(`consume adapter+log #${round}`, logged[logged.length - 1]!));
  }
  const best = (measures: Measure[]) => measures.reduce((a, b) => (b.rate > a.rate ? b : a));
  const rawConsume = best(raws);
  const leastCpu = (measures: Measure[]) => Math.min(...measures.map((m) => m.cpuMicrosPerMessage ?? Infinity));
  console.log(line('consume raw kafkajs, best', rawConsume));
  console.log(line('consume adapter, best', best(validated)));
  console.log(line('consume adapter+log, best', best(logged)));
  console.log(`ratio produce adapter/raw: ${(adapterProduce.rate / rawProduce.rate).toFixed(2)}`);
  console.log(`ratio consume adapter/raw: ${(best(validated).rate / rawConsume.rate).toFixed(2)} (target >= 0.70; validation, no processed-event log)`);
  console.log(`ratio consume adapter+log/raw: ${(best(logged).rate / rawConsume.rate).toFixed(2)} (validation and in-memory processed-event log)`);
  // When consumption is CPU-bound (it is: raw kafkajs spends its time decoding record batches),
  // throughput is inverse to CPU per message; this ratio is steadier on a loaded machine.
  console.log(`ratio consume by CPU/msg adapter: ${(leastCpu(raws) / leastCpu(validated)).toFixed(2)}, adapter+log: ${(leastCpu(raws) / leastCpu(logged)).toFixed(2)}`);

  const cleanup = kafka.admin();
  await cleanup.connect();
  await cleanup.deleteTopics({ topics: [rawTopic, adapterPrefix + TOPIC] }).catch(() => undefined);
  await cleanup.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
