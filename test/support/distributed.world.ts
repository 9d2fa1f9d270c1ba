/**
 * What the distributed end-to-end tests share: the services of onboarding.system.ts on
 * distributed adapters (own Kafka client, NATS connection, FerretDB database and Redis
 * prefix each), Package 0 wake-ups over SMPP through the real Perl SMSC with the SMS
 * handed to the handsets attached to the radio, an observer recording the events of the
 * topics asked for, and kcat as the HLR front-end.
 */
import { execFile } from 'node:child_process';
import type { TopicName } from '../../libs/contracts/src/index';
import { defaultNotificationProfile } from '../../libs/syncml/src/index';
import { createSmppDeviceWakeUp, type SmppDeviceWakeUp } from '../../services/dm-gateway/src/wake-up/index';
import { PerlSmsc } from '../../services/dm-gateway/src/wake-up/perl-smsc.fixture';
import { startOnboardingSystem, type OnboardingSystem, type SystemOptions } from './onboarding.system';
import { distributedAdapters, testLogger, type AdapterFactory } from './service-adapters';
import { SmscRadio } from './smsc-radio';

export type Seen = { topic: TopicName; data: Record<string, unknown>; at: number };

export interface World {
  readonly system: OnboardingSystem;
  readonly adapters: AdapterFactory;
  readonly radio: SmscRadio;
  /** Every event of the observed topics, in arrival order. */
  readonly events: Seen[];
  /** Produces `key:value` lines to the (prefixed) HLR topic with kcat, as an HLR front-end does. */
  hlr(lines: string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorld(name: string, smscLogin: { systemId: string; password: string }, topics: TopicName[], options: SystemOptions = {}): Promise<World> {
  const smsc = await PerlSmsc.start(smscLogin.systemId, smscLogin.password);
  const wakeUp: SmppDeviceWakeUp = createSmppDeviceWakeUp({
    smsc: { host: '127.0.0.1', port: smsc.port, systemId: smscLogin.systemId, password: smscLogin.password, sourceAddress: 'DMS' },
    profileFor: () => defaultNotificationProfile,
    rateLimitPerSecond: 50,
    maxAttempts: 3,
    logger: testLogger('wake-up'),
  });
  const adapters = distributedAdapters(name);
  const system = await startOnboardingSystem(adapters, wakeUp, options);
  const observer = adapters.observerBus();
  const events: Seen[] = [];
  for (const topic of topics)
    await observer.subscribe({ topic, group: `observer-${topic}`, fromBeginning: true, handler: async (e) => void events.push({ topic, data: e.data as Record<string, unknown>, at: Date.now() }) });
  const radio = new SmscRadio(smsc);
  radio.start();
  return {
    system,
    adapters,
    radio,
    events,
    hlr: (lines) =>
      new Promise((done, fail) => {
        const child = execFile('kcat', ['-P', '-b', process.env['DMS_KAFKA_BROKERS']!, '-t', `${adapters.topicPrefix}hlr.imei-observations.v1`, '-K:'], (e) => (e ? fail(e) : done()));
        child.stdin?.end(`${lines.join('\n')}\n`);
      }),
    async stop() {
      radio.stop();
      await system.stop();
      await adapters.close();
      await wakeUp.close();
      await smsc.kill();
    },
  };
}
