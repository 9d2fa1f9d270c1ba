import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createTopicsRetrying } from '@dms/bus';
import { OperationalError } from '@dms/service-kit';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { waitFor } from './wait-for';

/** Helpers of test/e2e/hlr-detection.e2e.test.ts (real Kafka, FerretDB, Redis from infra.sh). */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new OperationalError(
      'TEST_NO_INFRA',
      `${name} is not set; run through jest (it starts deploy/local/infra.sh)`,
    );
  return value;
}

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export function testKafka(): Kafka {
  return new Kafka({
    brokers: requireEnv('DMS_KAFKA_BROKERS').split(','),
    clientId: 'hlr-e2e',
    logLevel: logLevel.NOTHING,
  });
}

export async function createTopics(kafka: Kafka, topics: string[], partitions = 4): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await createTopicsRetrying(admin, topics.map((topic) => ({ topic, numPartitions: partitions })));
  await admin.disconnect();
}

/** `kcat -P -K:` as an HLR feed script would run it: plain JSON values, no headers. */
export function kcatProduce(topic: string, lines: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = execFile(
      'kcat',
      ['-P', '-b', requireEnv('DMS_KAFKA_BROKERS'), '-t', topic, '-K:'],
      (error) => (error ? fail(error) : done()),
    );
    child.stdin?.end(`${lines.join('\n')}\n`);
  });
}

export interface ReadRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning for the whole test, into `records`. */
export async function startReader(
  kafka: Kafka,
  topic: string,
): Promise<{ records: ReadRecord[]; stop(): Promise<void> }> {
  const records: ReadRecord[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId: uniqueName('reader'),
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      records.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
    },
  });
  return { records, stop: () => consumer.disconnect() };
}

/** True once `group` has committed every partition of `topic` up to its end: everything produced so far is applied. */
export async function waitCaughtUp(
  kafka: Kafka,
  group: string,
  topic: string,
  timeoutMs: number,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const [ends, committed] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: group, topics: [topic] }),
        ]);
        const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        return ends.every(
          (end) => Number(end.high) === 0 || (done.get(end.partition) ?? -1) >= Number(end.high),
        );
      },
      `group ${group} to catch up on ${topic}`,
      timeoutMs,
    );
  } finally {
    await admin.disconnect();
  }
}

const SERVICE_DIR = resolve(__dirname, '..', '..');

/** The standalone service (main.ts) in a child process, so that it can be SIGKILLed. */
export function spawnDetector(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVICE_DIR,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) =>
    process.stderr.write(`[detector ${child.pid}] ${chunk.toString()}`),
  );
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
  );
}
